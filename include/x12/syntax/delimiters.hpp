// The four X12 delimiters, read from the fixed-width ISA header, and the line
// break (if any) that follows each segment terminator.
#pragma once

#include <cstdint>
#include <string_view>

#include "x12/error.hpp"

namespace x12::syntax {

enum class LineBreak : std::uint8_t { none, lf, cr, crlf };

std::string_view to_string(LineBreak b) noexcept;  // "", "\n", "\r", "\r\n"

struct Delimiters {
  char element = '*';
  char repetition = '^';  // ISA11; '\0' when the interchange has none (pre-4020)
  char component = ':';   // ISA16
  char segment = '~';     // the byte after ISA16
  LineBreak line_break = LineBreak::none;

  friend bool operator==(const Delimiters&, const Delimiters&) = default;
};

// The ISA is 106 bytes counting its terminator.
inline constexpr std::size_t isa_length = 106;

// Reads the delimiters from an ISA header. `isa` starts at the "ISA" bytes and
// holds at least what is left of the input (the line break after the ISA is
// looked at when present). `offset` is where the ISA sits in the input, for
// error positions. Rejects a short header, fields of the wrong width, clashing
// delimiters and letters or digits used as delimiters.
result<Delimiters> read_isa(std::string_view isa, std::uint64_t offset = 0);

// Checks a delimiter set chosen by a caller (the writer's, fmt's options).
result<Delimiters> check(Delimiters d);

}  // namespace x12::syntax
