// Bytes outside the X12 character set: X12 5010 values are printable ASCII
// (the basic and extended character sets), so a control byte, a NUL or any
// byte of 0x80 and above (UTF-8 or not) in a value is a finding
// (element_invalid_character), reported once per element. The reader takes
// such bytes as data; commands that only read X12 run this check so every
// command reports them.
#pragma once

#include <string_view>

#include "x12/finding.hpp"
#include "x12/syntax/segment.hpp"

namespace x12::syntax {

// True when `value` holds a byte outside the X12 character set.
bool outside_character_set(std::string_view value) noexcept;

class CharacterCheck {
 public:
  explicit CharacterCheck(Diagnostics& out) : out_(out) {}
  // Feed every segment (the ISA too); findings go to `out`.
  void add(const Segment& s);

 private:
  Diagnostics& out_;
};

}  // namespace x12::syntax
