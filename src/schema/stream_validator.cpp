// SNIP 1, 2 and 4 on the engine's events: element checks per placed segment,
// usage and repeats from counters per open loop, situational rules from
// their facts (situational_stream.cpp).
#include "x12/schema/stream_validator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "schema/balancing_stream.hpp"
#include "schema/external_code_stream.hpp"
#include "schema/segment_checker.hpp"
#include "schema/situational_stream.hpp"
#include "schema/status_rules_stream.hpp"
#include "schema/validator_detail.hpp"

namespace x12::schema {

std::string CheckedSet::guide() const {
  return info.grammar ? fmt::format("{} {}", info.grammar->name, info.grammar->version) : std::string();
}

namespace {

TreeSegment view_of(const syntax::Segment& s, std::uint32_t packed, const SegmentDef* def) noexcept {
  TreeSegment t;
  t.segment = s;
  t.def = def;
  t.offset = s.offset();
  t.index = s.index();
  t.set_index = s.set_index();
  t.packed_id = packed;
  return t;
}

Position with_element(Position p, std::uint16_t element) noexcept {
  p.element = element;
  return p;
}

}  // namespace

class StreamValidator::Checks final : public EngineEvents {
 public:
  // The clean-segment cache always copies what it keeps (short segments
  // only): a fixed table emptied by generations suits a stream of sets of
  // unknown size, buffer or not.
  Checks(const ValidateOptions& options, const Registry& registry, bool /*input_outlives*/)
      : options_(options),
        registry_(registry),
        engine_(*this, registry),
        sink_{found_, options_.rules},
        segments_(sink_, 0, /*own_content=*/true),
        situational_(sink_),
        status_rules_(sink_),
        balancing_(sink_),
        external_codes_(sink_, options_) {
    engine_.capture_values(options.capture_values);
    engine_.limits(options.tree);
  }

  const CheckedSet* add(const syntax::Segment& s) {
    done_ = false;
    engine_.add(s);
    return done_ ? &result_ : nullptr;
  }
  const CheckedSet* finish() {
    done_ = false;
    engine_.finish();
    return done_ ? &result_ : nullptr;
  }

  void set_begin(const SetInfo& set) override {
    found_ = Diagnostics{};
    found_.capture_values = options_.capture_values;
    found_.max_findings = options_.max_set_findings;
    sink_.added = 0;
    depth_ = 0;
    counts_.resize(1);
    parents_.assign(1, nullptr);
    grammar_ = set.grammar;
    counts_[0].assign(grammar_ ? grammar_->loops.size() : 0, 0);
    root_anchor_ = Position{};
    segments_.restart(0);
    if (options_.rules.snip4) situational_.set_begin(grammar_);
    if (options_.rules.snip4) status_rules_.set_begin(grammar_);
    if (options_.rules.snip3) balancing_.set_begin(set);
    if (options_.rules.snip2) external_codes_.set_begin(grammar_);
  }

  void loop_begin(const OpenLoop& loop) override {
    depth_ = loop.depth;
    if (counts_.size() <= depth_) counts_.resize(depth_ + 1);
    const LoopDef& def = *loop.def;
    // Zeroed with memset: the slot keeps its capacity from loop to loop, and
    // assign() filled element by element (a tenth of validation's time).
    auto& counts = counts_[depth_];
    const std::size_t children = def.segments.size() + def.loops.size();
    if (counts.size() < children) counts.resize(children);
    std::memset(counts.data(), 0, children * sizeof(counts[0]));
    if (parents_.size() <= depth_) parents_.resize(depth_ + 1, nullptr);
    parents_[depth_] = &def;
    if (depth_ == 1 && root_anchor_.set_index == 0) root_anchor_ = loop.anchor;
    if (options_.rules.snip2) count_loop(loop);
    if (options_.rules.snip4) situational_.loop_begin(loop);
    if (options_.rules.snip4) status_rules_.loop_begin(loop);
    if (options_.rules.snip3) balancing_.loop_begin(loop);
  }

  void segment(const syntax::Segment& s, std::uint32_t packed, const SegmentDef* def, const OpenLoop& loop) override {
    if (def != nullptr && grammar_ != nullptr) {
      segments_.check(view_of(s, packed, def), loop.id);
      if (options_.rules.snip2 && loop.def != nullptr) count_segment(s, *def, loop);
    }
    if (options_.rules.snip4 && grammar_ != nullptr) situational_.segment(s, packed, def, loop);
    if (options_.rules.snip4 && grammar_ != nullptr) status_rules_.segment(s, packed, def, loop);
    if (options_.rules.snip3 && grammar_ != nullptr) balancing_.segment(s, packed, def, loop);
    if (options_.rules.snip2 && grammar_ != nullptr) external_codes_.segment(s, def, loop);
  }

  void loop_end(const OpenLoop& loop) override {
    if (options_.rules.snip4) situational_.loop_end(loop);
    if (options_.rules.snip4) status_rules_.loop_end(loop);
    if (options_.rules.snip3) balancing_.loop_end(loop);
    if (options_.rules.snip2 && grammar_ != nullptr) check_required(loop);
    depth_ = loop.depth > 0 ? loop.depth - 1 : 0;
  }

  void set_end(const SetInfo& set) override {
    // What is judged of the set as a whole.
    if (set.grammar == nullptr) {
      sink_.add_at(Code::set_not_supported, set.st, {},
                   fmt::format("no implementation guide is known for transaction set {} with this version", set.st01));
    } else if (options_.rules.snip2 && !set.st03.empty() && registry_.find({}, set.st01, set.st03) != set.grammar) {
      sink_.add_at(Code::set_version_invalid, with_element(set.st, 3), "HEADER",
                   fmt::format("ST03 is not a version of the {} guide", set.grammar->name), set.st03);
    }
    if (options_.rules.snip3) balancing_.set_end(set);
    found_.settle();
    result_.info = set;
    result_.left_out = found_.dropped();
    result_.left_out_errors = found_.dropped_errors();
    result_.findings = std::move(found_.all());
    // Input order. The findings_dropped note (the last one kept) stays last.
    auto end = result_.findings.end();
    if (result_.left_out > 0) --end;
    std::stable_sort(result_.findings.begin(), end,
                     [](const Finding& a, const Finding& b) { return a.where.offset < b.where.offset; });
    done_ = true;
  }

  void finding(Finding&& f) override {
    if (!reported(f.code)) return;
    if (!options_.capture_values) f.value.clear();
    found_.add(std::move(f));
  }
  bool counting_only() const override { return found_.full(); }
  void finding_counted(Code code, const Position& where) override {
    if (reported(code)) found_.drop(code, where);
  }

 private:
  // Which of the engine's structural findings the rules ask for: placement
  // is SNIP 1, HL numbering SNIP 2; a gateway limit is no rule family, and
  // what it left unchecked must show whatever rules run.
  bool reported(Code code) const noexcept {
    const bool placement = info(code).level == AckLevel::ik3;
    const bool limit = code == Code::set_over_segment_limit || code == Code::loop_over_depth_limit;
    return limit || (placement && options_.rules.snip1) || (!placement && options_.rules.snip2);
  }

  // SNIP 2: usage and repeats, counted as the children come.
  void count_segment(const syntax::Segment& s, const SegmentDef& sd, const OpenLoop& loop) {
    const LoopDef& def = *loop.def;
    const auto i = static_cast<std::size_t>(&sd - def.segments.data());
    if (i >= def.segments.size()) return;
    const std::uint32_t n = ++counts_[depth_][i];
    if (sd.usage == Usage::not_used)
      sink_.add_at(Code::segment_not_used, s.position(), loop.id,
                   fmt::format("the guide says segment {} ({}) is not used", sd.id, sd.name));
    else if (sd.max_use != 0 && n > sd.max_use)
      sink_.add_at(Code::segment_over_max_use, s.position(), loop.id,
                   fmt::format("segment {} ({}) occurs more than {} times", sd.id, sd.name, sd.max_use));
  }

  void count_loop(const OpenLoop& loop) {
    const LoopDef& ld = *loop.def;
    if (depth_ == 1) {  // a top-level loop, counted at the root
      const auto i = static_cast<std::size_t>(&ld - grammar_->loops.data());
      if (i >= counts_[0].size()) return;
      if (++counts_[0][i] > ld.repeat && ld.repeat != 0)
        sink_.add_at(Code::loop_over_max, loop.anchor, ld.id,
                     fmt::format("loop {} occurs more than {} times", ld.id, ld.repeat));
      return;
    }
    // The parent's slot: depth_ - 1 still holds the enclosing loop's counts.
    const LoopDef* parent = parent_def_of(ld);
    if (parent == nullptr) return;
    const auto i = static_cast<std::size_t>(&ld - parent->loops.data());
    if (i >= parent->loops.size()) return;
    const std::uint32_t n = ++counts_[depth_ - 1][parent->segments.size() + i];
    if (ld.usage == Usage::not_used)
      sink_.add_at(Code::segment_not_used, loop.anchor, ld.id,
                   fmt::format("the guide says loop {} is not used", ld.id));
    else if (ld.repeat != 0 && n > ld.repeat)
      sink_.add_at(Code::loop_over_max, loop.anchor, ld.id,
                   fmt::format("loop {} occurs more than {} times here", ld.id, ld.repeat));
  }

  void check_required(const OpenLoop& loop) {
    if (loop.depth == 0) {  // the root: the top-level loops
      if (root_anchor_.set_index == 0) return;
      const auto& top = grammar_->loops;
      for (std::size_t i = 0; i < top.size(); ++i) {
        const LoopDef& ld = top[i];
        if (counts_[0][i] == 0 && ld.usage == Usage::required && !(ld.id == "TRAILER" && !engine_.set().complete))
          missing(root_anchor_, ld.trigger(), ld.id, fmt::format("required loop {} ({}) is missing", ld.id, ld.name));
      }
      return;
    }
    const LoopDef& def = *loop.def;
    const auto& counts = counts_[loop.depth];
    for (std::uint16_t ci : def.required_children()) {
      const LoopChild& c = def.children[ci];
      if (c.kind == LoopChild::Kind::segment) {
        const SegmentDef& sd = def.segment(c);
        if (counts[c.index] == 0 && sd.usage == Usage::required)
          missing(loop.anchor, sd, loop.id, fmt::format("required segment {} ({}) is missing", sd.id, sd.name));
      } else {
        const LoopDef& ld = def.loop(c);
        if (counts[def.segments.size() + c.index] == 0 && ld.usage == Usage::required)
          missing(loop.anchor, ld.trigger(), ld.id, fmt::format("required loop {} ({}) is missing", ld.id, ld.name));
      }
    }
  }

  void missing(const Position& anchor, const SegmentDef& trigger, std::string_view loop, std::string message) {
    sink_.add_at(Code::segment_required_missing, with_element(anchor, 0), loop, std::move(message), {}, trigger.id);
  }

  // The loop definition a nested loop definition belongs to: the one open
  // one level up (the engine only opens a loop as a child of the open one).
  const LoopDef* parent_def_of(const LoopDef& ld) const noexcept {
    const LoopDef* p = parents_[depth_ - 1];
    return p != nullptr && &ld >= p->loops.data() && &ld < p->loops.data() + p->loops.size() ? p : nullptr;
  }

  const ValidateOptions options_;
  const Registry& registry_;
  Engine engine_;
  Diagnostics found_;
  detail::Sink sink_;
  detail::SegmentChecker segments_;
  detail::SituationalStream situational_;
  detail::StatusRulesStream status_rules_;  // 270/271, 276/277, 277CA
  detail::BalancingStream balancing_;
  detail::ExternalCodeStream external_codes_;  // CARC, RARC, ICD-10-CM lists
  const Grammar* grammar_ = nullptr;
  std::uint32_t depth_ = 0;
  // Per open loop (by depth): how often each child occurred, segments first
  // then loops, by their index in the definition; at the root, the
  // grammar's top-level loops.
  std::vector<std::vector<std::uint32_t>> counts_;
  std::vector<const LoopDef*> parents_;  // the definition open at each depth (null: the root)
  Position root_anchor_;
  CheckedSet result_;
  bool done_ = false;
};

StreamValidator::StreamValidator(const ValidateOptions& options, const Registry& registry, bool input_outlives)
    : checks_(std::make_unique<Checks>(options, registry, input_outlives)) {}

StreamValidator::~StreamValidator() = default;

const CheckedSet* StreamValidator::add(const syntax::Segment& s) { return checks_->add(s); }
const CheckedSet* StreamValidator::finish() { return checks_->finish(); }

}  // namespace x12::schema
