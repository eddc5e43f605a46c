// The easy entry point: reader -> envelope checker + builder -> validator,
// one transaction set at a time, with findings routed to their interchange,
// group and set summaries.
#include <fmt/format.h>

#include "x12/schema/validator.hpp"

namespace x12::schema {

ack::SetResult SetSummary::to_ack() const {
  ack::SetResult r;
  r.id = id;
  r.control = control;
  r.reference = reference;
  r.findings = findings;
  return r;
}

ack::GroupResult GroupSummary::to_ack() const {
  ack::GroupResult g;
  g.functional_id = functional_id;
  g.control = control;
  g.version = version;
  g.sets_declared = sets_declared;
  for (const auto& s : sets) g.sets.push_back(s.to_ack());
  g.findings = findings;
  return g;
}

std::size_t GroupSummary::accepted() const noexcept {
  std::size_t n = 0;
  for (const auto& s : sets) n += s.status != SetStatus::rejected ? 1 : 0;
  return n;
}

std::vector<const SetSummary*> Report::sets() const {
  std::vector<const SetSummary*> out;
  for (const auto& i : interchanges)
    for (const auto& g : i.groups)
      for (const auto& s : g.sets) out.push_back(&s);
  return out;
}

namespace {

class Session {
 public:
  Session(const ValidateOptions& options, const Registry& registry, Report& report)
      : options_(options), report_(report), builder_(registry), validator_(options.rules, registry), checker_(scratch_) {
    scratch_.capture_values = options.capture_values;
    report_.diagnostics.capture_values = options.capture_values;
    builder_.capture_values(options.capture_values);
  }

  void add(const syntax::Segment& s) {
    ++report_.segments;
    std::string_view id = s.id();
    checker_.add(s);
    const TransactionTree* tree = builder_.add(s);
    if (tree != nullptr) finish_set(*tree, id == "SE");
    if (id == "ISA") {
      report_.interchanges.emplace_back();
      report_.interchanges.back().header = checker_.interchange();
      group_open_ = false;
    } else if (id == "GS") {
      GroupSummary g;
      const auto& info = checker_.group();
      g.functional_id = info.functional_id;
      g.control = info.control;
      g.version = info.version;
      g.offset = s.offset();
      interchange().groups.push_back(std::move(g));
      group_open_ = true;
    } else if (id == "ST") {
      SetSummary set;
      set.id = std::string(s.element(1));
      set.control = std::string(s.element(2));
      set.reference = std::string(s.element(3));
      set.offset = s.offset();
      set.segment_index = s.index();
      group().sets.push_back(std::move(set));
      set_open_ = true;
    } else if (id == "GE") {
      if (group_open_) group().sets_declared = std::strtoull(std::string(s.element(1)).c_str(), nullptr, 10);
      route_envelope();
      group_open_ = false;
    } else if (id == "IEA") {
      route_envelope();
      group_open_ = false;
    }
    route_envelope();
  }

  void finish(std::uint64_t end, bool stopped) {
    if (const TransactionTree* tree = builder_.finish()) finish_set(*tree, false);
    if (!stopped) checker_.finish(end);
    route_envelope();
  }

 private:
  InterchangeSummary& interchange() {
    if (report_.interchanges.empty()) report_.interchanges.emplace_back();
    return report_.interchanges.back();
  }
  GroupSummary& group() {
    auto& i = interchange();
    if (i.groups.empty()) i.groups.emplace_back();  // a set outside any group
    return i.groups.back();
  }

  void keep(std::vector<Finding>& where, const Finding& f) {
    if (!options_.rules.snip1 && info(f.code).level != AckLevel::none) return;  // envelope checks are SNIP 1
    where.push_back(f);
    report_.diagnostics.add(f);
  }

  // Envelope findings made so far go to the open set, group or interchange.
  void route_envelope() {
    for (auto& f : scratch_.all()) {
      AckLevel level = info(f.code).level;
      bool to_set = (level == AckLevel::ik5 || level == AckLevel::ik3 || level == AckLevel::ik4) && has_set();
      if (to_set) add_to_set(f, /*envelope=*/true);
      else if (level == AckLevel::ak9 && !interchange().groups.empty()) keep(group().findings, f);
      else keep(interchange().findings, f);
    }
    scratch_.clear();
  }

  bool has_set() {
    return !report_.interchanges.empty() && !interchange().groups.empty() && !group().sets.empty();
  }

  void add_to_set(const Finding& f, bool envelope) {
    SetSummary& set = group().sets.back();
    if (envelope) keep(set.findings, f);
    else {
      set.findings.push_back(f);
      report_.diagnostics.add(f);
    }
  }

  void finish_set(const TransactionTree& tree, bool at_se) {
    // Envelope findings of the closing segment (SE counts, a missing SE) belong to this set.
    route_envelope();
    if (!has_set()) {  // a set the envelope never opened (the builder saw an ST the summary missed)
      SetSummary set;
      set.id = tree.st01;
      set.control = tree.st02;
      set.reference = tree.st03;
      group().sets.push_back(std::move(set));
    }
    Diagnostics found;
    found.capture_values = options_.capture_values;
    validator_.check(tree, found);
    for (const auto& f : found.all()) add_to_set(f, false);
    SetSummary& set = group().sets.back();
    set.segments = tree.segment_count;
    if (tree.grammar) set.guide = fmt::format("{} {}", tree.grammar->name, tree.grammar->version);
    set.errors = set.warnings = 0;
    for (const auto& f : set.findings) {
      if (f.severity == Severity::error) ++set.errors;
      else if (f.severity == Severity::warning) ++set.warnings;
    }
    set.status = set.errors > 0 ? SetStatus::rejected
                 : set.warnings > 0 ? SetStatus::accepted_with_errors
                                    : SetStatus::accepted;
    (void)at_se;
    set_open_ = false;
  }

  const ValidateOptions& options_;
  Report& report_;
  Diagnostics scratch_;
  Builder builder_;
  Validator validator_;
  syntax::EnvelopeChecker checker_;
  bool group_open_ = false, set_open_ = false;
};

template <class MakeReader>
Report run(const ValidateOptions& options, const Registry& registry, MakeReader&& make) {
  Report report;
  auto reader = make();
  Session session(options, registry, report);
  syntax::Segment s;
  while (reader->next(s)) session.add(s);
  if (reader->stop()) report.stop = *reader->stop();
  session.finish(reader->bytes_read(), reader->stop() != nullptr);
  // Layout tolerances and reader-level problems (unterminated segments...).
  for (const auto& f : reader->diagnostics().all()) {
    // A line break after each terminator is common practice that X12 allows
    // (RFI 28); it is no finding of a validation.
    if (f.code == Code::line_break_after_terminator) continue;
    if (!options.rules.snip1 && info(f.code).level != AckLevel::none) continue;
    Finding copy = f;
    if (!options.capture_values) copy.value.clear();
    report.diagnostics.add(copy);
    if (!report.interchanges.empty()) report.interchanges.back().findings.push_back(copy);
  }
  return report;
}

}  // namespace

Report validate(std::string_view buffer, const ValidateOptions& options, const Registry& registry) {
  return run(options, registry, [&] { return std::make_unique<syntax::Reader>(buffer, options.reader); });
}

Report validate(syntax::Source& source, const ValidateOptions& options, const Registry& registry) {
  return run(options, registry, [&] { return std::make_unique<syntax::Reader>(source, options.reader); });
}

}  // namespace x12::schema
