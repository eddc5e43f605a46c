// Placing a segment by the grammar: which child of which open loop a segment
// is, by its id and the qualifier values that enter a loop. Shared by the
// streaming engine and everything built on it (not installed).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "x12/schema/grammar.hpp"
#include "x12/syntax/segment.hpp"

namespace x12::schema::detail {

// The first elements of the segment being placed, split once and only as far
// as a qualifier condition asks: conditions ask for them again for every
// candidate at every open level, and most segments have none.
class Elements {
 public:
  static constexpr std::size_t kCached = 8;
  const syntax::Segment& s;

  // `packed_id` is the segment's valid id, which tells where its elements start.
  Elements(const syntax::Segment& seg, std::uint32_t packed_id) noexcept : s(seg) {
    std::size_t id_length = (packed_id & 0xFF) == 0 ? 2 : 3;
    std::string_view content = s.content();
    if (content.size() > id_length) rest_ = content.substr(id_length + 1);
    else done_ = true;  // no elements
  }
  std::string_view element(std::size_t n) const noexcept {
    if (n > kCached) return s.element(n);
    const char sep = s.delimiters().element;
    while (split_ < n && !done_) {
      auto at = rest_.find(sep);
      at_[++split_] = rest_.substr(0, at);
      if (at == std::string_view::npos) done_ = true;
      else rest_.remove_prefix(at + 1);
    }
    return n <= split_ ? at_[n] : std::string_view{};
  }
  // pack_code(element(n)), or 0 when it does not pack; computed once.
  std::uint64_t key(std::size_t n) const noexcept {
    if (n > kCached) {
      std::string_view v = element(n);
      return packable_code(v) ? pack_code(v) : 0;
    }
    if (!(keyed_ & (1u << n))) {
      std::string_view v = element(n);
      keys_[n] = packable_code(v) ? pack_code(v) : 0;
      keyed_ |= 1u << n;
    }
    return keys_[n];
  }

 private:
  // Not zeroed: split_ and keyed_ say which entries are set.
  mutable std::array<std::string_view, kCached + 1> at_;
  mutable std::array<std::uint64_t, kCached + 1> keys_;
  mutable std::uint32_t keyed_ = 0;  // bit n: keys_[n] is set
  mutable std::size_t split_ = 0;    // elements split so far
  mutable std::string_view rest_;    // what follows element split_
  mutable bool done_ = false;
};

// Condition::matches without strings: the value packed once, compared as an
// integer with the condition's packed values (usually one to three).
inline bool value_matches(const Condition& c, std::string_view v, std::uint64_t key) noexcept {
  if (c.packed.empty()) return c.matches(v);
  if (key == 0) return false;  // empty, longer than any value, or starting with NUL: no value matches
  if (c.packed.size() > 8) return std::binary_search(c.packed.begin(), c.packed.end(), key);
  for (auto x : c.packed)
    if (x == key) return true;
  return false;
}

inline bool all_conditions_hold(const SegmentDef& def, const Elements& e) {
  for (const auto& c : def.when) {
    if (c.component == 0) {
      if (!value_matches(c, e.element(c.position), e.key(c.position))) return false;
      continue;
    }
    std::string_view v = e.s.components(e.s.repetitions(e.element(c.position)).at(1)).at(c.component);
    if (!value_matches(c, v, packable_code(v) ? pack_code(v) : 0)) return false;
  }
  return true;
}

// Most definitions have no condition or one on an element with a few short
// values (NM101 = 85): those are decided here, inline.
inline bool conditions_hold(const SegmentDef& def, const Elements& e) {
  if (def.when.empty()) return true;
  const Condition& c = def.when.front();
  if (def.when.size() > 1 || c.component != 0 || c.packed.empty() || c.packed.size() > 8)
    return all_conditions_hold(def, e);
  const std::uint64_t key = e.key(c.position);
  if (key == 0) return false;  // see value_matches
  for (auto x : c.packed)
    if (x == key) return true;
  return false;
}

// A match of a segment at one level of the open loops.
struct Match {
  int child = -1;                       // index into the loop's children (or the grammar's loops at the root)
  const SegmentDef* segment = nullptr;  // set when the segment is a segment child
  const LoopDef* loop = nullptr;        // set when it opens a child loop
  bool in_order = false;
};

// Best match among the children a loop (or the root) offers: the first one
// at or after the loop's current position, else the first one at all.
// Candidates come in guide order and their positions never decrease, so the
// search ends at the first one at or after the position (`emit` says so).
template <class Each> inline Match best_match(int position, Each&& each) {
  Match first, ordered;
  each([&](const Match& m) {
    if (first.child < 0) first = m;
    if (m.child < position) return false;
    ordered = m;
    return true;
  });
  if (ordered.child >= 0) {
    ordered.in_order = true;
    return ordered;
  }
  return first;
}

// X12 order is by segment position: consecutive definitions of one segment
// id (REF*G1, REF*F8... in 2300) share one position, in any order. A
// segment child is ordered by the first definition of its run.
inline int position_group(const LoopDef& def, std::uint16_t ci) {
  const auto& kids = def.children;
  if (kids[ci].kind != LoopChild::Kind::segment) return ci;
  std::uint32_t packed = def.segment(kids[ci]).packed_id;
  int k = ci;
  while (k > 1 && kids[k - 1].kind == LoopChild::Kind::segment && def.segment(kids[k - 1]).packed_id == packed) --k;
  return k;
}

// `def` null: the root of the set, whose children are the grammar's top-level loops.
inline Match match_at(const Grammar& grammar, const LoopDef* loop_def, int position, const Elements& s,
                      std::uint32_t packed) {
  if (loop_def == nullptr) {
    return best_match(position, [&](auto&& emit) {
      const auto& loops = grammar.loops;
      for (std::size_t i = 0; i < loops.size(); ++i) {
        const auto& trig = loops[i].trigger();
        if (trig.packed_id == packed && conditions_hold(trig, s) &&
            emit(Match{static_cast<int>(i), nullptr, &loops[i], false}))
          break;
      }
    });
  }
  const LoopDef& def = *loop_def;
  return best_match(position, [&](auto&& emit) {
    for (std::uint16_t ci : def.candidates(packed)) {
      if (ci == 0) continue;  // the loop's own trigger starts a new occurrence, one level up
      const LoopChild& c = def.children[ci];
      if (c.kind == LoopChild::Kind::segment) {
        const SegmentDef& sd = def.segment(c);
        if (conditions_hold(sd, s) && emit(Match{position_group(def, ci), &sd, nullptr, false})) break;
      } else {
        const LoopDef& ld = def.loop(c);
        if (conditions_hold(ld.trigger(), s) && emit(Match{ci, nullptr, &ld, false})) break;
      }
    }
  });
}

}  // namespace x12::schema::detail
