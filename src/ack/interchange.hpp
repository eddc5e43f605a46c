// The interchange envelope an acknowledgment travels in (ISA ... IEA), shared
// by the 999 and the TA1. Private to src/ack.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "x12/ack/ack.hpp"
#include "x12/syntax/writer.hpp"

namespace x12::ack::detail {

// AckOptions checked and brought to the widths the envelope needs. Throws
// x12::usage_error for options no valid interchange can carry (a sender id
// over 15 characters, a control number that is not 1 to 9 digits, clashing
// delimiters, a date that is not CCYYMMDD).
struct Envelope {
  std::string control;  // ISA13, 9 digits
  std::string date;     // CCYYMMDD (GS04)
  std::string yymmdd;   // ISA09
  std::string time;     // GS05 as given (HHMM to HHMMSSDD)
  std::string hhmm;     // ISA10
};
Envelope check(const AckOptions& options);

// Appends the 106-byte ISA (and the line break the delimiters ask for).
void write_isa(syntax::Writer& w, const AckOptions& options, const Envelope& env);
// IEA*groups*ISA13.
void write_iea(syntax::Writer& w, std::uint64_t groups, const Envelope& env);

// TA1*ISA13*ISA09*ISA10*TA104*TA105 answering `received`: TA104 R with
// the first TA1-level error's code, E with the first warning's code when
// there are only warnings, else A and 000. make_ta1 puts it in an
// interchange of its own; AckSink after the ISA of a 999 interchange when
// the received ISA14 asks for one.
void write_ta1(syntax::Writer& w, const syntax::InterchangeInfo& received, const std::vector<Finding>& findings,
               const AckOptions& options);

// True when a value can be written as is: it holds no delimiter of `d` and
// no control character.
bool writable(std::string_view value, const syntax::Delimiters& d) noexcept;

}  // namespace x12::ack::detail
