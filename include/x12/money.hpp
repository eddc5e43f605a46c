// Exact money: a count of cents. X12 amounts (type R) are parsed and printed
// without floating point.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace x12 {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_cents(std::int64_t cents) noexcept { return Money(cents); }

  // Parses an X12 decimal ("125", "125.5", "-10.00", ".5"). Fails on anything
  // else, on more than two significant decimal places, and on overflow.
  static std::optional<Money> parse(std::string_view text) noexcept;

  constexpr std::int64_t cents() const noexcept { return cents_; }
  // "125.00": two places, as JSON and reports show money.
  std::string to_string() const;
  // "125", "125.5", "-10": the shortest X12 form (no trailing zeros).
  std::string to_x12() const;

  constexpr Money operator-() const noexcept { return Money(cents_ == kMin ? kMax : -cents_); }
  // Sums of untrusted amounts saturate instead of overflowing (undefined behaviour).
  constexpr Money& operator+=(Money o) noexcept {
    if (__builtin_add_overflow(cents_, o.cents_, &cents_)) cents_ = o.cents_ > 0 ? kMax : kMin;
    return *this;
  }
  constexpr Money& operator-=(Money o) noexcept {
    if (__builtin_sub_overflow(cents_, o.cents_, &cents_)) cents_ = o.cents_ < 0 ? kMax : kMin;
    return *this;
  }
  friend constexpr Money operator+(Money a, Money b) noexcept { return a += b; }
  friend constexpr Money operator-(Money a, Money b) noexcept { return a -= b; }
  friend constexpr auto operator<=>(Money, Money) noexcept = default;

 private:
  static constexpr std::int64_t kMax = INT64_MAX;
  static constexpr std::int64_t kMin = INT64_MIN;
  constexpr explicit Money(std::int64_t c) noexcept : cents_(c) {}
  std::int64_t cents_ = 0;
};

}  // namespace x12
