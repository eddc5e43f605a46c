// Which grammar answers a transaction set: chosen by ST01 and the guide
// version from ST03 (or GS08 when ST03 is absent or unknown), with the
// version aliases the registry file lists (005010X222 and 005010X222A2 find
// the 005010X222A1 grammar). The default registry is built from the grammars
// embedded in the library; a companion-guide variant can be loaded from a
// path and registered on top.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "x12/error.hpp"
#include "x12/schema/grammar.hpp"
#include "x12/schema/grammar_loader.hpp"

namespace x12::schema {

// A file of grammars/ compiled into the library (see cmake/grammars.cmake).
struct EmbeddedFile {
  std::string_view name;  // "835.005010X221A1.x12g"
  std::string_view text;
};
std::span<const EmbeddedFile> embedded_grammar_files() noexcept;

class Registry {
 public:
  // The registry of the embedded grammars, built once on first use
  // (thread-safe). Throws std::system_error only if the embedded grammars do
  // not load, which the library's own tests rule out.
  static const Registry& builtin();

  // A fresh registry from the embedded files, to extend with registered variants.
  static result<Registry> from_embedded();

  // From a directory holding the .x12d and .x12c files, registry.x12r and
  // the grammars it names (an installed share/x12/grammars, say).
  static result<Registry> from_directory(const std::filesystem::path& dir);

  // The grammar for a transaction set, or nullptr. ST03 wins when it names a
  // registered version; otherwise GS08 decides. Allocation-free.
  const Grammar* find(std::string_view gs08, std::string_view st01, std::string_view st03 = {}) const noexcept;

  // Makes `grammar` answer ST01 = grammar->transaction for each version
  // (its own version is always included). A later registration replaces an
  // earlier one for the same transaction and version.
  void add(std::shared_ptr<const Grammar> grammar, std::span<const std::string> extra_versions = {});

  // Loads a grammar file (a payer's companion-guide variant) against this
  // registry's dictionary and code lists, and registers it as above.
  result<std::shared_ptr<const Grammar>> load_and_add(const std::filesystem::path& path,
                                                      std::span<const std::string> extra_versions = {});
  // The same from text; `source` names it in error messages.
  result<std::shared_ptr<const Grammar>> load_and_add(std::string_view text, std::string_view source,
                                                      std::span<const std::string> extra_versions = {});

  const GrammarSet& grammar_set() const noexcept { return set_; }
  // Every (transaction, version) key the registry answers, sorted.
  std::vector<std::pair<std::string, std::string>> keys() const;

 private:
  using Key = std::pair<std::string, std::string>;  // ST01, version
  struct KeyLess {
    using is_transparent = void;
    template <class A, class B> bool operator()(const A& a, const B& b) const noexcept {
      return std::pair<std::string_view, std::string_view>(a.first, a.second) <
             std::pair<std::string_view, std::string_view>(b.first, b.second);
    }
  };
  // Loads every .x12d and .x12c among `names`, then registry.x12r and the
  // grammars it names, all through `read`.
  template <class Read>
  static result<Registry> build(const std::vector<std::string>& names, Read&& read, std::string_view origin);

  GrammarSet set_;
  std::map<Key, std::shared_ptr<const Grammar>, KeyLess> by_key_;
};

}  // namespace x12::schema
