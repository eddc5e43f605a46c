// SNIP 1 and 2 over a loop tree: elements (counts, lengths, types, codes,
// usage, syntax rules), segment and loop usage and repeats, ST03.
#include "x12/schema/validator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <map>

#include "schema/segment_checker.hpp"
#include "schema/validator_detail.hpp"
#include "x12/date.hpp"

namespace x12::schema {

using detail::Sink;

std::optional<Rules> Rules::parse(std::string_view list) {
  Rules r = none();
  while (!list.empty()) {
    auto comma = list.find(',');
    auto item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) continue;
    if (item == "all") r = all();
    else if (item == "snip1" || item == "1") r.snip1 = true;
    else if (item == "snip2" || item == "2") r.snip2 = true;
    else if (item == "snip4" || item == "4") r.snip4 = true;
    else if (item == "snip3" || item == "3") r.snip3 = true;
    else return std::nullopt;
  }
  return r;
}

namespace detail {

bool valid_date(std::string_view v) noexcept { return x12::valid_date(v); }
bool valid_time(std::string_view v) noexcept { return x12::valid_time(v); }

}  // namespace detail

std::string_view to_string(SetStatus s) noexcept {
  switch (s) {
    case SetStatus::accepted: return "accepted";
    case SetStatus::accepted_with_errors: return "accepted with errors";
    case SetStatus::rejected: return "rejected";
  }
  return "?";
}

namespace {

using detail::SegmentChecker;

// SNIP 2: usage and repeats of the children of one loop occurrence (or the root).
void check_usage(Sink& sink, const TreeLoop& loop, const std::vector<LoopDef>* top) {
  std::string_view lid = loop.id;
  const TreeSegment* anchor = loop.first();
  if (anchor == nullptr && !loop.loops.empty()) anchor = loop.loops.front()->first();
  if (anchor == nullptr) return;
  auto missing = [&](const SegmentDef& trig, std::string_view child_loop, std::string message) {
    sink.add(Code::segment_required_missing, *anchor, child_loop.empty() ? lid : child_loop, std::move(message), 0, 0,
             0, {}, trig.id);
  };
  if (loop.def == nullptr) {  // root: the top-level loops
    if (top == nullptr) return;
    for (const auto& ld : *top) {
      std::size_t n = 0;
      for (const auto* l : loop.loops) {
        if (l->def != &ld) continue;
        if (++n > ld.repeat && ld.repeat != 0 && l->first())
          sink.add(Code::loop_over_max, *l->first(), ld.id,
                   fmt::format("loop {} occurs more than {} times", ld.id, ld.repeat));
      }
      if (n == 0 && ld.usage == Usage::required && !(ld.id == "TRAILER" && !sink.tree.complete))
        missing(ld.trigger(), ld.id, fmt::format("required loop {} ({}) is missing", ld.id, ld.name));
    }
    return;
  }
  const LoopDef& def = *loop.def;
  // Reused from loop to loop (no allocation per loop occurrence); check_usage does not recurse.
  thread_local std::vector<std::uint32_t> seg_count, loop_count;
  seg_count.assign(def.segments.size(), 0);
  loop_count.assign(def.loops.size(), 0);
  for (const auto& s : loop.segments) {
    if (s.def == nullptr) continue;
    auto i = static_cast<std::size_t>(s.def - def.segments.data());
    if (i >= def.segments.size()) continue;
    const SegmentDef& sd = def.segments[i];
    ++seg_count[i];
    if (sd.usage == Usage::not_used)
      sink.add(Code::segment_not_used, s, lid, fmt::format("the guide says segment {} ({}) is not used", sd.id, sd.name));
    else if (sd.max_use != 0 && seg_count[i] > sd.max_use)
      sink.add(Code::segment_over_max_use, s, lid,
               fmt::format("segment {} ({}) occurs more than {} times", sd.id, sd.name, sd.max_use));
  }
  for (const auto* l : loop.loops) {
    if (l->def == nullptr || l->first() == nullptr) continue;
    auto i = static_cast<std::size_t>(l->def - def.loops.data());
    if (i >= def.loops.size()) continue;
    const LoopDef& ld = def.loops[i];
    ++loop_count[i];
    if (ld.usage == Usage::not_used)
      sink.add(Code::segment_not_used, *l->first(), ld.id, fmt::format("the guide says loop {} is not used", ld.id));
    else if (ld.repeat != 0 && loop_count[i] > ld.repeat)
      sink.add(Code::loop_over_max, *l->first(), ld.id,
               fmt::format("loop {} occurs more than {} times here", ld.id, ld.repeat));
  }
  for (std::uint16_t ci : def.required_children()) {
    const LoopChild& c = def.children[ci];
    if (c.kind == LoopChild::Kind::segment) {
      const SegmentDef& sd = def.segment(c);
      if (seg_count[c.index] == 0 && sd.usage == Usage::required)
        missing(sd, {}, fmt::format("required segment {} ({}) is missing", sd.id, sd.name));
    } else {
      const LoopDef& ld = def.loop(c);
      if (loop_count[c.index] == 0 && ld.usage == Usage::required)
        missing(ld.trigger(), ld.id, fmt::format("required loop {} ({}) is missing", ld.id, ld.name));
    }
  }
}

void check_loop(Sink& sink, SegmentChecker& segments, const TreeLoop& loop) {
  for (const auto& s : loop.segments)
    if (s.def != nullptr) segments.check(s, loop.id);
  if (sink.rules.snip2) check_usage(sink, loop, nullptr);
  for (const auto* child : loop.loops) check_loop(sink, segments, *child);
}

}  // namespace

void Validator::check(const TransactionTree& tree, Diagnostics& out) const {
  // Structural findings of the builder: placement is SNIP 1, HL numbering
  // SNIP 2; a gateway limit is no rule family, and what it left unchecked
  // must show whatever rules run.
  for (const auto& f : tree.findings) {
    bool placement = info(f.code).level == AckLevel::ik3;
    bool limit = f.code == Code::set_over_segment_limit || f.code == Code::loop_over_depth_limit;
    if (limit || (placement && rules_.snip1) || (!placement && rules_.snip2)) {
      Finding copy = f;
      if (!out.capture_values) copy.value.clear();
      out.add(std::move(copy));
    }
  }
  if (tree.root == nullptr) return;
  const TreeSegment* first = tree.root->first();
  if (first == nullptr && !tree.root->loops.empty()) first = tree.root->loops.front()->first();
  if (first == nullptr) return;
  Sink sink{out, tree, rules_};
  const TreeSegment& st = *first;
  if (tree.grammar == nullptr) {
    sink.add(Code::set_not_supported, st, {},
             fmt::format("no implementation guide is known for transaction set {} with this version", tree.st01));
    return;
  }
  if (rules_.snip2 && !tree.st03.empty() && registry_.find({}, tree.st01, tree.st03) != tree.grammar)
    sink.add(Code::set_version_invalid, st, "HEADER",
             fmt::format("ST03 is not a version of the {} guide", tree.grammar->name), 3, 0, 0, tree.st03);
  SegmentChecker segments(sink, tree.segment_count);
  for (const auto& s : tree.root->segments)
    if (s.def != nullptr) segments.check(s, {});
  if (rules_.snip2) check_usage(sink, *tree.root, &tree.grammar->loops);
  for (const auto* l : tree.root->loops) check_loop(sink, segments, *l);
  if (rules_.snip4) detail::check_situational(sink);
}

}  // namespace x12::schema
