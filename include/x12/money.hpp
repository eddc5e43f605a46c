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

  constexpr Money operator-() const noexcept { return Money(-cents_); }
  constexpr Money& operator+=(Money o) noexcept { cents_ += o.cents_; return *this; }
  constexpr Money& operator-=(Money o) noexcept { cents_ -= o.cents_; return *this; }
  friend constexpr Money operator+(Money a, Money b) noexcept { return a += b; }
  friend constexpr Money operator-(Money a, Money b) noexcept { return a -= b; }
  friend constexpr auto operator<=>(Money, Money) noexcept = default;

 private:
  constexpr explicit Money(std::int64_t c) noexcept : cents_(c) {}
  std::int64_t cents_ = 0;
};

}  // namespace x12
