// Segment stream -> loop tree, one transaction set at a time, by the grammar
// of the set (chosen through a Registry from GS08/ST01/ST03).
//
// A segment enters a loop when it matches the loop's trigger (the loop's
// first segment, including its `when` qualifier conditions); a segment that
// belongs to an enclosing loop closes the loops below it. Segments the
// grammar cannot place (unknown ids, ids the set does not define, segments
// out of place) are kept, attached to the current loop with `def == nullptr`
// and a finding; nothing is dropped. HL segments are checked as they come:
// HL01 counts 1, 2, 3... and HL02 names the HL01 of the enclosing level.
//
// Memory: the builder copies each set's bytes into a per-set arena (a bump
// allocator) so it works with the streaming Reader, whose segments die at
// the next read; borrow_input() skips the copy when the bytes outlive the
// trees. Two arenas alternate, and each
// keeps its capacity from set to set: memory is bounded by the two largest
// transaction sets, not by the file.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <memory_resource>
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

// One segment of the tree: a view into the builder's arena copy.
struct TreeSegment {
  syntax::Segment segment;          // id(), element(n), component(n, c)...
  const SegmentDef* def = nullptr;  // null: the grammar could not place it (see TransactionTree::findings)
  std::uint64_t offset = 0;         // byte offset in the input
  std::uint64_t index = 0;          // 1-based segment index in the input
  std::uint32_t set_index = 0;      // 1-based within ST..SE (ST = 1)
  std::uint32_t packed_id = 0;      // pack_segment_id(id()): 0 for an invalid id

  std::string_view id() const noexcept { return segment.id(); }
  // Compares ids as integers (the tree is searched by id on every rule).
  bool is(std::uint32_t packed) const noexcept { return packed_id == packed && packed != 0; }
  // Position of this segment (or one of its elements) in the input.
  Position position(std::uint16_t element = 0, std::uint16_t component = 0,
                    std::uint16_t repetition = 0) const noexcept;
};

// One occurrence of a loop.
struct TreeLoop {
  explicit TreeLoop(std::pmr::memory_resource* mr) : segments(mr), loops(mr) {}

  const LoopDef* def = nullptr;  // null only for the root of a set
  std::string_view id;           // def->id; "" for the root
  const TreeLoop* parent = nullptr;
  std::pmr::vector<TreeSegment> segments;  // in input order
  std::pmr::vector<TreeLoop*> loops;       // child loops, in input order

  // The first segment (the trigger), or null for an empty root.
  const TreeSegment* first() const noexcept { return segments.empty() ? nullptr : &segments.front(); }
  // The first segment of this loop with that id whose definition matches, or null.
  const TreeSegment* find(std::string_view segment_id) const noexcept;
  // The first segment with id and element `position` equal to `value` (REF*F8, DTP*472).
  const TreeSegment* find(std::string_view segment_id, std::size_t position, std::string_view value) const noexcept;
  // The first direct child loop with that id, or null.
  const TreeLoop* child(std::string_view loop_id) const noexcept;
};

// A finished transaction set. Valid until the builder has completed the next
// set and started the one after it (two arenas alternate); copy what must live longer.
struct TransactionTree {
  const Grammar* grammar = nullptr;  // null: no grammar for this set (set_not_supported)
  std::string gs08;                  // GS08 of the enclosing group
  std::string st01, st02, st03;      // ST01..ST03
  std::string se01, se02;            // as read; empty when SE is missing
  bool complete = false;             // an SE closed the set
  std::uint32_t set_number = 0;      // 1-based count of sets seen by the builder
  std::uint64_t segment_count = 0;   // segments from ST to SE (or the last one) inclusive
  TreeLoop* root = nullptr;          // top-level loops (HEADER, 2000A..., TRAILER) as children
  // Structural findings met while building: unrecognized or misplaced
  // segments, HL numbering. All carry an IK3/IK4 code.
  std::vector<Finding> findings;

  // Visits every loop depth first (root excluded), parents before children.
  void for_each_loop(const std::function<void(const TreeLoop&)>& visit) const;
};

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

class Builder {
 public:
  using Callback = std::function<void(const TransactionTree&)>;

  // The registry must outlive the builder.
  explicit Builder(const Registry& registry = Registry::builtin());
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;
  ~Builder();

  // Values go into findings only when set (patient data).
  void capture_values(bool on) noexcept { capture_values_ = on; }
  void limits(const TreeLimits& limits) noexcept { limits_ = limits; }
  const TreeLimits& limits() const noexcept { return limits_; }
  // The input's bytes outlive every tree this builder hands out (a buffer
  // read whole, not a stream): segments are viewed where they stand instead
  // of being copied into the arena. The delimiters are copied either way.
  void borrow_input(bool on) noexcept { borrow_input_ = on; }
  // Called with each completed tree (besides add() returning it).
  void on_complete(Callback callback) { callback_ = std::move(callback); }

  // Feed every segment of the input in order, envelope segments included
  // (GS08 chooses the grammar). Returns the tree of the set that this segment
  // finished (at SE, or at an ST/GS/GE/ISA/IEA that came before the SE),
  // otherwise null. The returned tree stays valid as described above.
  const TransactionTree* add(const syntax::Segment& s);
  // End of input: returns the set left open (no SE), or null.
  const TransactionTree* finish();

  bool in_set() const noexcept { return in_set_; }
  // Arena bytes held (both arenas), for tests and memory checks.
  std::size_t arena_capacity() const noexcept;

 private:
  struct Arena;
  struct Frame;
  void start_set(const syntax::Segment& st);
  const TransactionTree* close_set();
  void place(TreeSegment seg);
  bool try_level(std::size_t level, const TreeSegment& seg);
  void attach_unplaced(TreeSegment seg);
  TreeLoop* new_loop(const LoopDef* def, TreeLoop* parent);
  // Closes the open loops from stack_[keep] down, learning their sizes.
  void close_frames(std::size_t keep);
  std::size_t segment_hint(const LoopDef& def);
  TreeSegment copy(const syntax::Segment& s, std::uint32_t packed_id);
  static TreeSegment view_of(const syntax::Segment& s);
  void check_hl(const TreeSegment& seg, const TreeLoop& loop);
  Finding& report(Code code, const TreeSegment& seg, std::uint16_t element, std::string loop, std::string message,
                  std::string_view value = {});

  const Registry& registry_;
  std::unique_ptr<Arena> arenas_[2];
  int current_ = 0;
  bool in_set_ = false;
  bool capture_values_ = false;
  bool borrow_input_ = false;
  syntax::SkippedSegments skipped_;
  std::uint64_t received_ = 0;    // segments of the open set handed to add() (TreeLimits::max_segments)
  std::string gs08_;
  std::uint32_t sets_ = 0;
  TransactionTree tree_[2];
  std::vector<Frame> stack_;  // open loops, root first
  syntax::Delimiters* delimiters_ = nullptr;  // the current set's copy
  // HL numbering within the set: HL01 -> the level it opened, and its depth
  // in the HL02 chain (1 for an HL without a parent).
  std::vector<std::string> hl_ids_;
  std::vector<std::uint32_t> hl_depths_;
  bool hl_regular_ = true;  // HL01 so far were 1, 2, 3... (then HL02 needs no search)
  // Once HL01 values are irregular: HL01 -> its first index in hl_ids_, so a
  // long irregular chain costs a lookup per HL, not a scan.
  std::unordered_map<std::string, std::size_t> hl_index_;
  bool hl_depth_reported_ = false;  // an HL chain past the depth limit is reported once per set
  TreeLimits limits_;
  Callback callback_;
  // Per loop definition: the most segments a closed occurrence held (capped),
  // the room a new occurrence reserves. Open addressing in a fixed table (a
  // guide defines a few dozen loops; past the table's room a loop keeps the
  // default), so learning allocates nothing.
  struct SegmentHint {
    const LoopDef* def = nullptr;
    std::uint32_t segments = 0;
  };
  std::array<SegmentHint, 256> segment_hints_{};
  SegmentHint* hint_slot(const LoopDef& def, bool insert);
};

// Prints a tree: one line per loop (id and name) and per segment (id and
// position), indented by depth. Element values are not printed unless asked.
std::string format_tree(const TransactionTree& tree, bool show_values = false);

}  // namespace x12::schema
