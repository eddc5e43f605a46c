// The guide compiled for placement: for each place the stream can stand in
// (the innermost open loop, which fixes every loop open around it) and each
// segment id, the children that segment may be, at every open level at once,
// innermost level first and in guide order within a level. Placing a segment
// is one probe of this table instead of one search per open level (not
// installed).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "x12/schema/grammar.hpp"

namespace x12::schema::detail {

struct Candidate {
  std::uint32_t level = 0;              // depth of the open loop that offers it (0: the root of the set)
  int child = 0;                        // its place in that loop's guide order (Match::child)
  const SegmentDef* test = nullptr;     // whose conditions must hold: the segment, or the loop's trigger
  const SegmentDef* segment = nullptr;  // a segment child
  const LoopDef* loop = nullptr;        // or a loop child it opens
  std::uint32_t context = 0;            // for a loop child: the context the stream is in once it is open
};

class PlacementTable {
 public:
  explicit PlacementTable(const Grammar& grammar);

  const Grammar& grammar() const noexcept { return *grammar_; }

  // Context 0 is the root of the set (no loop open).
  std::span<const Candidate> candidates(std::uint32_t context, std::uint32_t packed_id) const noexcept {
    const std::uint64_t key = (std::uint64_t{context} << 32) | packed_id;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_of(key) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.key == key) return {entries_.data() + s.begin, s.count};
      if (s.count == 0) return {};
    }
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t begin = 0, count = 0;  // count 0: empty
  };
  static std::size_t slot_of(std::uint64_t key) noexcept {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 40);
  }

  const Grammar* grammar_;
  std::vector<Candidate> entries_;  // grouped by key
  std::vector<Slot> slots_;         // a power of two, at most half full
};

}  // namespace x12::schema::detail
