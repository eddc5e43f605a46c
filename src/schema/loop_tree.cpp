#include "x12/schema/loop_tree.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "schema/segment_scan.hpp"

namespace x12::schema {

// ---------------------------------------------------------------------------
// Tree accessors
// ---------------------------------------------------------------------------

Position TreeSegment::position(std::uint16_t element, std::uint16_t component, std::uint16_t repetition) const noexcept {
  Position p;
  p.offset = offset;
  p.segment_index = index;
  p.set_index = set_index;
  p.set_id(segment.id());
  p.element = element;
  p.component = component;
  p.repetition = repetition;
  return p;
}

const TreeSegment* TreeLoop::find(std::string_view segment_id) const noexcept {
  const std::uint32_t packed = pack_segment_id(segment_id);
  if (packed == 0) {  // not an id a segment of the grammar can have: compare the text
    for (const auto& s : segments)
      if (s.def != nullptr && s.id() == segment_id) return &s;
    return nullptr;
  }
  for (const auto& s : segments)
    if (s.def != nullptr && s.packed_id == packed) return &s;
  return nullptr;
}

const TreeSegment* TreeLoop::find(std::string_view segment_id, std::size_t position,
                                  std::string_view value) const noexcept {
  const std::uint32_t packed = pack_segment_id(segment_id);
  for (const auto& s : segments)
    if ((packed != 0 ? s.packed_id == packed : s.id() == segment_id) && detail::element_at(s.segment, position) == value)
      return &s;
  return nullptr;
}

const TreeLoop* TreeLoop::child(std::string_view loop_id) const noexcept {
  for (const auto* l : loops)
    if (l->id == loop_id) return l;
  return nullptr;
}

void TransactionTree::for_each_loop(const std::function<void(const TreeLoop&)>& visit) const {
  if (root == nullptr) return;
  std::vector<const TreeLoop*> todo(root->loops.rbegin(), root->loops.rend());
  while (!todo.empty()) {
    const TreeLoop* l = todo.back();
    todo.pop_back();
    visit(*l);
    for (auto it = l->loops.rbegin(); it != l->loops.rend(); ++it) todo.push_back(*it);
  }
}

// ---------------------------------------------------------------------------
// Arena: a bump allocator over a buffer that grows to the largest set seen
// ---------------------------------------------------------------------------

// Every segment copy, loop and vector of a set comes from here and is
// released at once when the arena is reset for a later set. A bump pointer
// with an inline fast path, not std::pmr::monotonic_buffer_resource: that
// one's out-of-line allocate cost a tenth of building a tree.
struct Builder::Arena final : std::pmr::memory_resource {
  static constexpr std::size_t kInitial = 64 * 1024;

  Arena() { start(); }

  // Room for `bytes` bytes aligned to `align` (a power of two).
  [[gnu::always_inline]] void* take(std::size_t bytes, std::size_t align) {
    const auto end = reinterpret_cast<std::uintptr_t>(end_);
    const auto at = (reinterpret_cast<std::uintptr_t>(next_) + align - 1) & ~(std::uintptr_t{align} - 1);
    if (at <= end && bytes <= end - at) {
      next_ = reinterpret_cast<std::byte*>(at + bytes);
      return reinterpret_cast<void*>(at);
    }
    return overflow(bytes, align);
  }

  // Releases everything. The buffer grows by what overflowed last time, so
  // the next set of the same size allocates nothing.
  void reset() {
    if (overflowed_ > 0) {
      size_ += overflowed_;
      buffer_.reset(new std::byte[size_]);
    }
    start();
  }
  std::size_t capacity() const noexcept { return size_; }
  std::pmr::memory_resource* resource() { return this; }

 private:
  void start() {
    // Not a std::vector: resize() would zero every byte (touching every page
    // before it is used) and could double the capacity beyond what is asked.
    if (!buffer_) buffer_.reset(new std::byte[size_]);
    chunks_.clear();
    overflowed_ = 0;
    next_ = buffer_.get();
    end_ = next_ + size_;
  }
  // A new chunk at least as large as all the set holds so far, so a large
  // set takes a few chunks, not one per allocation.
  [[gnu::noinline]] void* overflow(std::size_t bytes, std::size_t align) {
    const std::size_t chunk = std::max(bytes + align, size_ + overflowed_);
    chunks_.emplace_back(new std::byte[chunk]);
    overflowed_ += chunk;
    next_ = chunks_.back().get();
    end_ = next_ + chunk;
    return take(bytes, align);
  }
  void* do_allocate(std::size_t bytes, std::size_t align) override { return take(bytes, align); }
  void do_deallocate(void*, std::size_t, std::size_t) override {}  // released by reset()
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }

  std::size_t size_ = kInitial;
  std::unique_ptr<std::byte[]> buffer_;
  std::vector<std::unique_ptr<std::byte[]>> chunks_;  // overflow of the current set
  std::size_t overflowed_ = 0;
  std::byte* next_ = nullptr;
  std::byte* end_ = nullptr;
};

struct Builder::Frame {
  TreeLoop* loop = nullptr;
  int position = -1;  // highest child index placed so far (guide order)
};

Builder::Builder(const Registry& registry) : registry_(registry) {
  arenas_[0] = std::make_unique<Arena>();
  arenas_[1] = std::make_unique<Arena>();
}

Builder::~Builder() = default;

std::size_t Builder::arena_capacity() const noexcept {
  return arenas_[0]->capacity() + arenas_[1]->capacity();
}

// ---------------------------------------------------------------------------
// Feeding segments
// ---------------------------------------------------------------------------

namespace {

constexpr std::uint32_t kST = pack_segment_id("ST"), kSE = pack_segment_id("SE"), kISA = pack_segment_id("ISA"),
                        kGS = pack_segment_id("GS"), kGE = pack_segment_id("GE"), kIEA = pack_segment_id("IEA"),
                        kHL = pack_segment_id("HL");

// pack_segment_id(s.id()) without searching the whole segment for the separator.
std::uint32_t packed_id_of(const syntax::Segment& s) noexcept {
  std::string_view content = s.content();
  const char sep = s.delimiters().element;
  std::size_t n = 0;
  while (n < 4 && n < content.size() && content[n] != sep) ++n;
  return n == 2 || n == 3 ? pack_segment_id(content.substr(0, n)) : 0;
}

}  // namespace

const TransactionTree* Builder::add(const syntax::Segment& s) {
  const std::uint32_t id = packed_id_of(s);
  const std::uint64_t skipped = skipped_.before(s);
  const TransactionTree* done = nullptr;
  if (id == kST) {
    if (in_set_) done = close_set();
    start_set(s);
    return done;
  }
  if (id == kISA || id == kGS || id == kGE || id == kIEA) {
    if (in_set_) done = close_set();
    if (id == kGS) gs08_ = std::string(s.element(8));
    if (id == kISA || id == kIEA) gs08_.clear();
    return done;
  }
  if (!in_set_) return nullptr;  // outside ST..SE: the envelope checker reports it
  TransactionTree& t = tree_[current_];
  ++t.segment_count;
  // Segments the reader skipped stood in the set; they count there, not
  // toward the limit on segments kept.
  t.segment_count += skipped;
  if (++received_ > limits_.max_segments && id != kSE) {
    // Past the limit only the count goes on (the envelope checks SE01
    // against it); the SE is still kept so the set closes as usual.
    if (received_ == limits_.max_segments + 1)
      report(Code::set_over_segment_limit, view_of(s), 0, std::string(stack_.back().loop->id),
             fmt::format("the transaction set has more than the limit of {} segments; the segments after it up to "
                         "the SE are counted but not kept or checked",
                         limits_.max_segments));
    return nullptr;
  }
  if (id == kSE) {
    t.se01 = std::string(s.element(1));
    t.se02 = std::string(s.element(2));
    t.complete = true;
    place(copy(s, id));
    return close_set();
  }
  place(copy(s, id));
  return nullptr;
}

const TransactionTree* Builder::finish() { return in_set_ ? close_set() : nullptr; }

void Builder::start_set(const syntax::Segment& st) {
  current_ ^= 1;
  Arena& arena = *arenas_[current_];
  arena.reset();
  auto* mr = arena.resource();
  std::pmr::polymorphic_allocator<> alloc(mr);
  delimiters_ = alloc.new_object<syntax::Delimiters>(st.delimiters());

  TransactionTree& t = tree_[current_];
  t = TransactionTree{};
  t.gs08 = gs08_;
  t.st01 = std::string(st.element(1));
  t.st02 = std::string(st.element(2));
  t.st03 = std::string(st.element(3));
  t.set_number = ++sets_;
  t.segment_count = 1;
  received_ = 1;
  t.grammar = registry_.find(t.gs08, t.st01, t.st03);
  t.root = alloc.new_object<TreeLoop>(mr);

  stack_.clear();
  stack_.push_back(Frame{t.root, -1});
  hl_ids_.clear();
  hl_depths_.clear();
  hl_index_.clear();
  hl_regular_ = true;
  hl_depth_reported_ = false;
  in_set_ = true;
  place(copy(st, kST));
}

const TransactionTree* Builder::close_set() {
  in_set_ = false;
  close_frames(0);
  const TransactionTree* t = &tree_[current_];
  if (callback_) callback_(*t);
  return t;
}

// A tree segment that still points into the reader's buffer: enough for a
// finding's position, not to keep.
TreeSegment Builder::view_of(const syntax::Segment& s) {
  TreeSegment seg;
  seg.segment = s;
  seg.offset = s.offset();
  seg.index = s.index();
  seg.set_index = s.set_index();
  return seg;
}

TreeSegment Builder::copy(const syntax::Segment& s, std::uint32_t packed_id) {
  std::string_view content = s.content();
  if (!borrow_input_) {
    auto* bytes = static_cast<char*>(arenas_[current_]->take(content.size(), 1));
    std::memcpy(bytes, content.data(), content.size());
    content = std::string_view(bytes, content.size());
  }
  TreeSegment seg = view_of(s);
  seg.segment = syntax::Segment(content, delimiters_);
  seg.packed_id = packed_id;
  return seg;
}

Builder::SegmentHint* Builder::hint_slot(const LoopDef& def, bool insert) {
  const std::size_t mask = segment_hints_.size() - 1;
  std::size_t i = (reinterpret_cast<std::uintptr_t>(&def) >> 4) * 0x9E3779B97F4A7C15ull >> 56;
  for (std::size_t probe = 0; probe <= mask; ++probe, i = (i + 1) & mask) {
    SegmentHint& h = segment_hints_[i & mask];
    if (h.def == &def) return &h;
    if (h.def == nullptr) {
      if (!insert) return nullptr;
      h.def = &def;
      return &h;
    }
  }
  return nullptr;  // full
}

std::size_t Builder::segment_hint(const LoopDef& def) {
  const SegmentHint* h = hint_slot(def, false);
  return h != nullptr && h->segments > 0 ? h->segments : 4;
}

void Builder::close_frames(std::size_t keep) {
  constexpr std::uint32_t kMaxHint = 32;  // a hostile giant occurrence must not inflate every later one
  for (std::size_t k = keep; k < stack_.size(); ++k) {
    const TreeLoop& l = *stack_[k].loop;
    if (l.def == nullptr) continue;
    auto n = static_cast<std::uint32_t>(std::min<std::size_t>(l.segments.size(), kMaxHint));
    if (SegmentHint* h = hint_slot(*l.def, true); h != nullptr && h->segments < n) h->segments = n;
  }
  stack_.resize(keep);
}

TreeLoop* Builder::new_loop(const LoopDef* def, TreeLoop* parent) {
  auto* mr = arenas_[current_]->resource();
  std::pmr::polymorphic_allocator<> alloc(mr);
  TreeLoop* l = alloc.new_object<TreeLoop>(mr);
  l->def = def;
  l->id = def ? std::string_view(def->id) : std::string_view();
  l->parent = parent;
  // A monotonic arena never reuses what a vector outgrows, and a fixed
  // reservation wastes room in the small loops (2310B holds two segments):
  // reserve what the largest closed occurrence of this loop held.
  l->segments.reserve(def != nullptr ? segment_hint(*def) : 4);
  parent->loops.push_back(l);
  return l;
}

// ---------------------------------------------------------------------------
// Placing a segment by the grammar
// ---------------------------------------------------------------------------

namespace {

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
  mutable std::size_t split_ = 0;  // elements split so far
  mutable std::string_view rest_;  // what follows element split_
  mutable bool done_ = false;
};

// Condition::matches without strings: the value packed once, compared as an
// integer with the condition's packed values (usually one to three).
bool value_matches(const Condition& c, std::string_view v, std::uint64_t key) noexcept {
  if (c.packed.empty()) return c.matches(v);
  if (key == 0) return false;  // empty, longer than any value, or starting with NUL: no value matches
  if (c.packed.size() > 8) return std::binary_search(c.packed.begin(), c.packed.end(), key);
  for (auto x : c.packed)
    if (x == key) return true;
  return false;
}

bool all_conditions_hold(const SegmentDef& def, const Elements& e) {
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
  int child = -1;               // index into the loop's children (or the grammar's loops at the root)
  const SegmentDef* segment = nullptr;  // set when the segment is a segment child
  const LoopDef* loop = nullptr;        // set when it opens a child loop
  bool in_order = false;
};

// Best match among the children a loop (or the root) offers: the first one
// at or after the loop's current position, else the first one at all.
// Candidates come in guide order and their positions never decrease, so the
// search ends at the first one at or after the position (`emit` says so).
template <class Each>
Match best_match(int position, Each&& each) {
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
int position_group(const LoopDef& def, std::uint16_t ci) {
  const auto& kids = def.children;
  if (kids[ci].kind != LoopChild::Kind::segment) return ci;
  std::uint32_t packed = def.segment(kids[ci]).packed_id;
  int k = ci;
  while (k > 1 && kids[k - 1].kind == LoopChild::Kind::segment && def.segment(kids[k - 1]).packed_id == packed) --k;
  return k;
}

Match match_at(const TransactionTree& tree, const TreeLoop& loop, int position, const Elements& s,
               std::uint32_t packed) {
  if (loop.def == nullptr) {  // the root: the grammar's top-level loops
    return best_match(position, [&](auto&& emit) {
      const auto& loops = tree.grammar->loops;
      for (std::size_t i = 0; i < loops.size(); ++i) {
        const auto& trig = loops[i].trigger();
        if (trig.packed_id == packed && conditions_hold(trig, s) &&
            emit(Match{static_cast<int>(i), nullptr, &loops[i], false}))
          break;
      }
    });
  }
  const LoopDef& def = *loop.def;
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

}  // namespace

void Builder::place(TreeSegment seg) {
  TransactionTree& t = tree_[current_];
  if (t.grammar == nullptr) {  // no grammar: keep the segments flat under the root
    t.root->segments.push_back(seg);
    return;
  }
  const std::uint32_t packed = seg.packed_id;
  if (packed == 0) return attach_unplaced(seg);

  // Deepest level first. A match out of guide order is taken only in the
  // current loop, and only when no enclosing loop offers one in order; a
  // segment that only an enclosing loop knows, out of order, is unexpected
  // here (closing the current loops for it would misplace what follows).
  std::optional<std::size_t> fallback_level;
  Match fallback;
  const Elements elements(seg.segment, packed);
  for (std::size_t level = stack_.size(); level-- > 0;) {
    Frame& f = stack_[level];
    Match m = match_at(t, *f.loop, f.position, elements, packed);
    if (m.child < 0) continue;
    if (!m.in_order) {
      if (!fallback_level && level + 1 == stack_.size()) fallback_level = level, fallback = m;
      continue;
    }
    fallback_level = level;
    fallback = m;
    break;
  }
  if (!fallback_level) return attach_unplaced(seg);

  std::size_t level = *fallback_level;
  if (fallback.loop != nullptr && level + 1 > limits_.max_depth) {
    // Opening the loop would nest it past the limit: keep the segment where
    // it stands, unplaced, so memory and the walks over the tree stay bounded.
    TreeLoop* at = stack_.back().loop;
    report(Code::loop_over_depth_limit, seg, 0, std::string(at->id),
           fmt::format("segment {} would open loop {} at nesting depth {}, past the loop depth limit of {}; it "
                       "was kept but not placed",
                       seg.id(), fallback.loop->id, level + 1, limits_.max_depth));
    at->segments.push_back(seg);
    return;
  }
  close_frames(level + 1);
  Frame& f = stack_.back();
  if (!fallback.in_order) {
    report(Code::segment_out_of_order, seg, 0, std::string(f.loop->id),
           fmt::format("segment {} stands after segments that the guide puts behind it", seg.id()));
  }
  f.position = std::max(f.position, fallback.child);
  if (fallback.segment != nullptr) {
    seg.def = fallback.segment;
    f.loop->segments.push_back(seg);
    return;
  }
  TreeLoop* l = new_loop(fallback.loop, f.loop);
  seg.def = &fallback.loop->trigger();
  l->segments.push_back(seg);
  stack_.push_back(Frame{l, 0});
  if (packed == kHL) check_hl(l->segments.back(), *l);
}

void Builder::attach_unplaced(TreeSegment seg) {
  TransactionTree& t = tree_[current_];
  TreeLoop* at = stack_.back().loop;
  const std::uint32_t packed = seg.packed_id;
  std::string loop(at->id);
  if (packed == 0) {
    report(Code::segment_unrecognized, seg, 0, loop, "the segment id is not a valid X12 segment id");
  } else if (!t.grammar->defines(packed)) {
    report(Code::segment_not_in_set, seg, 0, loop,
           fmt::format("segment {} is not defined in the {} implementation guide", seg.id(), t.grammar->name));
  } else {
    report(Code::segment_unexpected, seg, 0, loop,
           fmt::format("segment {} (with these qualifiers) is not expected here{}", seg.id(),
                       loop.empty() ? std::string() : fmt::format(" (after loop {})", loop)));
  }
  at->segments.push_back(seg);
}

void Builder::check_hl(const TreeSegment& seg, const TreeLoop& loop) {
  const auto& s = seg.segment;
  std::string_view id = s.element(1), parent = s.element(2);
  std::string expected = std::to_string(hl_ids_.size() + 1);
  std::string lp(loop.id);
  if (!id.empty() && id != expected)
    report(Code::element_pattern_mismatch, seg, 1, lp,
           "HL01 does not continue the numbering of the HL segments (1, 2, 3... in order)", id);
  // The enclosing HL level, if any.
  std::string_view enclosing;
  for (const TreeLoop* p = loop.parent; p != nullptr; p = p->parent)
    if (const TreeSegment* first = p->first(); first && p->def && first->is(kHL)) {
      enclosing = first->segment.element(1);
      break;
    }
  std::optional<std::size_t> parent_at;  // index of the parent HL in hl_ids_
  if (!parent.empty()) {
    // HL01 values so far are 1, 2, 3... (the usual case): an earlier HL01 is
    // a number from 1 to their count, without a lookup.
    if (hl_regular_) {
      std::size_t n = 0;
      bool digits = parent.size() <= 9 && parent.front() != '0';
      for (char c : parent) digits = digits && c >= '0' && c <= '9', n = n * 10 + static_cast<std::size_t>(c - '0');
      if (digits && n >= 1 && n <= hl_ids_.size()) parent_at = n - 1;
    } else if (auto it = hl_index_.find(std::string(parent)); it != hl_index_.end()) {
      parent_at = it->second;
    }
    if (!parent_at)
      report(Code::element_invalid_code, seg, 2, lp, "HL02 does not name an earlier HL segment (HL01)", parent);
    else if (!enclosing.empty() && parent != enclosing)
      report(Code::element_invalid_code, seg, 2, lp,
             "HL02 names an HL segment that is not the enclosing level of this loop", parent);
  }
  // Depth along HL02 parents, one step per HL: a hostile chain of a million
  // levels costs no recursion and no walk.
  const std::uint32_t depth = parent_at ? hl_depths_[*parent_at] + 1 : 1;
  if (depth > limits_.max_depth && !hl_depth_reported_) {
    hl_depth_reported_ = true;
    report(Code::loop_over_depth_limit, seg, 2, lp,
           fmt::format("HL02 makes this HL level {} deep, past the loop depth limit of {}; deeper HL levels in "
                       "this transaction set are not reported again",
                       depth, limits_.max_depth));
  }
  if (id != expected && hl_regular_) {
    hl_regular_ = false;
    for (std::size_t k = 0; k < hl_ids_.size(); ++k) hl_index_.try_emplace(hl_ids_[k], k);
  }
  if (!hl_regular_) hl_index_.try_emplace(std::string(id), hl_ids_.size());
  hl_ids_.emplace_back(id);
  hl_depths_.push_back(depth);
}

Finding& Builder::report(Code code, const TreeSegment& seg, std::uint16_t element, std::string loop,
                         std::string message, std::string_view value) {
  Finding f;
  f.code = code;
  f.severity = info(code).severity;
  f.where = seg.position(element);
  f.reference = loop.empty() ? std::string(seg.id()) : fmt::format("{}/{}", loop, f.where.element_ref().empty() ? std::string(seg.id()) : f.where.element_ref());
  f.loop = std::move(loop);
  f.message = std::move(message);
  if (capture_values_) f.value = std::string(value);
  auto& list = tree_[current_].findings;
  list.push_back(std::move(f));
  return list.back();
}

// ---------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------

namespace {

void print_loop(std::string& out, const TreeLoop& loop, int depth, bool show_values) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  if (loop.def != nullptr)
    out += fmt::format("{}{} {}\n", indent, loop.id, loop.def->name);
  const std::string inner = loop.def != nullptr ? indent + "  " : indent;
  // Segments and child loops merged in input order.
  std::size_t si = 0, li = 0;
  while (si < loop.segments.size() || li < loop.loops.size()) {
    bool take_segment = li >= loop.loops.size() ||
                        (si < loop.segments.size() && loop.loops[li]->first() != nullptr &&
                         loop.segments[si].index < loop.loops[li]->first()->index);
    if (take_segment) {
      const auto& s = loop.segments[si++];
      std::string name = s.def ? s.def->name : std::string("(not placed by the guide)");
      if (show_values)
        out += fmt::format("{}{:<4} {}  [{}]  {}\n", inner, s.id(), name, s.set_index, s.segment.content());
      else
        out += fmt::format("{}{:<4} {}  [{}]\n", inner, s.id(), name, s.set_index);
    } else {
      print_loop(out, *loop.loops[li++], loop.def != nullptr ? depth + 1 : depth, show_values);
    }
  }
}

}  // namespace

std::string format_tree(const TransactionTree& tree, bool show_values) {
  std::string out = fmt::format("transaction set {} control {} ({}){}\n", tree.st01, tree.st02,
                                tree.grammar ? tree.grammar->name + " " + tree.grammar->version
                                             : std::string("no grammar"),
                                tree.complete ? "" : ", no SE");
  if (tree.root != nullptr) print_loop(out, *tree.root, 1, show_values);
  return out;
}

}  // namespace x12::schema
