#include "billing/json_util.hpp"
#include <algorithm>

#include <fmt/format.h>
#include <charconv>

#include "x12/date.hpp"

namespace x12::billing::detail {

std::string line_column(std::string_view text, std::size_t byte) {
  std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());  // nlohmann counts from 1
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return fmt::format("line {}, column {}", line, column);
}

void fail(const std::string& path, std::string_view what) { throw FieldError(fmt::format("{}: {}", path, what)); }

std::optional<Date> parse_date(std::string_view t) noexcept { return x12::parse_iso_or_ccyymmdd(t); }

std::string format_date(Date d) {
  auto ymd = d.year_month_day();
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                     static_cast<int>(ymd.day));
}

namespace {
const json* member(const json& o, const char* key) {
  if (!o.is_object()) return nullptr;
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return nullptr;
  return &*it;
}
std::string at(const std::string& path, const char* key) { return path.empty() ? key : path + "." + key; }
}  // namespace

std::string get_string(const json& o, const char* key, const std::string& path, std::string fallback) {
  const json* v = member(o, key);
  if (!v) return fallback;
  if (v->is_number_integer()) return std::to_string(v->get<std::int64_t>());
  if (!v->is_string()) fail(at(path, key), "expected a string");
  return v->get<std::string>();
}

std::string need_string(const json& o, const char* key, const std::string& path) {
  std::string s = get_string(o, key, path);
  if (s.empty()) fail(at(path, key), "required");
  return s;
}

int get_int(const json& o, const char* key, const std::string& path, int fallback) {
  auto v = get_opt_int(o, key, path);
  return v ? *v : fallback;
}

std::optional<int> get_opt_int(const json& o, const char* key, const std::string& path) {
  const json* v = member(o, key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) fail(at(path, key), "expected a whole number");
  return v->get<int>();
}

bool get_bool(const json& o, const char* key, const std::string& path, bool fallback) {
  const json* v = member(o, key);
  if (!v) return fallback;
  if (!v->is_boolean()) fail(at(path, key), "expected true or false");
  return v->get<bool>();
}

std::optional<Date> get_date(const json& o, const char* key, const std::string& path) {
  const json* v = member(o, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) fail(at(path, key), "expected a date YYYY-MM-DD");
  auto d = parse_date(v->get<std::string>());
  if (!d) fail(at(path, key), "expected a date YYYY-MM-DD");
  return d;
}

Date need_date(const json& o, const char* key, const std::string& path) {
  auto d = get_date(o, key, path);
  if (!d) fail(at(path, key), "required date missing");
  return *d;
}

std::vector<std::string> get_strings(const json& o, const char* key, const std::string& path) {
  std::vector<std::string> out;
  const json* v = member(o, key);
  if (!v) return out;
  if (!v->is_array()) fail(at(path, key), "expected an array of strings");
  for (const auto& e : *v) {
    if (!e.is_string()) fail(at(path, key), "expected an array of strings");
    out.push_back(e.get<std::string>());
  }
  return out;
}

Money to_money(const json& v, const std::string& path) {
  std::optional<Money> m;
  if (v.is_string()) m = Money::parse(v.get<std::string>());
  else if (v.is_number_integer()) m = Money::from_cents(v.get<std::int64_t>() * 100);
  else if (v.is_number()) m = Money::parse(v.dump());
  if (!m) fail(path, "expected an amount such as \"150.00\"");
  return *m;
}

Address read_address(const json& o, const std::string& path) {
  Address a;
  a.line1 = get_string(o, "line1", path);
  a.line2 = get_string(o, "line2", path);
  a.city = get_string(o, "city", path);
  a.state = get_string(o, "state", path);
  a.zip = get_string(o, "zip", path);
  return a;
}

}  // namespace x12::billing::detail
