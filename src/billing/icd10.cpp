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
  CodeTable t;
  std::size_t line_no = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;
    auto bad = [&](std::string_view why) {
      return Error{
          make_error_code(errc::grammar_syntax), {}, fmt::format("ICD-10-CM order file line {}: {}", line_no, why)};
    };
    if (line.size() < 16) return bad("shorter than the fixed-width layout");
    for (std::size_t k = 0; k < 5; ++k)
      if (!digit(line[k])) return bad("order number is not five digits");
    if (line[5] != ' ' || line[13] != ' ' || line[15] != ' ') return bad("fields are not at the CMS columns");
    std::string_view code = trim(line.substr(6, 7));
    auto normal = normalize_icd10(code);
    if (!normal || code.find('.') != std::string_view::npos) return bad("code is not an ICD-10-CM code without a dot");
    char flag = line[14];
    if (flag != '0' && flag != '1') return bad("header flag is not 0 or 1");
    IcdEntry e;
    e.billable = flag == '1';
    if (line.size() > 16) e.short_description = std::string(trim(line.substr(16, 60)));
    t.codes_[*normal] = std::move(e);
  }
  return t;
}

result<CodeTable> CodeTable::load_order_file_path(const std::string& path) {
  auto text = syntax::read_whole_file(path);
  if (!text) return Error{text.error().code, {}, "cannot read the ICD-10-CM order file"};
  return load_order_file(*text);
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
  auto it = codes_.find(*n);
  return it == codes_.end() ? nullptr : &it->second;
}

}  // namespace x12::billing
