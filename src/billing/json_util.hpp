// Private helpers for the billing JSON readers: typed field access that
// reports the path of a bad field (never its value), dates, money.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "x12/billing/encounter.hpp"
#include "x12/error.hpp"
#include "x12/money.hpp"

namespace x12::billing {
struct TelehealthRule;
}

namespace x12::billing::detail {

using json = nlohmann::json;
using Date = boost::gregorian::date;

// Thrown inside the readers only; turned into an Error at the entry point.
struct FieldError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& path, std::string_view what);

std::optional<Date> parse_date(std::string_view text) noexcept;
std::string format_date(Date d);  // YYYY-MM-DD

// Optional members: absent or null gives the fallback; a wrong type fails.
std::string get_string(const json& o, const char* key, const std::string& path, std::string fallback = {});
std::string need_string(const json& o, const char* key, const std::string& path);
int get_int(const json& o, const char* key, const std::string& path, int fallback);
std::optional<int> get_opt_int(const json& o, const char* key, const std::string& path);
bool get_bool(const json& o, const char* key, const std::string& path, bool fallback);
std::optional<Date> get_date(const json& o, const char* key, const std::string& path);
Date need_date(const json& o, const char* key, const std::string& path);
std::vector<std::string> get_strings(const json& o, const char* key, const std::string& path);
Money to_money(const json& v, const std::string& path);

// "line L, column C" of a byte offset (1-based, columns in bytes).
std::string line_column(std::string_view text, std::size_t byte);

// Parses text; on a syntax error (naming line and column) or FieldError
// returns the Error.
template <class F> auto read_json(std::string_view text, std::string_view what, F&& f) -> result<decltype(f(json{}))> {
  json j;
  try {
    j = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    return Error{make_error_code(errc::json_invalid),
                 {},
                 std::string(what) + ": not valid JSON at " + line_column(text, e.byte)};
  }
  try {
    return f(j);
  } catch (const FieldError& e) {
    return Error{make_error_code(errc::json_invalid), {}, std::string(what) + ": " + e.what()};
  } catch (const json::exception& e) {
    return Error{make_error_code(errc::json_invalid), {}, std::string(what) + ": wrong JSON shape"};
  }
}

std::string_view embedded_billing_file(std::string_view name) noexcept;

// An address object: line1, line2, city, state, zip.
Address read_address(const json& o, const std::string& path);
// A payer's telehealth rule: members given replace those of `base`.
TelehealthRule read_telehealth(const json& o, const std::string& path, TelehealthRule base);

}  // namespace x12::billing::detail
