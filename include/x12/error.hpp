// Error vocabulary shared by every layer: stop codes (errc) registered with
// std::error_code, a small result type, and the exception for API misuse.
#pragma once

#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <variant>

#include "x12/position.hpp"

namespace x12 {

// Why the reader (or a loader) could not go on. Named after what went wrong,
// not after an X12 code; the mapping to TA1/999 codes lives in finding.hpp.
enum class errc {
  ok = 0,
  file_unreadable,
  empty_input,
  isa_missing,
  isa_too_short,
  isa_field_width,
  delimiter_clash,
  delimiter_alphanumeric,
  segment_terminator_missing,
  segment_too_long,
  delimiter_in_data,
  grammar_syntax,
  grammar_reference,
  json_invalid,
  limit_exceeded,
  ledger_unusable,
};

const std::error_category& x12_category() noexcept;
std::error_code make_error_code(errc e) noexcept;

// Thrown only for misuse of the API (calls out of order, impossible
// arguments), never for bad input.
class usage_error : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// A stop: the code, where it happened, and a message in plain words that
// never quotes element values.
struct Error {
  std::error_code code;
  Position where;
  std::string message;
};

// Value or Error. C++20 has no std::expected and clang 14 (the fuzzing
// compiler) cannot use libstdc++'s C++23 one, so the project keeps this one.
template <class T> class result {
 public:
  result(T value) : v_(std::in_place_index<0>, std::move(value)) {}      // NOLINT
  result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & {
    check();
    return std::get<0>(v_);
  }
  const T& value() const& {
    check();
    return std::get<0>(v_);
  }
  T&& value() && {
    check();
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    if (has_value()) throw usage_error("result::error() called on a value");
    return std::get<1>(v_);
  }

 private:
  void check() const {
    if (!has_value()) throw std::system_error(std::get<1>(v_).code, std::get<1>(v_).message);
  }
  std::variant<T, Error> v_;
};

}  // namespace x12

template <> struct std::is_error_code_enum<x12::errc> : std::true_type {};
