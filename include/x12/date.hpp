// X12 dates and times, read one way in every layer: the envelope (ISA09/10),
// the validator (DT and TM elements, D8 and RD8), the typed models, billing's
// JSON and storage, and the tool's --as-of. The calendar is Boost.Date_Time's
// gregorian calendar, whose years run from 1400 to 9999.
//
// The predicates are inline: the validator asks valid_date for every DT
// element, so the digit test runs first and only then does the calendar
// (end_of_month_day) decide.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace x12 {

namespace date_detail {

inline bool all_digits(std::string_view v) noexcept {
  for (char c : v)
    if (c < '0' || c > '9') return false;
  return true;
}

// The decimal value of v[at, at + n); v holds digits there.
inline int number(std::string_view v, std::size_t at, std::size_t n) noexcept {
  int x = 0;
  for (std::size_t i = at; i < at + n; ++i) x = x * 10 + (v[i] - '0');
  return x;
}

}  // namespace date_detail

// Is year-month-day a day of the calendar (years 1400 to 9999)?
inline bool calendar_day(std::int64_t year, std::int64_t month, std::int64_t day) noexcept {
  if (year < 1400 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  using cal = boost::gregorian::gregorian_calendar;
  return day <= cal::end_of_month_day(static_cast<unsigned short>(year), static_cast<unsigned short>(month));
}

// CCYYMMDD: eight digits naming a calendar day.
inline bool valid_ccyymmdd(std::string_view v) noexcept {
  using namespace date_detail;
  return v.size() == 8 && all_digits(v) && calendar_day(number(v, 0, 4), number(v, 4, 2), number(v, 6, 2));
}

// YYMMDD: six digits naming a calendar day of 20YY (ISA09; a DT element of six).
inline bool valid_yymmdd(std::string_view v) noexcept {
  using namespace date_detail;
  return v.size() == 6 && all_digits(v) && calendar_day(2000 + number(v, 0, 2), number(v, 2, 2), number(v, 4, 2));
}

// An X12 DT value: CCYYMMDD, or YYMMDD when six long.
inline bool valid_date(std::string_view v) noexcept { return v.size() == 8 ? valid_ccyymmdd(v) : valid_yymmdd(v); }

// An X12 TM value: HHMM, HHMMSS, HHMMSSD or HHMMSSDD (hours to 23, minutes
// and seconds to 59, decimal seconds any digits).
inline bool valid_time(std::string_view v) noexcept {
  using namespace date_detail;
  if (v.size() != 4 && v.size() != 6 && v.size() != 7 && v.size() != 8) return false;
  if (!all_digits(v) || number(v, 0, 2) > 23 || number(v, 2, 2) > 59) return false;
  return v.size() < 6 || number(v, 4, 2) <= 59;
}

// HHMM only (ISA10).
inline bool valid_hhmm(std::string_view v) noexcept { return v.size() == 4 && valid_time(v); }

// RD8: CCYYMMDD-CCYYMMDD, both days valid (the order is not checked).
inline bool valid_rd8(std::string_view v) noexcept {
  return v.size() == 17 && v[8] == '-' && valid_ccyymmdd(v.substr(0, 8)) && valid_ccyymmdd(v.substr(9));
}

// The day, or nullopt when it is not one of the calendar (no exception).
std::optional<boost::gregorian::date> make_date(std::int64_t year, std::int64_t month, std::int64_t day) noexcept;

// CCYYMMDD (D8).
std::optional<boost::gregorian::date> parse_ccyymmdd(std::string_view v) noexcept;
// YYMMDD, read as 20YY (ISA09).
std::optional<boost::gregorian::date> parse_yymmdd(std::string_view v) noexcept;
// CCYYMMDD-CCYYMMDD (RD8): first and last day.
std::optional<std::pair<boost::gregorian::date, boost::gregorian::date>> parse_rd8(std::string_view v) noexcept;
// YYYY-MM-DD (ISO 8601 extended, as JSON and the ledger write dates).
std::optional<boost::gregorian::date> parse_iso_date(std::string_view v) noexcept;
// YYYY-MM-DD or CCYYMMDD: dates a person types (billing JSON, --as-of).
std::optional<boost::gregorian::date> parse_iso_or_ccyymmdd(std::string_view v) noexcept;
// YYYY-MM-DD, as boost's to_iso_extended_string writes it, without its
// stream and locale (the ledger writes a date per row); "" for a special
// value (not_a_date_time, infinity).
std::string to_iso_date(const boost::gregorian::date& d);

// Whole days from `from` to `as_of`, the age every report shows (claim aging,
// days in a lifecycle state). Never negative: something dated after the
// report's day (a ledger written later than --as-of) is 0 days old, not -300.
// 0 for a special value.
inline int days_elapsed(const boost::gregorian::date& from, const boost::gregorian::date& as_of) noexcept {
  if (from.is_special() || as_of.is_special() || as_of < from) return 0;
  return static_cast<int>((as_of - from).days());
}

}  // namespace x12
