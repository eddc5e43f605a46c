// Small text tests shared by the syntax layer's source files (not installed).
#pragma once

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string_view>

namespace x12::syntax::detail {

// A letter or digit in the C locale.
inline bool alnum(char c) noexcept { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Is `v` one of `codes`?
inline bool one_of(std::string_view v, std::initializer_list<std::string_view> codes) noexcept {
  return std::find(codes.begin(), codes.end(), v) != codes.end();
}

}  // namespace x12::syntax::detail
