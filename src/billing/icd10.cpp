#include "x12/billing/icd10.hpp"

#include <fmt/format.h>

#include <cctype>

#include "billing/json_util.hpp"
#include "x12/syntax/source.hpp"

namespace x12::billing {

namespace {
bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}
}  // namespace

std::optional<std::string> normalize_icd10(std::string_view code) {
  code = trim(code);
  std::string out;
  out.reserve(7);
  std::size_t i = 0;
  for (; i < code.size() && out.size() < 3; ++i) {
    char c = code[i];
    if (!alnum(c)) return std::nullopt;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (out.size() != 3 || !alpha(out[0]) || !digit(out[1])) return std::nullopt;
  if (i < code.size() && code[i] == '.') {
    ++i;
    if (i == code.size()) return std::nullopt;  // "F33." has nothing after the dot
  }
  std::size_t extra = 0;
  for (; i < code.size(); ++i, ++extra) {
    if (!alnum(code[i]) || extra == 4) return std::nullopt;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(code[i])));
  }
  return out;
}

std::string dotted_icd10(std::string_view x) {
  if (x.size() <= 3) return std::string(x);
  return fmt::format("{}.{}", x.substr(0, 3), x.substr(3));
}

result<CodeTable> CodeTable::load_order_file(std::string_view text) {
  auto list = schema::ExternalCodeList::from_icd10cm_order_file(text);
  if (!list) return list.error();
  CodeTable t;
  t.codes_ = std::move(list).value();
  return t;
}

result<CodeTable> CodeTable::load_order_file_path(const std::string& path) {
  auto list = schema::ExternalCodeList::from_icd10cm_order_file_path(path);
  if (!list) return list.error();
  CodeTable t;
  t.codes_ = std::move(list).value();
  return t;
}

const CodeTable& CodeTable::behavioral_health() {
  static const CodeTable table = [] {
    auto r = load_order_file(detail::embedded_billing_file("icd10cm-behavioral-health.txt"));
    if (!r) throw usage_error("embedded ICD-10-CM table is malformed: " + r.error().message);
    return std::move(r).value();
  }();
  return table;
}

const IcdEntry* CodeTable::find(std::string_view code) const {
  auto n = normalize_icd10(code);
  if (!n) return nullptr;
  return codes_.find(*n);
}

}  // namespace x12::billing
