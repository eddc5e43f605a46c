#include "x12/syntax/charset.hpp"

#include <algorithm>

namespace x12::syntax {

bool outside_character_set(std::string_view value) noexcept {
  return std::any_of(value.begin(), value.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u >= 0x7f;
  });
}

void CharacterCheck::add(const Segment& s) {
  const std::string_view text = s.content();
  if (!outside_character_set(text)) return;  // the usual case: one scan
  const Delimiters& d = s.delimiters();
  const char sep = d.element;
  // Delimiters may be control bytes (some files use 0x1D..0x1F): not data.
  auto outside = [&](std::string_view v) {
    return std::any_of(v.begin(), v.end(), [&](char c) {
      return c != d.component && (d.repetition == '\0' || c != d.repetition) &&
             outside_character_set(std::string_view(&c, 1));
    });
  };
  std::size_t e = 0, from = 0;
  for (;;) {
    std::size_t to = text.find(sep, from);
    if (to == std::string_view::npos) to = text.size();
    const std::string_view value = text.substr(from, to - from);
    if (e > 0 && outside(value)) {
      Finding& f = out_.add(Code::element_invalid_character, s.position(static_cast<std::uint16_t>(e)),
                            "the value holds a byte outside the X12 character set (a control byte, or a byte "
                            "of 0x80 or above such as UTF-8 text)");
      if (out_.capture_values) f.value = std::string(value);
    }
    if (to == text.size()) break;
    from = to + 1;
    ++e;
  }
}

}  // namespace x12::syntax
