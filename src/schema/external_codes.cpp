// External code lists: the CSV reader (CARC, RARC), the CMS ICD-10-CM order
// file reader, and the partial CARC and RARC lists compiled in.
#include "x12/schema/external_codes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "schema/segment_checker.hpp"  // diagnosis_code_well_formed
#include "x12/date.hpp"
#include "x12/syntax/source.hpp"

namespace x12::schema {

namespace detail {
// grammars/carc.csv and grammars/rarc.csv (cmake/posting_tables.cmake).
std::string_view embedded_code_list_file(std::string_view name) noexcept;
}  // namespace detail

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

// One CSV record (RFC 4180 quoting), fields trimmed; advances `at` past the line.
std::vector<std::string> csv_record(std::string_view text, std::size_t& at) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (; at < text.size(); ++at) {
    const char c = text[at];
    if (quoted) {
      if (c == '"' && at + 1 < text.size() && text[at + 1] == '"') fields.back() += '"', ++at;
      else if (c == '"') quoted = false;
      else fields.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      ++at;
      break;
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  for (auto& f : fields) f = std::string(trim(f));
  return fields;
}

// "Stop_Date" -> "stop date".
std::string column_name(std::string_view h) {
  std::string out;
  for (char c : h) out += (c == '_' || c == '-') ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// CCYYMMDD, YYYY-MM-DD or MM/DD/YYYY (as x12.org prints them).
std::optional<boost::gregorian::date> list_date(std::string_view v) {
  if (auto d = parse_iso_or_ccyymmdd(v)) return d;
  if (v.size() == 10 && v[2] == '/' && v[5] == '/') {
    const std::string ccyymmdd = fmt::format("{}{}{}", v.substr(6, 4), v.substr(0, 2), v.substr(3, 2));
    return parse_ccyymmdd(ccyymmdd);
  }
  return std::nullopt;
}

Error bad_list(std::string message) { return Error{make_error_code(errc::grammar_syntax), {}, std::move(message)}; }

struct Columns {
  static constexpr std::size_t none = std::string::npos;
  std::size_t code = 0, description = 1, start = none, stop = none, family = none;
};

Columns find_columns(const std::vector<std::string>& header) {
  Columns c;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string h = column_name(header[i]);
    if (h == "code" || h == "carc" || h == "rarc") c.code = i;
    else if (h == "description" || h == "desc" || h == "text") c.description = i;
    else if (h == "start" || h == "start date" || h == "effective" || h == "effective date") c.start = i;
    else if (h == "stop" || h == "stop date" || h == "end" || h == "end date" || h == "deactivated" ||
             h == "deactivation date")
      c.stop = i;
    else if (h == "family") c.family = i;
  }
  return c;
}

}  // namespace

result<std::size_t> ExternalCodeList::merge_csv(std::string_view csv, std::string_view source) {
  std::size_t at = csv.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  const auto header = csv_record(csv, at);
  if (header.size() < 2)
    return bad_list(
        fmt::format("{}: the code list needs a header line with at least two columns: code and description", source));
  const Columns col = find_columns(header);
  auto codes = codes_;  // nothing changes on error
  std::size_t line = 1, added = 0;
  while (at < csv.size()) {
    const auto f = csv_record(csv, at);
    ++line;
    if (f.size() == 1 && f[0].empty()) continue;
    if (f.size() <= std::max(col.code, col.description) || f[col.code].empty())
      return bad_list(fmt::format("{} line {}: no code or no description", source, line));
    ExternalCode& e = codes[f[col.code]];
    e.description = f[col.description];
    auto date = [&](std::size_t c, std::optional<boost::gregorian::date>& out) -> bool {
      if (c >= f.size() || f[c].empty()) return true;
      out = list_date(f[c]);
      return out.has_value();
    };
    if (!date(col.start, e.start) || !date(col.stop, e.stop))
      return bad_list(
          fmt::format("{} line {}: a start or stop date is not CCYYMMDD, YYYY-MM-DD or MM/DD/YYYY", source, line));
    if (col.family < f.size() && !f[col.family].empty()) e.family = f[col.family];
    ++added;
  }
  codes_ = std::move(codes);
  complete_ = true;
  return added;
}

result<ExternalCodeList> ExternalCodeList::from_csv(std::string_view csv, std::string_view source) {
  ExternalCodeList list;
  if (auto r = list.merge_csv(csv, source); !r) return r.error();
  return list;
}

result<ExternalCodeList> ExternalCodeList::from_csv_file(const std::filesystem::path& path) {
  auto text = syntax::read_whole_file(path);
  if (!text) return Error{text.error().code, {}, fmt::format("cannot read the code list {}", path.filename().string())};
  return from_csv(*text, path.filename().string());
}

namespace {
result<ExternalCodeList> load_over(const ExternalCodeList& builtin, const std::filesystem::path& path) {
  auto text = syntax::read_whole_file(path);
  if (!text) return Error{text.error().code, {}, fmt::format("cannot read the code list {}", path.filename().string())};
  ExternalCodeList list = builtin;
  if (auto r = list.merge_csv(*text, path.filename().string()); !r) return r.error();
  return list;
}
}  // namespace

result<ExternalCodeList> ExternalCodeList::load_carc(const std::filesystem::path& path) {
  return load_over(builtin_carc(), path);
}

result<ExternalCodeList> ExternalCodeList::load_rarc(const std::filesystem::path& path) {
  return load_over(builtin_rarc(), path);
}

result<ExternalCodeList> ExternalCodeList::from_icd10cm_order_file(std::string_view text) {
  ExternalCodeList list;
  std::size_t line_no = 0;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;
    auto bad = [&](std::string_view why) {
      return bad_list(fmt::format("ICD-10-CM order file line {}: {}", line_no, why));
    };
    if (line.size() < 16) return bad("shorter than the fixed-width layout");
    for (std::size_t k = 0; k < 5; ++k)
      if (!digit(line[k])) return bad("order number is not five digits");
    if (line[5] != ' ' || line[13] != ' ' || line[15] != ' ') return bad("fields are not at the CMS columns");
    std::string code(trim(line.substr(6, 7)));
    std::transform(code.begin(), code.end(), code.begin(),
                   [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
    if (!detail::diagnosis_code_well_formed("ABK", code)) return bad("code is not an ICD-10-CM code without a dot");
    const char flag = line[14];
    if (flag != '0' && flag != '1') return bad("header flag is not 0 or 1");
    ExternalCode e;
    e.billable = flag == '1';
    if (line.size() > 16) e.description = std::string(trim(line.substr(16, 60)));
    list.codes_[std::move(code)] = std::move(e);
  }
  return list;
}

result<ExternalCodeList> ExternalCodeList::from_icd10cm_order_file_path(const std::filesystem::path& path) {
  auto text = syntax::read_whole_file(path);
  if (!text) return Error{text.error().code, {}, "cannot read the ICD-10-CM order file"};
  return from_icd10cm_order_file(*text);
}

namespace {
ExternalCodeList builtin_list(std::string_view name) {
  auto r = ExternalCodeList::from_csv(detail::embedded_code_list_file(name), name);
  if (!r) throw usage_error(fmt::format("the embedded code list {} does not parse: {}", name, r.error().message));
  r->set_complete(false);
  return std::move(r).value();
}
}  // namespace

const ExternalCodeList& ExternalCodeList::builtin_carc() {
  static const ExternalCodeList list = builtin_list("carc.csv");
  return list;
}

const ExternalCodeList& ExternalCodeList::builtin_rarc() {
  static const ExternalCodeList list = builtin_list("rarc.csv");
  return list;
}

const ExternalCode* ExternalCodeList::find(std::string_view code) const noexcept {
  auto it = codes_.find(code);
  return it == codes_.end() ? nullptr : &it->second;
}

bool carc_shaped(std::string_view code) noexcept {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (code.empty() || code.size() > 3) return false;
  if (code[0] >= 'A' && code[0] <= 'Z') return code.size() >= 2 && std::all_of(code.begin() + 1, code.end(), digit);
  return std::all_of(code.begin(), code.end(), digit);
}

bool rarc_shaped(std::string_view code) noexcept {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::string_view rest;
  if (code.substr(0, 2) == "MA") rest = code.substr(2);
  else if (!code.empty() && (code[0] == 'M' || code[0] == 'N')) rest = code.substr(1);
  else return false;
  return !rest.empty() && rest.size() <= 4 && std::all_of(rest.begin(), rest.end(), digit);
}

}  // namespace x12::schema
