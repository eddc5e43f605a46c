// Envelope checks: ISA/GS/ST ... SE/GE/IEA nesting, control numbers and
// counts, with each finding mapped to its TA1 or 999 code.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>

#include "x12/finding.hpp"
#include "x12/syntax/segment.hpp"

namespace x12::syntax {

// Remembers control numbers to spot duplicates. Sequential numbers are kept as
// ranges, so memory stays small however many there are.
class ControlNumberSet {
 public:
  // False when the number was seen before.
  bool insert(std::string_view control);
  void clear() noexcept { ranges_.clear(); others_.clear(); }

 private:
  std::map<std::uint64_t, std::uint64_t> ranges_;  // first -> last, disjoint
  std::unordered_set<std::string> others_;          // non-numeric numbers
};

struct InterchangeInfo {
  std::string sender_qualifier, sender, receiver_qualifier, receiver;
  std::string date, time, version, control;
  char usage = 'P';         // ISA15
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

class EnvelopeChecker {
 public:
  explicit EnvelopeChecker(Diagnostics& out) : out_(out) {}

  // Feed every segment in input order.
  void add(const Segment& s);
  // End of input at byte `end_offset`: reports envelopes left open.
  void finish(std::uint64_t end_offset);

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
};

}  // namespace x12::syntax
