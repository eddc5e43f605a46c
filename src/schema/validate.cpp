// The easy entry point: reader -> envelope checker + builder -> validator,
// one transaction set at a time, with findings routed to their interchange,
// group and set summaries.
#include <fmt/format.h>

#include <atomic>
#include <optional>

#include "x12/schema/parallel.hpp"
#include "x12/schema/stream_validator.hpp"
#include "x12/schema/validator.hpp"
#include "x12/syntax/splitter.hpp"

namespace x12::schema {

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

enum class Envelope : std::uint8_t { none, isa, gs, st, se, ge, iea };

Envelope envelope_of(const syntax::Segment& s) noexcept {
  std::string_view c = s.content();
  if (c.empty()) return Envelope::none;
  switch (c.front()) {
    case 'I': return s.is("ISA") ? Envelope::isa : s.is("IEA") ? Envelope::iea : Envelope::none;
    case 'G': return s.is("GS") ? Envelope::gs : s.is("GE") ? Envelope::ge : Envelope::none;
    case 'S': return s.is("ST") ? Envelope::st : s.is("SE") ? Envelope::se : Envelope::none;
    default: return Envelope::none;
  }
}

class Session {
 public:
  // What a worker found in one unit (parallel mode), positions already in input terms.
  struct SetOutcome {
    std::vector<Finding> found;
    std::uint64_t segment_count = 0;
    std::string guide, st01, st02, st03;
    std::uint64_t left_out_errors = 0;  // errors past the per-set findings limit, counted
  };

  // `input_outlives`: the bytes read stay valid to the end of the run (a
  // whole buffer), so the builder need not copy them.
  Session(const ValidateOptions& options, const Registry& registry, Report& report, bool input_outlives)
      : options_(options),
        report_(report),
        validator_(options.rules, registry),
        checker_(scratch_) {
    scratch_.capture_values = options.capture_values;
    report_.diagnostics.capture_values = options.capture_values;
    // Only the engine the options ask for is made: each holds buffers sized
    // for large sets (the tree's arenas, the stream's clean-segment cache).
    if (options.method == ValidateOptions::Method::stream) {
      stream_.emplace(options, registry, input_outlives);
    } else {
      builder_.emplace(registry);
      builder_->capture_values(options.capture_values);
      builder_->borrow_input(input_outlives);
      builder_->limits(options.tree);
    }
  }

  // Parallel mode: sets are not built here; each one the splitter closes is
  // handed to `submit`, and its outcome comes back through resolve(), in order.
  void defer_sets(std::function<void(syntax::Unit&&)> submit) {
    deferred_ = true;
    submit_ = std::move(submit);
  }

  // False when the file has more sets than options.max_sets: the caller
  // stops reading there (the segment is not counted).
  bool add(const syntax::Segment& s) {
    // Segment::id() searches for the separator; these tests look at two or
    // three bytes, and most segments are none of them.
    const Envelope id = envelope_of(s);
    if (id == Envelope::st && ++sets_seen_ > options_.max_sets) {
      stop_at_set_limit(s);
      return false;
    }
    ++report_.segments;
    checker_.add(s);
    if (deferred_) {
      if (splitter_.add(s)) defer_set(splitter_.take());
    } else if (stream_) {
      if (const CheckedSet* set = stream_->add(s)) finish_set(*set);
    } else {
      const TransactionTree* tree = builder_->add(s);
      if (tree != nullptr) finish_set(*tree, id == Envelope::se);
    }
    if (id == Envelope::isa) {
      pending_back_ = -1;
      report_.interchanges.emplace_back();
      report_.interchanges.back().header = checker_.interchange();
      group_open_ = false;
    } else if (id == Envelope::gs) {
      GroupSummary g;
      const auto& info = checker_.group();
      g.functional_id = info.functional_id;
      g.control = info.control;
      g.version = info.version;
      g.offset = s.offset();
      pending_back_ = -1;
      interchange().groups.push_back(std::move(g));
      group_open_ = true;
    } else if (id == Envelope::st) {
      SetSummary set;
      set.id = std::string(s.element(1));
      set.control = std::string(s.element(2));
      set.reference = std::string(s.element(3));
      set.offset = s.offset();
      set.segment_index = s.index();
      pending_back_ = -1;
      group().sets.push_back(std::move(set));
      set_open_ = true;
    } else if (id == Envelope::ge) {
      if (group_open_) group().sets_declared = std::strtoull(std::string(s.element(1)).c_str(), nullptr, 10);
      route_envelope();
      group_open_ = false;
    } else if (id == Envelope::iea) {
      route_envelope();
      group_open_ = false;
    }
    route_envelope();
    return true;
  }

  // The reader's gateway-limit findings (a skipped segment) made since the
  // last call: they go to the set they stood in, so its 999 rejects it, or
  // to the interchange between sets. Reported whatever rules run, as the
  // tree's limits are: the skipped bytes went unchecked.
  void route_reader_limits(const Diagnostics& reader) {
    const auto& all = reader.all();
    for (; reader_routed_ < all.size(); ++reader_routed_) {
      const Finding& f = all[reader_routed_];
      if (!is_reader_limit(f.code)) continue;
      Finding copy = f;
      if (!options_.capture_values) copy.value.clear();
      if (set_open_ && has_set()) add_to_set(copy, /*envelope=*/false);
      else {
        interchange().findings.push_back(copy);
        emit(copy);
      }
    }
  }

  static bool is_reader_limit(Code c) noexcept { return c == Code::segment_too_long || c == Code::element_over_limit; }

  void finish(std::uint64_t end, bool stopped) {
    if (deferred_) {
      if (splitter_.finish()) defer_set(splitter_.take());
    } else if (stream_) {
      if (const CheckedSet* set = stream_->finish()) finish_set(*set);
    } else if (const TransactionTree* tree = builder_->finish()) {
      finish_set(*tree, false);
    }
    if (!stopped) checker_.finish(end);
    route_envelope();
  }

  // Parallel mode: the outcome of the next deferred set, in input order.
  void resolve(SetOutcome& o) {
    if (static_cast<long>(resolved_) == pending_back_) pending_back_ = -1;
    Pending& p = pending_[resolved_++];
    SetSummary& set = report_.interchanges[p.interchange].groups[p.group].sets[p.set];
    if (p.created) {
      set.id = o.st01;
      set.control = o.st02;
      set.reference = o.st03;
    }
    for (auto& f : o.found) set.findings.push_back(f);
    p.found = std::move(o.found);
    finish_summary(set, o.segment_count, std::move(o.guide), o.left_out_errors);
    for (auto& f : p.after) set.findings.push_back(std::move(f));
    p.after.clear();
  }

  // Parallel mode, after every set is resolved: the report's findings in the
  // order validate() makes them.
  void replay() {
    if (!deferred_) return;
    for (auto& e : log_) {
      if (e.slot < 0) report_.diagnostics.add(std::move(e.finding));
      else
        for (auto& f : pending_[static_cast<std::size_t>(e.slot)].found) report_.diagnostics.add(std::move(f));
    }
    log_.clear();
  }

 private:
  // Reported whatever rules run: the rest of the file goes unchecked.
  void stop_at_set_limit(const syntax::Segment& st) {
    route_envelope();
    Finding f;
    f.code = Code::sets_over_limit;
    f.severity = info(f.code).severity;
    f.where = st.position();
    f.message = fmt::format("the file holds more than the limit of {} transaction sets; reading stopped at this "
                            "ST and the rest of the file was not checked",
                            options_.max_sets);
    interchange().findings.push_back(f);
    emit(f);
  }

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
    emit(f);
  }

  void emit(const Finding& f) {
    if (deferred_) log_.push_back(LogEntry{f, -1});
    else report_.diagnostics.add(f);
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
    // A set still being checked elsewhere: its own findings go before these.
    auto& where = pending_back_ >= 0 ? pending_[static_cast<std::size_t>(pending_back_)].after : set.findings;
    if (envelope) keep(where, f);
    else {
      where.push_back(f);
      emit(f);
    }
  }

  // `left_out_errors`: errors past the per-set findings limit, counted but
  // not kept; they count among the set's errors and reject it.
  void finish_summary(SetSummary& set, std::uint64_t segments, std::string guide, std::uint64_t left_out_errors = 0) {
    set.segments = segments;
    set.guide = std::move(guide);
    set.errors = left_out_errors;
    set.warnings = 0;
    for (const auto& f : set.findings) {
      if (f.severity == Severity::error) ++set.errors;
      else if (f.severity == Severity::warning) ++set.warnings;
    }
    set.status = set.errors > 0 ? SetStatus::rejected
                 : set.warnings > 0 ? SetStatus::accepted_with_errors
                                    : SetStatus::accepted;
  }

  // Parallel mode: what finish_set does, with the tree built elsewhere.
  void defer_set(syntax::Unit&& unit) {
    route_envelope();
    bool created = false;
    if (!has_set()) {
      group().sets.emplace_back();
      created = true;
    }
    Pending p;
    p.interchange = report_.interchanges.size() - 1;
    p.group = interchange().groups.size() - 1;
    p.set = group().sets.size() - 1;
    p.created = created;
    pending_.push_back(std::move(p));
    pending_back_ = static_cast<long>(pending_.size() - 1);
    log_.push_back(LogEntry{Finding{}, pending_back_});
    set_open_ = false;
    submit_(std::move(unit));
  }

  // The streaming engine's set: its findings come checked and in input order.
  void finish_set(const CheckedSet& checked) {
    route_envelope();  // envelope findings of the closing segment (SE counts, a missing SE)
    if (!has_set()) {  // a set the envelope never opened
      SetSummary set;
      set.id = checked.info.st01;
      set.control = checked.info.st02;
      set.reference = checked.info.st03;
      group().sets.push_back(std::move(set));
    }
    for (const auto& f : checked.findings) add_to_set(f, false);
    SetSummary& set = group().sets.back();
    finish_summary(set, checked.info.segment_count, checked.guide(), checked.left_out_errors);
    set_open_ = false;
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
    finish_summary(set, tree.segment_count,
                   tree.grammar ? fmt::format("{} {}", tree.grammar->name, tree.grammar->version) : std::string());
    (void)at_se;
    set_open_ = false;
  }

  const ValidateOptions& options_;
  Report& report_;
  Diagnostics scratch_;
  std::optional<Builder> builder_;  // ValidateOptions::Method::tree
  Validator validator_;
  std::optional<StreamValidator> stream_;  // ValidateOptions::Method::stream
  syntax::EnvelopeChecker checker_;
  bool group_open_ = false, set_open_ = false;
  std::size_t reader_routed_ = 0;  // reader findings looked at by route_reader_limits
  std::uint64_t sets_seen_ = 0;
  // Parallel mode.
  struct Pending {
    std::size_t interchange = 0, group = 0, set = 0;
    bool created = false;         // the summary was made here, not at its ST
    std::vector<Finding> found;   // the worker's findings, kept for replay()
    std::vector<Finding> after;   // findings routed to the set while it was out
  };
  struct LogEntry {
    Finding finding;
    long slot = -1;  // >= 0: the findings of pending_[slot] go here
  };
  bool deferred_ = false;
  std::function<void(syntax::Unit&&)> submit_;
  syntax::Splitter splitter_;
  std::vector<Pending> pending_;
  std::size_t resolved_ = 0;
  long pending_back_ = -1;  // pending_ index of group().sets.back(), or -1
  std::vector<LogEntry> log_;
};

// Each parallel run numbers itself, so a worker thread's builder is never
// reused by a later run: a registry (and its grammars) may have been freed
// and another allocated at the same address since, which an address check
// would not see.
std::atomic<std::uint64_t> parallel_runs{0};

// Builds and checks the set of one unit (on a worker thread of run `run_id`).
Session::SetOutcome check_unit(const syntax::Unit& unit, const ValidateOptions& options, const Registry& registry,
                               const Validator& validator, std::uint64_t run_id) {
  syntax::ReaderOptions ro = options.reader;
  ro.max_segment_length = std::max<std::size_t>(ro.max_segment_length, unit.bytes.size());
  Session::SetOutcome out;
  auto to_input = [&] {
    for (auto& f : out.found) {
      unit.to_input(f.where);
      if (f.has_trigger()) unit.to_input(f.trigger);
    }
  };
  if (options.method == ValidateOptions::Method::stream) {
    thread_local std::unique_ptr<StreamValidator> stream;
    thread_local std::uint64_t stream_run = 0;
    if (!stream || stream_run != run_id) {
      stream = std::make_unique<StreamValidator>(options, registry, /*input_outlives=*/true);
      stream_run = run_id;
    }
    syntax::Reader reader(std::string_view(unit.bytes), ro);
    const CheckedSet* set = nullptr;
    for (syntax::Segment s; reader.next(s);)
      if (const CheckedSet* done = stream->add(s)) set = done;
    if (set == nullptr) set = stream->finish();
    if (set == nullptr) return out;
    out.found = set->findings;
    to_input();
    out.segment_count = set->info.segment_count + unit.skipped.size();
    out.guide = set->guide();
    out.st01 = set->info.st01;
    out.st02 = set->info.st02;
    out.st03 = set->info.st03;
    out.left_out_errors = set->left_out_errors;
    return out;
  }
  thread_local std::unique_ptr<Builder> builder;
  thread_local std::uint64_t builder_run = 0;
  if (!builder || builder_run != run_id) {
    builder = std::make_unique<Builder>(registry);
    builder_run = run_id;
  }
  builder->capture_values(options.capture_values);
  builder->limits(options.tree);
  builder->borrow_input(true);  // the unit outlives its tree, which dies with this call
  syntax::Reader reader(std::string_view(unit.bytes), ro);
  const TransactionTree* tree = nullptr;
  for (syntax::Segment s; reader.next(s);)
    if (const TransactionTree* t = builder->add(s)) tree = t;
  if (tree == nullptr) tree = builder->finish();
  if (tree == nullptr) return out;
  Diagnostics found;
  found.capture_values = options.capture_values;
  validator.check(*tree, found);
  out.found = std::move(found.all());
  to_input();
  out.segment_count = tree->segment_count + unit.skipped.size();
  if (tree->grammar) out.guide = fmt::format("{} {}", tree->grammar->name, tree->grammar->version);
  out.st01 = tree->st01;
  out.st02 = tree->st02;
  out.st03 = tree->st03;
  return out;
}

template <class MakeReader>
Report run(const ValidateOptions& options, const Registry& registry, MakeReader&& make, bool input_outlives,
           unsigned jobs = 0) {
  Report report;
  auto reader = make();
  Session session(options, registry, report, input_outlives);
  syntax::Segment s;
  // At the set limit reading stops as at a stop: envelopes left open are not reported.
  bool limited = false;
  auto read = [&] {
    while (!limited && reader->next(s)) {
      session.route_reader_limits(reader->diagnostics());  // segments skipped before this one
      limited = !session.add(s);
    }
    session.route_reader_limits(reader->diagnostics());
  };
  if (jobs == 0) {
    read();
    if (reader->stop()) report.stop = *reader->stop();
    session.finish(reader->bytes_read(), limited || reader->stop() != nullptr);
  } else {
    Validator validator(options.rules, registry);
    const std::uint64_t run_id = ++parallel_runs;
    using Pool = syntax::OrderedPool<syntax::Unit, Session::SetOutcome>;
    Pool pool(
        jobs, [&](syntax::Unit& u) { return check_unit(u, options, registry, validator, run_id); },
        [&](Session::SetOutcome& o) { session.resolve(o); }, 2 * std::size_t{jobs});
    session.defer_sets([&](syntax::Unit&& u) { pool.submit(std::move(u)); });
    read();
    if (reader->stop()) report.stop = *reader->stop();
    session.finish(reader->bytes_read(), limited || reader->stop() != nullptr);
    pool.close();
    session.replay();
  }
  // Layout tolerances and reader-level problems (unterminated segments...).
  for (const auto& f : reader->diagnostics().all()) {
    // A line break after each terminator is common practice that X12 allows
    // (RFI 28); it is no finding of a validation.
    if (f.code == Code::line_break_after_terminator) continue;
    if (Session::is_reader_limit(f.code)) continue;  // routed as they came
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
  return run(
      options, registry, [&] { return std::make_unique<syntax::Reader>(buffer, options.reader); },
      /*input_outlives=*/true);
}

Report validate(syntax::Source& source, const ValidateOptions& options, const Registry& registry) {
  return run(
      options, registry, [&] { return std::make_unique<syntax::Reader>(source, options.reader); },
      /*input_outlives=*/false);
}

Report validate_parallel(syntax::Source& source, const ValidateOptions& options, unsigned jobs,
                         const Registry& registry) {
  return run(
      options, registry, [&] { return std::make_unique<syntax::Reader>(source, options.reader); },
      /*input_outlives=*/false, std::max(jobs, 1u));
}

}  // namespace x12::schema
