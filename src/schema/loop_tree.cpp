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

Position TreeSegment::position(std::uint16_t element, std::uint16_t component,
                               std::uint16_t repetition) const noexcept {
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
    if ((packed != 0 ? s.packed_id == packed : s.id() == segment_id) &&
        detail::element_at(s.segment, position) == value)
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

Builder::Builder(const Registry& registry) : engine_(*this, registry) {
  arenas_[0] = std::make_unique<Arena>();
  arenas_[1] = std::make_unique<Arena>();
  stack_.reserve(16);
}

Builder::~Builder() = default;

std::size_t Builder::arena_capacity() const noexcept { return arenas_[0]->capacity() + arenas_[1]->capacity(); }

void Builder::limits(const TreeLimits& limits) noexcept { engine_.limits(limits); }
const TreeLimits& Builder::limits() const noexcept { return engine_.limits(); }
void Builder::capture_values(bool on) noexcept { engine_.capture_values(on); }
bool Builder::in_set() const noexcept { return engine_.in_set(); }

// ---------------------------------------------------------------------------
// The engine's events, made into a tree
// ---------------------------------------------------------------------------

const TransactionTree* Builder::add(const syntax::Segment& s) {
  finished_ = nullptr;
  engine_.add(s);
  return finished_;
}

const TransactionTree* Builder::finish() {
  finished_ = nullptr;
  engine_.finish();
  return finished_;
}

void Builder::set_begin(const SetInfo& set) {
  current_ ^= 1;
  Arena& arena = *arenas_[current_];
  arena.reset();
  auto* mr = arena.resource();
  std::pmr::polymorphic_allocator<> alloc(mr);
  delimiters_ = nullptr;
  TransactionTree& t = tree_[current_];
  t = TransactionTree{};
  t.gs08 = set.gs08;
  t.st01 = set.st01;
  t.st02 = set.st02;
  t.st03 = set.st03;
  t.set_number = set.set_number;
  t.grammar = set.grammar;
  t.root = alloc.new_object<TreeLoop>(mr);
  stack_.clear();
  stack_.push_back(t.root);
}

void Builder::loop_begin(const OpenLoop& loop) {
  TreeLoop* l = new_loop(loop.def, stack_.back());
  stack_.push_back(l);
}

void Builder::segment(const syntax::Segment& s, std::uint32_t packed_id, const SegmentDef* def, const OpenLoop&) {
  if (delimiters_ == nullptr) {  // the set's first segment: its delimiters, copied once
    std::pmr::polymorphic_allocator<> alloc(arenas_[current_]->resource());
    delimiters_ = alloc.new_object<syntax::Delimiters>(s.delimiters());
  }
  TreeSegment seg = copy(s, packed_id);
  seg.def = def;
  stack_.back()->segments.push_back(seg);
}

void Builder::loop_end(const OpenLoop& loop) {
  constexpr std::uint32_t kMaxHint = 32;  // a hostile giant occurrence must not inflate every later one
  if (loop.depth == 0) return;            // the root
  const TreeLoop& l = *stack_.back();
  auto n = static_cast<std::uint32_t>(std::min<std::size_t>(l.segments.size(), kMaxHint));
  if (SegmentHint* h = hint_slot(*l.def, true); h != nullptr && h->segments < n) h->segments = n;
  stack_.pop_back();
}

void Builder::set_end(const SetInfo& set) {
  TransactionTree& t = tree_[current_];
  t.se01 = set.se01;
  t.se02 = set.se02;
  t.complete = set.complete;
  t.segment_count = set.segment_count;
  stack_.clear();
  finished_ = &t;
  if (callback_) callback_(t);
}

void Builder::finding(Finding&& f) { tree_[current_].findings.push_back(std::move(f)); }

TreeSegment Builder::copy(const syntax::Segment& s, std::uint32_t packed_id) {
  std::string_view content = s.content();
  if (!borrow_input_) {
    auto* bytes = static_cast<char*>(arenas_[current_]->take(content.size(), 1));
    std::memcpy(bytes, content.data(), content.size());
    content = std::string_view(bytes, content.size());
  }
  TreeSegment seg;
  seg.segment = syntax::Segment(content, delimiters_);
  seg.offset = s.offset();
  seg.index = s.index();
  seg.set_index = s.set_index();
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
// Printing
// ---------------------------------------------------------------------------

namespace {

void print_loop(std::string& out, const TreeLoop& loop, int depth, bool show_values) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  if (loop.def != nullptr) out += fmt::format("{}{} {}\n", indent, loop.id, loop.def->name);
  const std::string inner = loop.def != nullptr ? indent + "  " : indent;
  // Segments and child loops merged in input order.
  std::size_t si = 0, li = 0;
  while (si < loop.segments.size() || li < loop.loops.size()) {
    bool take_segment = li >= loop.loops.size() || (si < loop.segments.size() && loop.loops[li]->first() != nullptr &&
                                                    loop.segments[si].index < loop.loops[li]->first()->index);
    if (take_segment) {
      const auto& s = loop.segments[si++];
      std::string name = s.def ? s.def->name : std::string("(not placed by the guide)");
      if (show_values)
        out += fmt::format("{}{:<4} {}  [{}]  {}\n", inner, s.id(), name, s.set_index, s.segment.content());
      else out += fmt::format("{}{:<4} {}  [{}]\n", inner, s.id(), name, s.set_index);
    } else {
      print_loop(out, *loop.loops[li++], loop.def != nullptr ? depth + 1 : depth, show_values);
    }
  }
}

}  // namespace

std::string format_tree(const TransactionTree& tree, bool show_values) {
  std::string out =
      fmt::format("transaction set {} control {} ({}){}\n", tree.st01, tree.st02,
                  tree.grammar ? tree.grammar->name + " " + tree.grammar->version : std::string("no grammar"),
                  tree.complete ? "" : ", no SE");
  if (tree.root != nullptr) print_loop(out, *tree.root, 1, show_values);
  return out;
}

}  // namespace x12::schema
