// Loading grammars: the element dictionary (.x12d), code lists (.x12c) and
// implementation guides (.x12g), from text or from a path. The format is on
// one page in grammars/README.md. The parser (Boost.Spirit X3) stays in src/.
#pragma once

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "x12/error.hpp"
#include "x12/schema/grammar.hpp"

namespace x12::schema {

// A dictionary, the code lists and the grammars that were resolved against
// them. A grammar is usable on its own after loading (it shares its code lists).
// Not thread-safe while being filled; read-only use from many threads is fine.
class GrammarSet {
 public:
  const Dictionary& dictionary() const noexcept { return dictionary_; }
  const CodeListSet& code_lists() const noexcept { return code_lists_; }
  const std::vector<std::shared_ptr<const Grammar>>& grammars() const noexcept { return grammars_; }

  // `source` names the text in error messages ("elements.x12d").
  // Each returns how many entries it added, or errc::grammar_syntax /
  // errc::grammar_reference (duplicates, unknown references) with
  // "source:line:column: what". Nothing is added on error.
  result<std::size_t> add_dictionary(std::string_view text, std::string_view source);
  result<std::size_t> add_code_lists(std::string_view text, std::string_view source);
  result<std::shared_ptr<const Grammar>> add_grammar(std::string_view text, std::string_view source);

  // The same, reading a file (errc::file_unreadable when it cannot be read).
  // The file name (not the full path) is the source in messages.
  result<std::size_t> add_dictionary_file(const std::filesystem::path& path);
  result<std::size_t> add_code_lists_file(const std::filesystem::path& path);
  result<std::shared_ptr<const Grammar>> add_grammar_file(const std::filesystem::path& path);

 private:
  Dictionary dictionary_;
  CodeListSet code_lists_;
  std::vector<std::shared_ptr<const Grammar>> grammars_;
};

// Parses a grammar against a dictionary and code lists without keeping it in a set.
result<Grammar> load_grammar(std::string_view text, std::string_view source, const Dictionary& dictionary,
                             const CodeListSet& code_lists);

// One line of a registry file (`registry.x12r`).
struct RegistryEntry {
  std::string file;                   // "837p.005010X222A1.x12g"
  std::string transaction;            // "837"
  std::vector<std::string> versions;  // first is the grammar's own version
};
result<std::vector<RegistryEntry>> load_registry_entries(std::string_view text, std::string_view source);

}  // namespace x12::schema
