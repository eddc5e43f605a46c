// Segment stream -> loop tree, one transaction set at a time: the tree is
// what the streaming engine (engine.hpp) places, kept. Segments the grammar
// cannot place (unknown ids, ids the set does not define, segments out of
// place) are kept, attached to the current loop with `def == nullptr` and a
// finding; nothing is dropped.
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
#include "x12/schema/engine.hpp"
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

// The loop tree as one consumer of the streaming engine's events: each set's
// segments are copied into a per-set arena and hung under the loops the
// engine opens. Nothing is placed here; the engine decides.
class Builder : private EngineEvents {
 public:
  using Callback = std::function<void(const TransactionTree&)>;

  // The registry must outlive the builder.
  explicit Builder(const Registry& registry = Registry::builtin());
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;
  ~Builder() override;

  // Values go into findings only when set (patient data).
  void capture_values(bool on) noexcept;
  void limits(const TreeLimits& limits) noexcept;
  const TreeLimits& limits() const noexcept;
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

  bool in_set() const noexcept;
  // Arena bytes held (both arenas), for tests and memory checks.
  std::size_t arena_capacity() const noexcept;

 private:
  struct Arena;
  void set_begin(const SetInfo& set) override;
  void loop_begin(const OpenLoop& loop) override;
  void segment(const syntax::Segment& s, std::uint32_t packed_id, const SegmentDef* def, const OpenLoop& loop) override;
  void loop_end(const OpenLoop& loop) override;
  void set_end(const SetInfo& set) override;
  void finding(Finding&& f) override;
  TreeLoop* new_loop(const LoopDef* def, TreeLoop* parent);
  std::size_t segment_hint(const LoopDef& def);
  TreeSegment copy(const syntax::Segment& s, std::uint32_t packed_id);

  Engine engine_;
  std::unique_ptr<Arena> arenas_[2];
  int current_ = 0;
  bool borrow_input_ = false;
  TransactionTree tree_[2];
  const TransactionTree* finished_ = nullptr;  // what add()/finish() return
  std::vector<TreeLoop*> stack_;               // open loops, root first
  syntax::Delimiters* delimiters_ = nullptr;   // the current set's copy
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
