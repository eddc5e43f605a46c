// The easy entry point: reader -> envelope checker + streaming validator,
// one transaction set at a time, with findings routed to their interchange,
// group and set summaries.
#include <fmt/format.h>

#include <atomic>
#include <deque>
#include <optional>

#include "x12/schema/parallel.hpp"
#include "x12/schema/report_sink.hpp"
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
  Session(const ValidateOptions& options, const Registry& registry, ReportSink& sink, bool input_outlives)
      : options_(options),
        sink_(sink),
        registry_(registry),
        stream_(options, registry, input_outlives),
        checker_(scratch_) {
    scratch_.capture_values = options.capture_values;
  }

  // Parallel mode: sets are not built here; each one the splitter closes is
  // handed to `submit`, and its outcome comes back through resolve(), in order.
  void defer_sets(std::function<void(syntax::Unit&&)> submit) {
    deferred_ = true;
    submit_ = std::move(submit);
  }

  // A part of a file checked on its own: the envelope checks resume (validate_range).
  void resume(const syntax::EnvelopeResume& r) { checker_.resume(r); }

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
    ++segments_;
    checker_.add(s);
    if (deferred_) {
      if (splitter_.add(s)) defer_set(splitter_.take());
    } else if (const CheckedSet* set = stream_.add(s)) {
      finish_set(*set);
    }
    if (id == Envelope::isa) {
      pending_back_ = -1;
      open_.emplace_back();
      open_.back().summary.header = checker_.interchange();
      group_open_ = false;
      hand_over();
    } else if (id == Envelope::gs) {
      OpenGroup g;
      const auto& info = checker_.group();
      g.summary.functional_id = info.functional_id;
      g.summary.control = info.control;
      g.summary.version = info.version;
      g.summary.sender = info.sender;
      g.summary.receiver = info.receiver;
      g.summary.offset = s.offset();
      pending_back_ = -1;
      interchange().groups.push_back(std::move(g));
      group_open_ = true;
      hand_over();
    } else if (id == Envelope::st) {
      SetSummary set;
      set.id = std::string(s.element(1));
      set.control = std::string(s.element(2));
      set.reference = std::string(s.element(3));
      set.offset = s.offset();
      set.segment_index = s.index();
      pending_back_ = -1;
      group().summary.sets.push_back(std::move(set));
      set_open_ = true;
      hand_over();
    } else if (id == Envelope::ge) {
      if (group_open_) group().summary.sets_declared = std::strtoull(std::string(s.element(1)).c_str(), nullptr, 10);
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
  // engine's limits are: the skipped bytes went unchecked.
  void route_reader_limits(const Diagnostics& reader) {
    const auto& all = reader.all();
    for (; reader_routed_ < all.size(); ++reader_routed_) {
      const Finding& f = all[reader_routed_];
      if (!is_reader_limit(f.code)) continue;
      Finding copy = f;
      if (!options_.capture_values) copy.value.clear();
      if (set_open_ && has_set()) add_to_set(copy, /*envelope=*/false);
      else {
        interchange().summary.findings.push_back(copy);
        emit(copy);
      }
    }
  }

  static bool is_reader_limit(Code c) noexcept { return c == Code::segment_too_long || c == Code::element_over_limit; }

  void finish(std::uint64_t end, bool stopped) {
    if (deferred_) {
      if (splitter_.finish()) defer_set(splitter_.take());
    } else if (const CheckedSet* set = stream_.finish()) {
      finish_set(*set);
    }
    if (!stopped) checker_.finish(end);
    route_envelope();
  }

  // The end of the run, after every deferred set is resolved: the reader's
  // own findings (layout tolerances, unterminated segments...) go to the
  // last interchange, and everything left open goes to the sink.
  void close(const Diagnostics& reader, const std::optional<Error>& stop) {
    for (const auto& f : reader.all()) {
      // A line break after each terminator is common practice that X12 allows
      // (RFI 28); it is no finding of a validation.
      if (f.code == Code::line_break_after_terminator) continue;
      if (is_reader_limit(f.code)) continue;  // routed as they came
      if (!options_.rules.snip1 && info(f.code).level != AckLevel::none) continue;
      Finding copy = f;
      if (!options_.capture_values) copy.value.clear();
      emit(copy);
      if (!open_.empty()) open_.back().summary.findings.push_back(std::move(copy));
    }
    replay();
    closed_ = true;
    hand_over();
    sink_.end(segments_, stop);
  }

  // Parallel mode: the outcome of the next deferred set, in input order.
  void resolve(SetOutcome& o) {
    if (static_cast<long>(resolved_) == pending_back_) pending_back_ = -1;
    Pending& p = pending(resolved_++);
    SetSummary& set = at(p.where);
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
    replay();
    hand_over();
  }

 private:
  // Where a set stands: its interchange, group and set, each counted from
  // the start of the input (the window below forgets what it handed over).
  struct SetPlace {
    std::uint64_t interchange = 0, group = 0, set = 0;
    bool operator==(const SetPlace&) const = default;
  };
  // The part of the report not yet handed to the sink: the open interchange
  // and group, and (in parallel mode) those whose sets are still being
  // checked. `summary.sets` and `groups` hold what is still here; the
  // counts say how many went before.
  struct OpenGroup {
    GroupSummary summary;
    std::uint64_t sets_before = 0;
    bool begun = false;  // group_begin sent
  };
  struct OpenInterchange {
    InterchangeSummary summary;
    std::deque<OpenGroup> groups;
    std::uint64_t groups_before = 0;
    bool begun = false;
  };

  // Reported whatever rules run: the rest of the file goes unchecked.
  void stop_at_set_limit(const syntax::Segment& st) {
    route_envelope();
    Finding f;
    f.code = Code::sets_over_limit;
    f.severity = info(f.code).severity;
    f.where = st.position();
    f.message = fmt::format(
        "the file holds more than the limit of {} transaction sets; reading stopped at this "
        "ST and the rest of the file was not checked",
        options_.max_sets);
    interchange().summary.findings.push_back(f);
    emit(f);
  }

  OpenInterchange& interchange() {
    if (open_.empty()) open_.emplace_back();
    return open_.back();
  }
  OpenGroup& group() {
    auto& i = interchange();
    if (i.groups.empty()) i.groups.emplace_back();  // a set outside any group
    return i.groups.back();
  }
  // The window keeps the newest interchange, group and set until the input
  // closes them, so these are empty only before the first one.
  bool has_set() { return !open_.empty() && !open_.back().groups.empty() && !group().summary.sets.empty(); }
  SetPlace place_of_last_set() {
    auto& i = interchange();
    auto& g = group();
    return {interchanges_before_ + open_.size() - 1, i.groups_before + i.groups.size() - 1,
            g.sets_before + g.summary.sets.size() - 1};
  }
  SetSummary& at(const SetPlace& p) {
    auto& i = open_[p.interchange - interchanges_before_];
    auto& g = i.groups[p.group - i.groups_before];
    return g.summary.sets[p.set - g.sets_before];
  }

  void keep(std::vector<Finding>& where, const Finding& f) {
    if (!options_.rules.snip1 && info(f.code).level != AckLevel::none) return;  // envelope checks are SNIP 1
    where.push_back(f);
    emit(f);
  }

  void emit(const Finding& f) {
    if (deferred_) log_.push_back(LogEntry{f, -1});
    else sink_.finding(f);
  }

  // Envelope findings made so far go to the open set, group or interchange.
  void route_envelope() {
    for (auto& f : scratch_.all()) {
      // GS08 naming another guide than ST03 is worth a warning only when ST03
      // is a guide the set can be checked by; otherwise the engine's
      // set_version_invalid / set_not_supported says what is wrong.
      if (f.code == Code::set_guide_mismatch && registry_.find(checker_.set().reference, checker_.set().id) == nullptr)
        continue;
      AckLevel level = info(f.code).level;
      bool to_set = (level == AckLevel::ik5 || level == AckLevel::ik3 || level == AckLevel::ik4) && has_set();
      if (to_set) add_to_set(f, /*envelope=*/true);
      else if (level == AckLevel::ak9 && !interchange().groups.empty()) keep(group().summary.findings, f);
      else keep(interchange().summary.findings, f);
    }
    scratch_.clear();
  }

  void add_to_set(const Finding& f, bool envelope) {
    SetSummary& set = group().summary.sets.back();
    // A set still being checked elsewhere: its own findings go before these.
    auto& where = pending_back_ >= 0 ? pending(static_cast<std::size_t>(pending_back_)).after : set.findings;
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
    set.status = set.errors > 0     ? SetStatus::rejected
                 : set.warnings > 0 ? SetStatus::accepted_with_errors
                                    : SetStatus::accepted;
  }

  // Parallel mode: what finish_set does, with the set checked elsewhere.
  void defer_set(syntax::Unit&& unit) {
    route_envelope();
    bool created = false;
    if (!has_set()) {
      group().summary.sets.emplace_back();
      created = true;
    }
    Pending p;
    p.where = place_of_last_set();
    p.created = created;
    pending_.push_back(std::move(p));
    pending_back_ = static_cast<long>(pending_before_ + pending_.size() - 1);
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
      group().summary.sets.push_back(std::move(set));
    }
    for (const auto& f : checked.findings) add_to_set(f, false);
    SetSummary& set = group().summary.sets.back();
    finish_summary(set, checked.info.segment_count, checked.guide(), checked.left_out_errors);
    set_open_ = false;
  }

  // Parallel mode: the findings logged so far, up to the first set still out,
  // go to the sink in the order the sequential run makes them.
  void replay() {
    while (!log_.empty()) {
      LogEntry& e = log_.front();
      if (e.slot < 0) sink_.finding(e.finding);
      else if (static_cast<std::size_t>(e.slot) < resolved_)
        for (auto& f : pending(static_cast<std::size_t>(e.slot)).found) sink_.finding(f);
      else break;
      log_.pop_front();
    }
    // A pending entry is done once resolved and replayed (the log names each once, in order).
    const std::size_t replayed = log_.empty() ? resolved_ : std::min<std::size_t>(resolved_, first_slot_in_log());
    while (pending_before_ < replayed && !pending_.empty()) {
      pending_.pop_front();
      ++pending_before_;
    }
  }
  std::size_t first_slot_in_log() const {
    for (const auto& e : log_)
      if (e.slot >= 0) return static_cast<std::size_t>(e.slot);
    return resolved_;
  }

  // Hands the sink every summary that nothing can change any more: all but
  // the newest interchange, group and set (every one once the run is
  // closed), stopping at the first set still being checked elsewhere.
  void hand_over() {
    const bool blocked_any = resolved_ < pending_before_ + pending_.size();
    const SetPlace first_out = blocked_any ? pending(resolved_).where : SetPlace{};
    while (!open_.empty()) {
      auto& i = open_.front();
      const bool i_current = !closed_ && open_.size() == 1;
      if (!i.begun) {
        sink_.interchange_begin(i.summary);
        i.begun = true;
      }
      while (!i.groups.empty()) {
        auto& g = i.groups.front();
        const bool g_current = i_current && i.groups.size() == 1;
        if (!g.begun) {
          GroupSummary header = g.summary;
          header.sets.clear();
          sink_.group_begin(header);
          g.begun = true;
        }
        while (!g.summary.sets.empty()) {
          if (g_current && g.summary.sets.size() == 1) return;
          const SetPlace here{interchanges_before_, i.groups_before, g.sets_before};
          if (blocked_any && here == first_out) return;
          sink_.set(g.summary.sets.front());
          g.summary.sets.erase(g.summary.sets.begin());
          ++g.sets_before;
        }
        if (g_current) return;
        sink_.group_end(g.summary);
        i.groups.pop_front();
        ++i.groups_before;
      }
      if (i_current) return;
      sink_.interchange_end(i.summary);
      open_.pop_front();
      ++interchanges_before_;
    }
  }

  struct Pending {
    SetPlace where;
    bool created = false;        // the summary was made here, not at its ST
    std::vector<Finding> found;  // the worker's findings, kept for replay()
    std::vector<Finding> after;  // findings routed to the set while it was out
  };
  Pending& pending(std::size_t n) { return pending_[n - pending_before_]; }

  const ValidateOptions& options_;
  ReportSink& sink_;
  const Registry& registry_;
  std::uint64_t segments_ = 0;
  std::deque<OpenInterchange> open_;
  std::uint64_t interchanges_before_ = 0;
  bool closed_ = false;
  Diagnostics scratch_;
  StreamValidator stream_;
  syntax::EnvelopeChecker checker_;
  bool group_open_ = false, set_open_ = false;
  std::size_t reader_routed_ = 0;  // reader findings looked at by route_reader_limits
  std::uint64_t sets_seen_ = 0;
  // Parallel mode. Pending entries and log slots are numbered from the start
  // of the run; the deque keeps those not yet resolved and replayed.
  struct LogEntry {
    Finding finding;
    long slot = -1;  // >= 0: the findings of pending entry `slot` go here
  };
  bool deferred_ = false;
  std::function<void(syntax::Unit&&)> submit_;
  syntax::Splitter splitter_;
  std::deque<Pending> pending_;
  std::size_t pending_before_ = 0;
  std::size_t resolved_ = 0;
  long pending_back_ = -1;  // number of the pending entry of the newest set, or -1
  std::deque<LogEntry> log_;
};

// Each parallel run numbers itself, so a worker thread's engine is never
// reused by a later run: a registry (and its grammars) may have been freed
// and another allocated at the same address since, which an address check
// would not see.
std::atomic<std::uint64_t> parallel_runs{0};

// Checks the set of one unit (on a worker thread of run `run_id`).
Session::SetOutcome check_unit(const syntax::Unit& unit, const ValidateOptions& options, const Registry& registry,
                               std::uint64_t run_id) {
  syntax::ReaderOptions ro = options.reader;
  ro.max_segment_length = std::max<std::size_t>(ro.max_segment_length, unit.bytes.size());
  Session::SetOutcome out;
  auto to_input = [&] {
    for (auto& f : out.found) {
      unit.to_input(f.where);
      if (f.has_trigger()) unit.to_input(f.trigger);
    }
  };
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

template <class MakeReader>
void run(const ValidateOptions& options, const Registry& registry, MakeReader&& make, bool input_outlives,
         ReportSink& sink, unsigned jobs = 0) {
  auto reader = make();
  Session session(options, registry, sink, input_outlives);
  if (options.envelope_resume != nullptr) session.resume(*options.envelope_resume);
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
  std::optional<Error> stop;
  if (jobs == 0) {
    read();
    if (reader->stop()) stop = *reader->stop();
    session.finish(reader->bytes_read(), limited || reader->stop() != nullptr);
  } else {
    const std::uint64_t run_id = ++parallel_runs;
    using Pool = syntax::OrderedPool<syntax::Unit, Session::SetOutcome>;
    Pool pool(
        jobs, [&](syntax::Unit& u) { return check_unit(u, options, registry, run_id); },
        [&](Session::SetOutcome& o) { session.resolve(o); }, 2 * std::size_t{jobs});
    session.defer_sets([&](syntax::Unit&& u) { pool.submit(std::move(u)); });
    read();
    if (reader->stop()) stop = *reader->stop();
    session.finish(reader->bytes_read(), limited || reader->stop() != nullptr);
    pool.close();
  }
  session.close(reader->diagnostics(), stop);
}

}  // namespace

void validate(std::string_view buffer, const ValidateOptions& options, ReportSink& sink, const Registry& registry) {
  run(
      options, registry, [&] { return std::make_unique<syntax::Reader>(buffer, options.reader); },
      /*input_outlives=*/true, sink);
}

void validate(syntax::Source& source, const ValidateOptions& options, ReportSink& sink, const Registry& registry) {
  run(
      options, registry, [&] { return std::make_unique<syntax::Reader>(source, options.reader); },
      /*input_outlives=*/false, sink);
}

void validate_parallel(syntax::Source& source, const ValidateOptions& options, unsigned jobs, ReportSink& sink,
                       const Registry& registry) {
  run(
      options, registry, [&] { return std::make_unique<syntax::Reader>(source, options.reader); },
      /*input_outlives=*/false, sink, std::max(jobs, 1u));
}

Report validate(std::string_view buffer, const ValidateOptions& options, const Registry& registry) {
  ReportCollector collector(/*keep_findings=*/true, options.capture_values);
  validate(buffer, options, collector, registry);
  return std::move(collector.report);
}

Report validate(syntax::Source& source, const ValidateOptions& options, const Registry& registry) {
  ReportCollector collector(/*keep_findings=*/true, options.capture_values);
  validate(source, options, collector, registry);
  return std::move(collector.report);
}

Report validate_parallel(syntax::Source& source, const ValidateOptions& options, unsigned jobs,
                         const Registry& registry) {
  ReportCollector collector(/*keep_findings=*/true, options.capture_values);
  validate_parallel(source, options, jobs, collector, registry);
  return std::move(collector.report);
}

}  // namespace x12::schema
