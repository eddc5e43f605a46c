// Element and component look-ups by one forward scan over a segment's bytes,
// for rules that read one or two values of a segment: Segment::element
// calls memchr once per element before the one asked for, which costs more
// than the whole scan on segments of a few dozen bytes. Same answers as
// Segment::element and Segment::component.
#pragma once

#include <cstddef>
#include <string_view>

#include "x12/syntax/segment.hpp"

namespace x12::schema::detail {

// Piece n (1-based) of `text` split on `sep`; a NUL separator splits nothing.
inline std::string_view piece(std::string_view text, char sep, std::size_t n) noexcept {
  if (n == 0) return {};
  if (sep == '\0') return n == 1 ? text : std::string_view{};
  std::size_t i = 0;
  for (std::size_t k = 1; k < n; ++i) {
    if (i == text.size()) return {};
    if (text[i] == sep) ++k;
  }
  std::size_t j = i;
  while (j < text.size() && text[j] != sep) ++j;
  return text.substr(i, j - i);
}

// Segment::element(n).
inline std::string_view element_at(const syntax::Segment& s, std::size_t n) noexcept {
  const char sep = s.delimiters().element;
  if (sep == '\0') return s.element(n);  // Segment splits on NUL bytes then; piece() would not
  return n == 0 ? std::string_view{} : piece(s.content(), sep, n + 1);
}

// Segment::component(n, c): component c of the first repetition of element n.
inline std::string_view component_at(const syntax::Segment& s, std::size_t n, std::size_t c) noexcept {
  const auto& d = s.delimiters();
  return piece(piece(element_at(s, n), d.repetition, 1), d.component, c);
}

}  // namespace x12::schema::detail
