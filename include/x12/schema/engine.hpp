// The streaming engine: places each segment of a transaction set in the
// guide's loop structure as the reader hands it over, and tells a consumer
// what happened (set begun, loop entered, segment placed, loop closed, set
// ended) without keeping the segments. Memory is bounded by the depth of the
// open loops, whatever the size of the set.
//
// Placement is the loop tree's (`Builder`, which is one consumer of these
// events): a segment enters a loop when it matches the loop's trigger,
// qualifier conditions included; a segment that belongs to an enclosing loop
// closes the loops below it; a segment the grammar cannot place is reported
// and handed over with no definition. HL01/HL02 numbering is checked as the
// HL segments come.
//
// Events carry views: a segment is valid only during its event, an OpenLoop
// until its loop_end. Structural findings (placement, HL numbering, limits)
// go to EngineEvents::finding; each carries an IK3/IK4/IK5 code.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "x12/finding.hpp"
#include "x12/position.hpp"
#include "x12/schema/grammar.hpp"
#include "x12/schema/registry.hpp"
#include "x12/syntax/segment.hpp"

namespace x12::schema {

namespace detail {
class PlacementTable;
}

// Gateway limits on one transaction set (docs/security.md). Each breach is a
// finding in TransactionTree::findings; building goes on.
struct TreeLimits {
  // Segments kept per set. Past it the rest of the set (but its SE) is
  // counted, not kept or checked (set_over_segment_limit), so a set's memory
  // is bounded whatever its size. A 5010 837P set holds at most 5000 claims,
  // a few hundred thousand segments; ten million leaves room for large 835s.
  std::uint64_t max_segments = 10'000'000;
  // Nesting depth of loops in the tree, and of HL levels chained through
  // HL02 (loop_over_depth_limit; the segment is kept unplaced). The 5010
  // guides nest loops at most six deep and HL levels three deep.
  std::uint32_t max_depth = 64;
};

// One open loop occurrence.
struct OpenLoop {
  const LoopDef* def = nullptr;  // null: the root of the set
  std::string_view id;           // def->id; "" for the root
  std::uint32_t depth = 0;       // 0 for the root, 1 for a top-level loop
  // The loop's first segment (its trigger); for the root, the first
  // segment of the set. set_index 0 until there is one.
  Position anchor;
  bool hl = false;  // the trigger is an HL segment placed by the guide
};

// The transaction set being read.
struct SetInfo {
  const Grammar* grammar = nullptr;  // null: no guide is known for it
  std::string gs08;                  // of the enclosing group
  std::string st01, st02, st03;
  std::string se01, se02;           // as read; empty without an SE
  bool complete = false;            // an SE closed the set
  std::uint32_t set_number = 0;     // 1-based count of sets seen
  std::uint64_t segment_count = 0;  // ST to SE (or the last segment) inclusive, skipped ones too
  Position st;                      // where the ST stands
};

class EngineEvents {
 public:
  virtual ~EngineEvents() = default;
  virtual void set_begin(const SetInfo&) {}
  // Before the loop's trigger segment is handed over.
  virtual void loop_begin(const OpenLoop&) {}
  // A segment of the set, ST and SE included. `def` null: not placed (a
  // structural finding says why, or the set has no grammar). `loop` is the
  // innermost open loop, the one a placed segment belongs to.
  virtual void segment(const syntax::Segment&, std::uint32_t /*packed_id*/, const SegmentDef* /*def*/,
                       const OpenLoop& /*loop*/) {}
  virtual void loop_end(const OpenLoop&) {}
  virtual void set_end(const SetInfo&) {}
  virtual void finding(Finding&&) {}
  // A consumer that would only count the next finding says so; the engine
  // then skips wording it and reports its code and place here.
  virtual bool counting_only() const { return false; }
  virtual void finding_counted(Code, const Position&) {}
};

// pack_segment_id(s.id()) without searching the whole segment for the separator.
std::uint32_t packed_id_of(const syntax::Segment& s) noexcept;

class Engine {
 public:
  // The registry and the listener must outlive the engine.
  Engine(EngineEvents& events, const Registry& registry = Registry::builtin());
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  void capture_values(bool on) noexcept { capture_values_ = on; }
  void limits(const TreeLimits& limits) noexcept { limits_ = limits; }
  const TreeLimits& limits() const noexcept { return limits_; }

  // Feed every segment of the input in order, envelope segments included
  // (GS08 chooses the grammar). True when this segment ended a set (its SE,
  // or an ST/GS/GE/ISA/IEA before the SE): set_end was called.
  bool add(const syntax::Segment& s);
  // End of input: closes a set left open (no SE). True when there was one.
  bool finish();

  bool in_set() const noexcept { return in_set_; }
  const SetInfo& set() const noexcept { return set_; }

 private:
  struct Frame {
    OpenLoop loop;
    int position = -1;          // highest child index placed so far (guide order)
    std::uint32_t context = 0;  // the loop's context in the placement table (0: the root)
    std::string hl01;           // the trigger's HL01 when loop.hl
  };
  void start_set(const syntax::Segment& st);
  void close_set();
  void place(const syntax::Segment& s, std::uint32_t packed);
  void unplaced(const syntax::Segment& s, std::uint32_t packed);
  void hand_over(const syntax::Segment& s, std::uint32_t packed, const SegmentDef* def);
  void close_frames(std::size_t keep);
  void check_hl(const syntax::Segment& s, const Frame& loop);
  void report(Code code, const syntax::Segment& s, std::uint16_t element, std::string_view loop, std::string message,
              std::string_view value = {});

  EngineEvents& events_;
  const Registry& registry_;
  TreeLimits limits_;
  bool capture_values_ = false;
  bool in_set_ = false;
  std::string gs08_;
  std::uint32_t sets_ = 0;
  SetInfo set_;
  std::uint64_t received_ = 0;  // segments of the open set handed to add() (TreeLimits::max_segments)
  syntax::SkippedSegments skipped_;
  std::vector<Frame> frames_;  // open loops, root first
  // The open set's grammar compiled for placement (Grammar::placement), and
  // those this engine compiled for grammars that came without one (the
  // registry bounds them).
  const detail::PlacementTable* table_ = nullptr;
  std::vector<std::shared_ptr<const detail::PlacementTable>> tables_;
  // HL numbering within the set, as the loop tree has it: the depth of each
  // HL level along HL02; HL01 values are kept only once they stop counting
  // 1, 2, 3... (then HL02 needs a lookup).
  std::uint32_t hl_count_ = 0;
  std::vector<std::uint32_t> hl_depths_;
  bool hl_regular_ = true;
  std::unordered_map<std::string, std::size_t> hl_index_;
  bool hl_depth_reported_ = false;
};

}  // namespace x12::schema
