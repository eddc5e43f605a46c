#include "x12/money.hpp"

#include <fmt/format.h>
#include <boost/spirit/home/x3.hpp>
#include <cstdlib>
#include <limits>

namespace x12 {

namespace {
namespace x3 = boost::spirit::x3;

// Consumes `parser` at `it`; returns the consumed text.
template <class Parser>
std::string_view take(std::string_view::const_iterator& it, std::string_view::const_iterator end,
                      const Parser& parser) {
  auto from = it;
  x3::parse(it, end, parser);
  return {from, it};
}
}  // namespace

std::optional<Money> Money::parse(std::string_view text) noexcept {
  // Spirit's character classes assume ASCII; a byte >= 0x80 is never a digit.
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
  auto it = text.begin();
  const auto end = text.end();
  const bool negative = !take(it, end, x3::lit('-')).empty();
  std::string_view whole = take(it, end, *x3::digit);
  std::string_view frac;
  if (!take(it, end, x3::lit('.')).empty()) frac = take(it, end, *x3::digit);
  if (it != end || (whole.empty() && frac.empty())) return std::nullopt;
  while (frac.size() > 2 && frac.back() == '0') frac.remove_suffix(1);
  if (frac.size() > 2) return std::nullopt;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max() / 100 - 1;
  std::int64_t units = 0;
  for (char c : whole) {
    units = units * 10 + (c - '0');
    if (units > kMax) return std::nullopt;
  }
  std::int64_t cents = units * 100;
  if (!frac.empty()) cents += (frac[0] - '0') * 10;
  if (frac.size() > 1) cents += frac[1] - '0';
  return Money(negative ? -cents : cents);
}

std::string Money::to_string() const {
  std::uint64_t a = cents_ < 0 ? 0 - static_cast<std::uint64_t>(cents_) : static_cast<std::uint64_t>(cents_);
  return fmt::format("{}{}.{:02}", cents_ < 0 ? "-" : "", a / 100, a % 100);
}

std::string Money::to_x12() const {
  std::uint64_t a = cents_ < 0 ? 0 - static_cast<std::uint64_t>(cents_) : static_cast<std::uint64_t>(cents_);
  const char* sign = cents_ < 0 ? "-" : "";
  if (a % 100 == 0) return fmt::format("{}{}", sign, a / 100);
  if (a % 10 == 0) return fmt::format("{}{}.{}", sign, a / 100, (a % 100) / 10);
  return fmt::format("{}{}.{:02}", sign, a / 100, a % 100);
}

}  // namespace x12
