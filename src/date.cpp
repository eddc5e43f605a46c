#include "x12/date.hpp"

namespace x12 {

using date_detail::number;
using Date = boost::gregorian::date;

std::optional<Date> make_date(std::int64_t year, std::int64_t month, std::int64_t day) noexcept {
  // Checked first so that no bad date costs an exception; then the
  // constructor cannot throw.
  if (!calendar_day(year, month, day)) return std::nullopt;
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(day));
}

std::optional<Date> parse_ccyymmdd(std::string_view v) noexcept {
  if (v.size() != 8 || !date_detail::all_digits(v)) return std::nullopt;
  return make_date(number(v, 0, 4), number(v, 4, 2), number(v, 6, 2));
}

std::optional<Date> parse_yymmdd(std::string_view v) noexcept {
  if (v.size() != 6 || !date_detail::all_digits(v)) return std::nullopt;
  return make_date(2000 + number(v, 0, 2), number(v, 2, 2), number(v, 4, 2));
}

std::optional<std::pair<Date, Date>> parse_rd8(std::string_view v) noexcept {
  if (v.size() != 17 || v[8] != '-') return std::nullopt;
  auto from = parse_ccyymmdd(v.substr(0, 8));
  auto to = parse_ccyymmdd(v.substr(9));
  if (!from || !to) return std::nullopt;
  return std::pair{*from, *to};
}

std::optional<Date> parse_iso_date(std::string_view v) noexcept {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return std::nullopt;
  auto y = v.substr(0, 4), m = v.substr(5, 2), d = v.substr(8, 2);
  if (!date_detail::all_digits(y) || !date_detail::all_digits(m) || !date_detail::all_digits(d)) return std::nullopt;
  return make_date(number(y, 0, 4), number(m, 0, 2), number(d, 0, 2));
}

std::optional<Date> parse_iso_or_ccyymmdd(std::string_view v) noexcept {
  return v.size() == 8 ? parse_ccyymmdd(v) : parse_iso_date(v);
}

std::string to_iso_date(const Date& d) {
  if (d.is_special()) return {};
  const auto ymd = d.year_month_day();
  const unsigned y = ymd.year, m = ymd.month, day = ymd.day;  // year 1400..9999 (boost's range)
  std::string out(10, '-');
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
  return out;
}

}  // namespace x12
