#include "x12/schema/registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <system_error>

#include "x12/syntax/source.hpp"

namespace x12::schema {

namespace {

Error reference_error(std::string message) {
  return Error{make_error_code(errc::grammar_reference), {}, std::move(message)};
}

}  // namespace

template <class Read>
result<Registry> Registry::build(const std::vector<std::string>& names, Read&& read, std::string_view origin) {
  // Every dictionary and code-list file first (a guide's own lists sit in
  // their own file next to the shared ones), then the grammars the registry names.
  auto with_suffix = [&](std::string_view suffix) {
    std::vector<std::string> out;
    for (const auto& n : names)
      if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) out.push_back(n);
    std::sort(out.begin(), out.end());
    return out;
  };
  Registry reg;
  for (const auto& name : with_suffix(".x12d")) {
    auto text = read(name);
    if (!text) return text.error();
    if (auto n = reg.set_.add_dictionary(*text, name); !n) return n.error();
  }
  for (const auto& name : with_suffix(".x12c")) {
    auto text = read(name);
    if (!text) return text.error();
    if (auto n = reg.set_.add_code_lists(*text, name); !n) return n.error();
  }
  auto registry_text = read("registry.x12r");
  if (!registry_text) return registry_text.error();
  auto entries = load_registry_entries(*registry_text, "registry.x12r");
  if (!entries) return entries.error();
  for (const auto& entry : *entries) {
    auto text = read(entry.file);
    if (!text) return text.error();
    auto grammar = reg.set_.add_grammar(*text, entry.file);
    if (!grammar) return grammar.error();
    if ((*grammar)->transaction != entry.transaction)
      return reference_error(fmt::format("registry.x12r: {} is a {} grammar, not {} ({})", entry.file,
                                         (*grammar)->transaction, entry.transaction, origin));
    reg.add(*grammar, entry.versions);
  }
  return reg;
}

result<Registry> Registry::from_embedded() {
  auto files = embedded_grammar_files();
  std::vector<std::string> names;
  for (const auto& f : files) names.emplace_back(f.name);
  return build(
      names,
      [&](std::string_view name) -> result<std::string> {
        for (const auto& f : files)
          if (f.name == name) return std::string(f.text);
        return reference_error(fmt::format("{}: not among the embedded grammar files", name));
      },
      "embedded");
}

result<Registry> Registry::from_directory(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file()) names.push_back(e.path().filename().string());
  if (ec)
    return Error{
        make_error_code(errc::file_unreadable), {}, fmt::format("{}: cannot list the directory", dir.string())};
  return build(
      names, [&](std::string_view name) { return syntax::read_whole_file(dir / std::string(name)); }, dir.string());
}

const Registry& Registry::builtin() {
  static const Registry instance = [] {
    auto r = from_embedded();
    if (!r) throw std::system_error(r.error().code, r.error().message);
    return std::move(r).value();
  }();
  return instance;
}

const Grammar* Registry::find(std::string_view gs08, std::string_view st01, std::string_view st03) const noexcept {
  using View = std::pair<std::string_view, std::string_view>;
  if (!st03.empty())
    if (auto it = by_key_.find(View(st01, st03)); it != by_key_.end()) return it->second.get();
  if (auto it = by_key_.find(View(st01, gs08)); it != by_key_.end()) return it->second.get();
  return nullptr;
}

void Registry::add(std::shared_ptr<const Grammar> grammar, std::span<const std::string> extra_versions) {
  by_key_[Key(grammar->transaction, grammar->version)] = grammar;
  for (const auto& v : extra_versions) by_key_[Key(grammar->transaction, v)] = grammar;
}

result<std::shared_ptr<const Grammar>> Registry::load_and_add(const std::filesystem::path& path,
                                                              std::span<const std::string> extra_versions) {
  auto g = set_.add_grammar_file(path);
  if (g) add(*g, extra_versions);
  return g;
}

result<std::shared_ptr<const Grammar>> Registry::load_and_add(std::string_view text, std::string_view source,
                                                              std::span<const std::string> extra_versions) {
  auto g = set_.add_grammar(text, source);
  if (g) add(*g, extra_versions);
  return g;
}

std::vector<std::pair<std::string, std::string>> Registry::keys() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, g] : by_key_) out.push_back(k);
  return out;
}

}  // namespace x12::schema
