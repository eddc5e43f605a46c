// Writes segments with any delimiter set and line-break style. Segments built
// from values drop trailing empty elements and components, as X12 requires;
// segments copied from a Reader keep their shape, so a file round-trips byte
// for byte.
#pragma once

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>

#include "x12/finding.hpp"
#include "x12/syntax/delimiters.hpp"
#include "x12/syntax/envelope.hpp"
#include "x12/syntax/segment.hpp"

namespace x12::syntax {

class Writer {
 public:
  // Appends to a string.
  Writer(std::string& out, Delimiters delimiters);
  // Writes to a C stream through a buffer (flushed when large and on flush()).
  Writer(std::FILE* out, Delimiters delimiters);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  const Delimiters& delimiters() const noexcept { return delimiters_; }
  // Switches delimiters between interchanges (each ISA may declare its own).
  void set_delimiters(const Delimiters& d);
  // Whether the line break after each terminator is written (false when a
  // caller writes the original gaps itself).
  void set_line_breaks(bool on) noexcept { line_breaks_ = on; }

  // Building a segment from values.
  Writer& begin(std::string_view id);
  Writer& element(std::string_view value);  // a new simple element
  Writer& element(std::int64_t value);
  Writer& composite(std::initializer_list<std::string_view> components);  // a new composite element
  Writer& component(std::string_view value);                              // one more component of the current element
  Writer& repeat(std::string_view value);                                 // one more repetition of the current element
  void end();                                                             // trims trailing empties, terminates
  // One call for a simple segment: write("REF", {"G1", "AUTH123"}).
  void write(std::string_view id, std::initializer_list<std::string_view> elements);

  // A new interchange header from its fields, the one place an ISA is made:
  // ISA01-ISA04 "00" and blanks, ISA05-ISA08 from the header padded to their
  // widths, ISA09 YYMMDD and ISA10 HHMM (a CCYYMMDD date and an HHMMSS time
  // are cut to those), ISA11 this writer's repetition separator ("U" when it
  // has none), ISA12 the version ("00501" when empty), ISA13 the control
  // number zero-padded to nine digits, ISA14, ISA15, and ISA16 this writer's
  // component separator. Throws usage_error for a field longer than its
  // width or holding a delimiter: no interchange could carry it.
  void write(const InterchangeInfo& header);
  // A segment as read, re-delimited. The ISA keeps its fixed width, with
  // ISA11/ISA16 set to this writer's delimiters.
  void write(const Segment& segment);
  // Bytes that stood between segments in the input (blanks, a byte-order mark).
  void write_gap(std::string_view gap);

  // Segments written since construction (or the last reset_count()).
  std::uint64_t count() const noexcept { return count_; }
  void reset_count() noexcept { count_ = 0; }
  // Problems met while writing: values that contain a delimiter.
  const Diagnostics& diagnostics() const noexcept { return diagnostics_; }
  void flush();

 private:
  void put(std::string_view bytes);
  void put(char c);
  void value(std::string_view v);
  void terminate();
  void open_element();
  void write_isa(const Segment& segment);
  bool is_delimiter(char c) const noexcept;
  void report_delimiter(const Segment& segment, std::size_t element);
  void close_element();
  void maybe_flush();

  Delimiters delimiters_;
  std::string* out_ = nullptr;
  std::FILE* file_ = nullptr;
  std::string buffer_;             // file mode
  std::string segment_;            // segment under construction
  std::size_t element_start_ = 0;  // where the current element's value starts in segment_
  bool open_ = false;
  bool line_breaks_ = true;
  std::uint64_t count_ = 0;
  Diagnostics diagnostics_;
};

}  // namespace x12::syntax
