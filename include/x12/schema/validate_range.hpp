// Validating one large file in parts, on several processes or machines, with
// the report `schema::validate` gives for the whole file (Python's
// x12.dask.validate). No process needs to read the whole file:
//
//   1. scan_envelope() over byte ranges of the file (in parallel) finds
//      where each ISA, GS, ST, SE, GE and IEA segment starts, and the control
//      numbers (ISA13, GS06, ST02).
//   2. From those marks, in file order, the caller cuts the file into parts
//      that begin at an ISA (outside any interchange) or at an ST (inside a
//      group, outside any set), and notes for each part what the envelope
//      checks must remember from before it (syntax::EnvelopeResume).
//   3. validate_range() checks one part (in parallel): it reads the ISA and
//      GS the part starts inside of (`prologue`) as the whole-file run does,
//      then the part. The prologue's own findings belong to the part that
//      holds those segments, and are left out here; so are the missing
//      GE/IEA at the end of a part that stops inside a group.
//   4. The caller concatenates the parts' findings and sets in order,
//      shifting positions by the part's first byte and the segments before
//      it; the reader's own findings (byte order mark, whitespace before a
//      segment, ...) go last, as the whole-file report lists them.
//
// Each part reports the interchanges, groups and sets that begin in it, as
// its reader saw them: when they differ from the scan's marks (an envelope
// segment the scan did not see as one, e.g. after stray whitespace), or
// when the part ended with a set left open, `clean` is false and the caller
// validates the file in one piece instead.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "x12/error.hpp"
#include "x12/schema/validator.hpp"
#include "x12/syntax/envelope.hpp"

namespace x12::schema {

// Where an envelope segment starts.
struct EnvelopeMark {
  enum class Kind : std::uint8_t { isa, gs, st, se, ge, iea };
  std::uint64_t offset = 0;  // in the file
  Kind kind = Kind::isa;
  std::string control;  // ISA13, GS06 or ST02; empty for the trailers
};

// The marks of the segments that start in [begin, end) of a file, from
// `bytes`, the file's bytes from `bytes_offset` on (a few bytes before
// `begin`, so a segment start right at `begin` is recognised, and a few
// hundred past `end`, so the control numbers of a header that starts
// before `end` are whole). A segment starts at offset 0, or after the
// segment terminator and any line breaks that follow it.
std::vector<EnvelopeMark> scan_envelope(std::string_view bytes, std::uint64_t bytes_offset, std::uint64_t begin,
                                        std::uint64_t end, char element_separator, char segment_terminator);

// The same over [begin, end) of the file at `path`, mapped rather than read
// (no copy of the bytes); errc::file_unreadable when it cannot be.
result<std::vector<EnvelopeMark>> scan_envelope(const std::filesystem::path& path, std::uint64_t begin,
                                                std::uint64_t end, char element_separator, char segment_terminator);

struct RangeContext {
  // The file's ISA segment (and GS segment) the part starts inside of, each
  // as in the file with its terminator and line break; empty when the part
  // starts at an ISA.
  std::string_view prologue;
  // What the envelope checks remember from before the part
  // (after_segments is set here, from the prologue).
  syntax::EnvelopeResume resume;
  bool open_at_end = false;  // the next part starts at an ST of the same group
  bool last = false;         // the part ends the file
};

struct RangeReport {
  // Positions are relative to the part: offsets from its first byte,
  // segment indexes from its first segment (1).
  Report report;
  // Envelope headers that begin in the part, as the reader saw them.
  std::uint64_t interchanges = 0, groups = 0, sets = 0;
  // False: the part did not end where a set, group or interchange
  // boundary was expected; validate the file in one piece.
  bool clean = true;
};

// Validates the part `range` of a file (see the top of this file).
RangeReport validate_range(std::string_view range, const RangeContext& context, ValidateOptions options = {},
                           const Registry& registry = Registry::builtin());
// The same over [begin, end) of the file at `path`, streamed as
// `x12 validate` streams a file (memory bounded by the largest set);
// errc::file_unreadable when the file cannot be opened.
result<RangeReport> validate_range(const std::filesystem::path& path, std::uint64_t begin, std::uint64_t end,
                                   const RangeContext& context, ValidateOptions options = {},
                                   const Registry& registry = Registry::builtin());

}  // namespace x12::schema
