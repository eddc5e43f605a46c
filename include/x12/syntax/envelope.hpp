// Envelope checks: ISA/GS/ST ... SE/GE/IEA nesting, control numbers and
// counts, with each finding mapped to its TA1 or 999 code.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "x12/finding.hpp"
#include "x12/syntax/segment.hpp"

namespace x12::syntax {

// Remembers control numbers to spot duplicates. Sequential numbers are kept as
// ranges, so memory stays small however many there are.
class ControlNumberSet {
 public:
  // False when the number was seen before.
  bool insert(std::string_view control);
  void clear() noexcept {
    ranges_.clear();
    others_.clear();
  }

 private:
  std::map<std::uint64_t, std::uint64_t> ranges_;  // first -> last, disjoint
  std::unordered_set<std::string> others_;         // non-numeric numbers
};

struct InterchangeInfo {
  std::string sender_qualifier, sender, receiver_qualifier, receiver;
  std::string date, time, version, control;
  char usage = 'P';            // ISA15
  bool ack_requested = false;  // ISA14
  std::uint64_t offset = 0;
  std::uint64_t groups = 0;
};

struct GroupInfo {
  std::string functional_id, sender, receiver, date, time, control, version;
  std::uint64_t offset = 0;
  std::uint64_t sets = 0;
};

struct SetInfo {
  std::string id, control, reference;  // ST01, ST02, ST03
  std::uint64_t offset = 0;
  std::uint64_t segment_index = 0;  // of the ST in the input
  std::uint64_t segments = 0;       // ST..SE so far
};

struct EnvelopeCounts {
  std::uint64_t interchanges = 0, groups = 0, sets = 0, segments = 0;
  std::map<std::string, std::uint64_t, std::less<>> sets_by_type;  // ST01 -> count
};

// Where checking resumes in the middle of an input, for a part of a file
// checked on its own (schema::validate_range): what the segments before the
// part left behind. Control numbers are given as they stand in the file;
// those the checks would not have remembered (malformed ones) are ignored.
struct EnvelopeResume {
  std::uint64_t after_segments = 0;  // applied once this many segments were fed (the part's ISA/GS prologue)
  std::vector<std::string> interchange_controls;  // ISA13 of every interchange before (the open one included)
  std::vector<std::string> group_controls;        // GS06 of the groups of the open interchange (open one included)
  std::vector<std::string> set_controls;          // ST02 of the sets of the open group
  std::uint64_t groups = 0;                       // groups of the open interchange (open one included)
  std::uint64_t sets = 0;                         // sets of the open group
};

class EnvelopeChecker {
 public:
  explicit EnvelopeChecker(Diagnostics& out) : out_(out) {}

  // Feed every segment in input order.
  void add(const Segment& s);
  // End of input at byte `end_offset`: reports envelopes left open.
  void finish(std::uint64_t end_offset);
  // Continue as after the segments `r` describes, once r.after_segments
  // segments (the ISA and GS opening the part) have been fed.
  void resume(const EnvelopeResume& r) { resume_ = std::make_unique<EnvelopeResume>(r); }

  bool in_interchange() const noexcept { return in_isa_; }
  bool in_group() const noexcept { return in_gs_; }
  bool in_set() const noexcept { return in_st_; }
  const InterchangeInfo& interchange() const noexcept { return isa_; }
  const GroupInfo& group() const noexcept { return gs_; }
  const SetInfo& set() const noexcept { return st_; }
  const EnvelopeCounts& counts() const noexcept { return counts_; }

 private:
  void on_isa(const Segment& s);
  void on_gs(const Segment& s);
  void on_st(const Segment& s);
  void on_se(const Segment& s);
  void on_ge(const Segment& s);
  void on_iea(const Segment& s);
  void close_set_missing(const Position& where);
  void close_group_missing(const Position& where);
  void close_interchange_missing(const Position& where);
  Finding& report(Code code, const Position& where, std::string message, std::string_view value = {});

  Diagnostics& out_;
  bool in_isa_ = false, in_gs_ = false, in_st_ = false;
  InterchangeInfo isa_;
  GroupInfo gs_;
  SetInfo st_;
  EnvelopeCounts counts_;
  SkippedSegments skipped_;
  ControlNumberSet isa_controls_, gs_controls_, st_controls_;
  std::unique_ptr<EnvelopeResume> resume_;
  void apply_resume();
};

}  // namespace x12::syntax
