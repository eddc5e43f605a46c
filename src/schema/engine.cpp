#include "x12/schema/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "schema/placement.hpp"
#include "schema/placement_table.hpp"

namespace x12::schema {

namespace {

constexpr std::uint32_t kST = pack_segment_id("ST"), kSE = pack_segment_id("SE"), kISA = pack_segment_id("ISA"),
                        kGS = pack_segment_id("GS"), kGE = pack_segment_id("GE"), kIEA = pack_segment_id("IEA"),
                        kHL = pack_segment_id("HL");

}  // namespace

std::uint32_t packed_id_of(const syntax::Segment& s) noexcept {
  std::string_view content = s.content();
  const char sep = s.delimiters().element;
  std::size_t n = 0;
  while (n < 4 && n < content.size() && content[n] != sep) ++n;
  return n == 2 || n == 3 ? pack_segment_id(content.substr(0, n)) : 0;
}

Engine::Engine(EngineEvents& events, const Registry& registry) : events_(events), registry_(registry) {
  frames_.reserve(16);
}

bool Engine::add(const syntax::Segment& s) {
  const std::uint32_t id = packed_id_of(s);
  const std::uint64_t skipped = skipped_.before(s);
  if (id == kST) {
    const bool closed = in_set_;
    if (in_set_) close_set();
    start_set(s);
    return closed;
  }
  if (id == kISA || id == kGS || id == kGE || id == kIEA) {
    const bool closed = in_set_;
    if (in_set_) close_set();
    if (id == kGS) gs08_ = std::string(s.element(8));
    if (id == kISA || id == kIEA) gs08_.clear();
    return closed;
  }
  if (!in_set_) return false;  // outside ST..SE: the envelope checker reports it
  // Segments the reader skipped stood in the set; they count there, not
  // toward the limit on segments checked.
  set_.segment_count += 1 + skipped;
  if (++received_ > limits_.max_segments && id != kSE) {
    // Past the limit only the count goes on (the envelope checks SE01
    // against it); the SE is still handed over so the set closes as usual.
    if (received_ == limits_.max_segments + 1)
      report(Code::set_over_segment_limit, s, 0, frames_.back().loop.id,
             fmt::format("the transaction set has more than the limit of {} segments; the segments after it up to "
                         "the SE are counted but not kept or checked",
                         limits_.max_segments));
    return false;
  }
  if (id == kSE) {
    set_.se01 = std::string(s.element(1));
    set_.se02 = std::string(s.element(2));
    set_.complete = true;
    place(s, id);
    close_set();
    return true;
  }
  place(s, id);
  return false;
}

bool Engine::finish() {
  if (!in_set_) return false;
  close_set();
  return true;
}

void Engine::start_set(const syntax::Segment& st) {
  set_ = SetInfo{};
  set_.gs08 = gs08_;
  set_.st01 = std::string(st.element(1));
  set_.st02 = std::string(st.element(2));
  set_.st03 = std::string(st.element(3));
  set_.set_number = ++sets_;
  set_.segment_count = 1;
  set_.st = st.position();
  set_.grammar = registry_.find(set_.gs08, set_.st01, set_.st03);
  // The grammar's own table, compiled when it was loaded; a grammar made
  // another way (or a copy, whose table would point into the original) gets
  // one compiled here, once per engine.
  table_ = set_.grammar != nullptr ? set_.grammar->placement() : nullptr;
  if (set_.grammar != nullptr && (table_ == nullptr || &table_->grammar() != set_.grammar)) {
    table_ = nullptr;
    for (const auto& t : tables_)
      if (&t->grammar() == set_.grammar) table_ = t.get();
    if (table_ == nullptr) table_ = tables_.emplace_back(std::make_shared<detail::PlacementTable>(*set_.grammar)).get();
  }
  received_ = 1;
  frames_.clear();
  frames_.push_back(Frame{});
  frames_.back().loop.anchor = set_.st;
  hl_count_ = 0;
  hl_depths_.clear();
  hl_index_.clear();
  hl_regular_ = true;
  hl_depth_reported_ = false;
  in_set_ = true;
  events_.set_begin(set_);
  place(st, kST);
}

void Engine::close_set() {
  in_set_ = false;
  close_frames(1);
  events_.loop_end(frames_.front().loop);  // the root
  frames_.clear();
  events_.set_end(set_);
}

void Engine::close_frames(std::size_t keep) {
  keep = std::max<std::size_t>(keep, 1);  // the root closes with the set
  while (frames_.size() > keep) {
    events_.loop_end(frames_.back().loop);
    frames_.pop_back();
  }
}

void Engine::hand_over(const syntax::Segment& s, std::uint32_t packed, const SegmentDef* def) {
  events_.segment(s, packed, def, frames_.back().loop);
}

void Engine::place(const syntax::Segment& s, std::uint32_t packed) {
  if (set_.grammar == nullptr) return hand_over(s, packed, nullptr);  // no grammar: flat, unchecked
  if (packed == 0) return unplaced(s, packed);

  // Deepest level first. A match out of guide order is taken only in the
  // current loop, and only when no enclosing loop offers one in order; a
  // segment that only an enclosing loop knows, out of order, is unexpected
  // here (closing the current loops for it would misplace what follows).
  // The table lists the candidates of every open level, innermost first and
  // in guide order within a level: at each level the first one at or after
  // the level's position is in order, else the level's first is not.
  const detail::Candidate* chosen = nullptr;
  bool in_order = false;
  const detail::Elements elements(s, packed);
  const auto cands = table_->candidates(frames_.back().context, packed);
  const detail::Candidate* c = cands.data();
  const detail::Candidate* const end = c + cands.size();
  const std::size_t innermost = frames_.size() - 1;
  while (c != end) {
    const std::uint32_t at = c->level;
    const int position = frames_[at].position;
    const detail::Candidate* first = nullptr;
    for (; c != end && c->level == at; ++c) {
      if (!detail::conditions_hold(*c->test, elements)) continue;
      if (c->child >= position) {
        in_order = true;
        break;
      }
      if (first == nullptr) first = c;
    }
    if (in_order) {
      chosen = c;
      break;
    }
    if (first != nullptr && chosen == nullptr && at == innermost) chosen = first;
  }
  if (chosen == nullptr) return unplaced(s, packed);

  const std::size_t level = chosen->level;
  if (chosen->loop != nullptr && level + 1 > limits_.max_depth) {
    // Opening the loop would nest it past the limit: the segment stays
    // where it stands, unplaced, so the walks over the open loops stay bounded.
    report(Code::loop_over_depth_limit, s, 0, frames_.back().loop.id,
           fmt::format("segment {} would open loop {} at nesting depth {}, past the loop depth limit of {}; it "
                       "was kept but not placed",
                       s.id(), chosen->loop->id, level + 1, limits_.max_depth));
    return hand_over(s, packed, nullptr);
  }
  close_frames(level + 1);
  Frame& f = frames_.back();
  if (!in_order)
    report(Code::segment_out_of_order, s, 0, f.loop.id,
           fmt::format("segment {} stands after segments that the guide puts behind it", s.id()));
  f.position = std::max(f.position, chosen->child);
  if (chosen->segment != nullptr) return hand_over(s, packed, chosen->segment);

  Frame child;
  child.loop.def = chosen->loop;
  child.loop.id = chosen->loop->id;
  child.loop.depth = static_cast<std::uint32_t>(frames_.size());
  child.loop.anchor = s.position();
  child.loop.hl = packed == kHL;
  child.position = 0;
  child.context = chosen->context;
  if (child.loop.hl) child.hl01 = std::string(s.element(1));
  if (frames_.size() == 1 && frames_.front().loop.anchor.set_index == 0) frames_.front().loop.anchor = s.position();
  frames_.push_back(std::move(child));
  events_.loop_begin(frames_.back().loop);
  if (packed == kHL) check_hl(s, frames_.back());
  hand_over(s, packed, &chosen->loop->trigger());
}

void Engine::unplaced(const syntax::Segment& s, std::uint32_t packed) {
  std::string_view loop = frames_.back().loop.id;
  if (packed == 0 || !set_.grammar->is_x12_segment(s.id())) {
    report(Code::segment_unrecognized, s, 0, loop,
           packed == 0 ? std::string("the segment id is not a valid X12 segment id")
                       : fmt::format("segment {} is not an X12 segment", s.id()));
  } else if (!set_.grammar->defines(packed)) {
    report(Code::segment_not_in_set, s, 0, loop,
           fmt::format("segment {} is not defined in the {} implementation guide", s.id(), set_.grammar->name));
  } else {
    report(Code::segment_unexpected, s, 0, loop,
           fmt::format("segment {} (with these qualifiers) is not expected here{}", s.id(),
                       loop.empty() ? std::string() : fmt::format(" (after loop {})", loop)));
  }
  hand_over(s, packed, nullptr);
}

void Engine::check_hl(const syntax::Segment& s, const Frame& loop) {
  std::string_view id = s.element(1), parent = s.element(2);
  const std::string expected = std::to_string(hl_count_ + 1);
  if (!id.empty() && id != expected)
    report(Code::element_pattern_mismatch, s, 1, loop.loop.id,
           "HL01 does not continue the numbering of the HL segments (1, 2, 3... in order)", id);
  // The enclosing HL level, if any: the nearest open loop an HL started.
  std::string_view enclosing;
  for (std::size_t k = frames_.size() - 1; k-- > 0;)
    if (frames_[k].loop.hl) {
      enclosing = frames_[k].hl01;
      break;
    }
  std::optional<std::size_t> parent_at;  // the parent's place in the HL order
  if (!parent.empty()) {
    // HL01 values so far are 1, 2, 3... (the usual case): an earlier HL01 is
    // a number from 1 to their count, without a lookup.
    if (hl_regular_) {
      std::size_t n = 0;
      bool digits = parent.size() <= 9 && parent.front() != '0';
      for (char c : parent) digits = digits && c >= '0' && c <= '9', n = n * 10 + static_cast<std::size_t>(c - '0');
      if (digits && n >= 1 && n <= hl_count_) parent_at = n - 1;
    } else if (auto it = hl_index_.find(std::string(parent)); it != hl_index_.end()) {
      parent_at = it->second;
    }
    if (!parent_at)
      report(Code::element_invalid_code, s, 2, loop.loop.id, "HL02 does not name an earlier HL segment (HL01)", parent);
    else if (!enclosing.empty() && parent != enclosing)
      report(Code::element_invalid_code, s, 2, loop.loop.id,
             "HL02 names an HL segment that is not the enclosing level of this loop", parent);
  }
  // Depth along HL02 parents, one step per HL: a hostile chain of a million
  // levels costs no recursion and no walk.
  const std::uint32_t depth = parent_at ? hl_depths_[*parent_at] + 1 : 1;
  if (depth > limits_.max_depth && !hl_depth_reported_) {
    hl_depth_reported_ = true;
    report(Code::loop_over_depth_limit, s, 2, loop.loop.id,
           fmt::format("HL02 makes this HL level {} deep, past the loop depth limit of {}; deeper HL levels in "
                       "this transaction set are not reported again",
                       depth, limits_.max_depth));
  }
  if (id != expected && hl_regular_) {
    hl_regular_ = false;
    for (std::uint32_t k = 0; k < hl_count_; ++k) hl_index_.try_emplace(std::to_string(k + 1), k);
  }
  if (!hl_regular_) hl_index_.try_emplace(std::string(id), hl_count_);
  ++hl_count_;
  hl_depths_.push_back(depth);
}

void Engine::report(Code code, const syntax::Segment& s, std::uint16_t element, std::string_view loop,
                    std::string message, std::string_view value) {
  if (events_.counting_only()) return events_.finding_counted(code, s.position(element));
  Finding f;
  f.code = code;
  f.severity = info(code).severity;
  f.where = s.position(element);
  const std::string ref = f.where.element_ref();
  f.reference =
      loop.empty() ? std::string(s.id()) : fmt::format("{}/{}", loop, ref.empty() ? std::string(s.id()) : ref);
  f.loop = std::string(loop);
  f.message = std::move(message);
  if (capture_values_) f.value = std::string(value);
  events_.finding(std::move(f));
}

}  // namespace x12::schema
