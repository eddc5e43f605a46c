// x12 validate FILE: every finding with its position and guide reference, a
// summary per transaction set, and optionally the 999 or TA1 answering it.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>
#include <utility>

#include "common.hpp"
#include "x12/ack/ack.hpp"
#include "x12/ack/ack_sink.hpp"
#include "x12/ack/claim_ack.hpp"
#include "x12/ack/report_ack.hpp"
#include "x12/billing/control_file.hpp"
#include "x12/schema/parallel.hpp"
#include "x12/schema/report_json.hpp"
#include "x12/schema/report_sink.hpp"
#include "x12/schema/validator.hpp"
#include "x12/syntax/source.hpp"
#include "x12/view/html.hpp"

namespace x12::cli {

namespace {

struct ValidateArgs {
  std::string path;
  std::string format = "text";
  std::string ack;
  std::string out;
  std::string rules = "snip1,snip2,snip3,snip4";
  // The acknowledgment's envelope (ack::RouteOptions) and control numbers.
  std::string sender, receiver, date, control_file;
  std::uint64_t control = 0;  // 0: from the control file, else 1
  bool show_values = false;
  bool claims_in_277ca = false;  // --ack 999: claim-level rejections go in the 277CA
  bool redact = false;
  bool extended_bytes = false;
  unsigned jobs = 1;
  syntax::ReaderOptions reader;
  schema::TreeLimits tree;
  std::uint64_t max_sets = schema::ValidateOptions{}.max_sets;
  std::string carc_csv, rarc_csv, codes;  // code lists (--carc, --rarc, --codes)
};

// The code lists of --carc, --rarc and --codes, alive for the whole run.
struct CodeLists {
  std::optional<schema::ExternalCodeList> carc, rarc, diagnoses;
};

bool load_code_lists(const ValidateArgs& a, CodeLists& lists) {
  auto take = [](result<schema::ExternalCodeList> r, std::optional<schema::ExternalCodeList>& out) {
    if (!r) {
      fmt::print(stderr, "x12: {}\n", r.error().message);
      return false;
    }
    out = std::move(r).value();
    return true;
  };
  return (a.carc_csv.empty() || take(schema::ExternalCodeList::load_carc(a.carc_csv), lists.carc)) &&
         (a.rarc_csv.empty() || take(schema::ExternalCodeList::load_rarc(a.rarc_csv), lists.rarc)) &&
         (a.codes.empty() || take(schema::ExternalCodeList::from_icd10cm_order_file_path(a.codes), lists.diagnoses));
}

std::string json_string(const std::string& s) { return nlohmann::json(s).dump(); }

// An unnamed temporary file (gone when closed or when the process dies, so
// no finding is left on disk) holding output that must wait for the end of
// the run: the JSON report opens with the error count, and the text report
// lists its sets after every finding.
class Spool {
 public:
  Spool() : file_(std::tmpfile()) {}
  ~Spool() {
    if (file_) std::fclose(file_);
  }
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  explicit operator bool() const noexcept { return file_ != nullptr; }
  std::FILE* file() const noexcept { return file_; }
  void write(std::string_view text) { std::fwrite(text.data(), 1, text.size(), file_); }
  // Copies what was written to `to`.
  void copy_to(std::FILE* to) {
    std::fflush(file_);
    std::rewind(file_);
    char buffer[1 << 16];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file_)) > 0;) std::fwrite(buffer, 1, n, to);
  }

 private:
  std::FILE* file_;
};

// Writes the report as validation hands it over: findings and sets are
// written or spooled one by one, so memory stays at the sets in flight
// whatever the size of the report. The output is the one a whole
// schema::Report printed: the findings past Diagnostics' limit are counted,
// not written, and the last finding says how many.
class ReportWriter final : public schema::ReportSink {
 public:
  // `acks`: the acknowledgment sink when --ack asks for a 999 or TA1;
  // `tee`: another sink that sees every summary (the 277CA's collector).
  ReportWriter(const ValidateArgs& a, ack::AckSink* acks, schema::ReportSink* tee = nullptr)
      : a_(a), json_(a.format == "json"), acks_(acks), tee_(tee) {}

  // Acknowledgment text made after the run (the 277CA), written with the rest.
  void add_ack(std::string_view text) { ack_spool_.write(text); }

  bool ready() const { return findings_ && sets_ && ack_spool_; }

  void finding(const Finding& f) override {
    if (!limit_.admit(f)) return;
    write_finding(f);
  }
  void set(const schema::SetSummary& s) override {
    ++set_count_;
    if (json_) sets_.write(schema::report_set_item(s, set_count_ == 1));
    else
      fmt::print(sets_.file(), "  ST {} control {} ({}): {} segments, {}, {} errors, {} warnings\n", s.id, s.control,
                 s.guide.empty() ? std::string("no guide") : s.guide, s.segments, schema::to_string(s.status), s.errors,
                 s.warnings);
    forward([&](schema::ReportSink& k) { k.set(s); });
  }
  void interchange_begin(const schema::InterchangeSummary& i) override {
    forward([&](schema::ReportSink& k) { k.interchange_begin(i); });
  }
  void group_begin(const schema::GroupSummary& g) override {
    forward([&](schema::ReportSink& k) { k.group_begin(g); });
  }
  void group_end(const schema::GroupSummary& g) override {
    forward([&](schema::ReportSink& k) { k.group_end(g); });
  }
  void interchange_end(const schema::InterchangeSummary& i) override {
    forward([&](schema::ReportSink& k) { k.interchange_end(i); });
  }
  void end(std::uint64_t segments, const std::optional<Error>& stop) override {
    segments_ = segments;
    stop_ = stop;
    if (stop) ++errors_;  // reading stopped: the summary counts it among the errors
    if (auto last = limit_.summary()) write_finding(*last);
    forward([&](schema::ReportSink& k) { k.end(segments, stop); });
  }

  // After the run: the report on standard output, the acknowledgment where it goes.
  int finish() {
    if (stop_ && stop_->code == make_error_code(errc::file_unreadable)) {
      print_stop(*stop_);
      return exit_usage;
    }
    if (json_) {
      fmt::print("{{\n  \"errors\": {},\n  \"file\": {},\n  \"findings\": [", errors_, json_string(a_.path));
      std::fflush(stdout);
      findings_.copy_to(stdout);
      fmt::print("{}],\n  \"segments\": {},\n", written_ == 0 ? "" : "\n  ", segments_);
      if (stop_) fmt::print("  \"stop\": {},\n", schema::report_stop_json(*stop_));
      fmt::print("  \"transaction_sets\": [");
      std::fflush(stdout);
      sets_.copy_to(stdout);
      fmt::print("{}],\n  \"warnings\": {}\n}}\n", set_count_ == 0 ? "" : "\n  ", warnings_);
    } else {
      fmt::print("{}: {} segments, {} transaction sets, {} errors, {} warnings\n", a_.path, segments_, set_count_,
                 errors_, warnings_);
      std::fflush(stdout);
      sets_.copy_to(stdout);
      if (stop_) {
        std::fflush(stdout);
        print_stop(*stop_);
      }
    }
    std::fflush(stdout);
    if (acks_ != nullptr || tee_ != nullptr) {
      std::FILE* out = open_output(a_.out);
      if (out == nullptr) return exit_usage;
      ack_spool_.copy_to(out);
      close_output(out);
    }
    if (stop_) return stop_exit(*stop_);  // nothing readable as X12: 2
    return errors_ > 0 || limit_.dropped_errors() > 0 ? exit_input_errors : exit_ok;
  }

 private:
  // Hands an event to the acknowledgment sink and spools what it wrote.
  template <class F> void forward(F&& event) {
    if (tee_ != nullptr) event(*tee_);
    if (acks_ == nullptr) return;
    event(*acks_);
    ack_spool_.write(acks_->take());
  }

  void write_finding(const Finding& f) {
    if (f.severity == Severity::error) ++errors_;
    else if (f.severity == Severity::warning) ++warnings_;
    ++written_;
    if (json_) findings_.write(schema::report_finding_item(f, a_.show_values, written_ == 1));
    else fmt::print("{}\n", format(f, a_.show_values));
  }

  const ValidateArgs& a_;
  const bool json_;
  FindingLimit limit_;
  Spool findings_, sets_, ack_spool_;
  ack::AckSink* acks_;
  schema::ReportSink* tee_;
  std::uint64_t written_ = 0, errors_ = 0, warnings_ = 0, set_count_ = 0, segments_ = 0;
  std::optional<Error> stop_;
};

schema::ValidateOptions options_of(const ValidateArgs& a, const schema::Rules& rules, const CodeLists& lists) {
  schema::ValidateOptions options;
  if (lists.carc) options.carc = &*lists.carc;
  if (lists.rarc) options.rarc = &*lists.rarc;
  if (lists.diagnoses) options.diagnoses = &*lists.diagnoses;
  options.rules = rules;
  options.rules.extended_bytes = a.extended_bytes;
  options.capture_values = a.show_values;
  options.reader = a.reader;
  options.tree = a.tree;
  options.max_sets = a.max_sets;
  return options;
}

// What --ack needs besides the findings: the envelope options, the routing
// overrides and the control numbers (from --control, else the control file).
struct AckSetup {
  ack::AckKind kind = ack::AckKind::ack_999;
  ack::AckOptions base;
  ack::RouteOptions route;
  billing::ControlCounter counter;
};

std::optional<AckSetup> ack_setup(const ValidateArgs& a) {
  AckSetup s;
  s.kind = a.ack == "ta1" ? ack::AckKind::ta1 : ack::AckKind::ack_999;
  s.base.include_values = a.show_values;
  if (!a.sender.empty() && !(s.route.sender = ack::parse_party(a.sender))) {
    fmt::print(stderr, "x12: --sender takes QUALIFIER:ID or ID (an id of 1 to 15 characters)\n");
    return std::nullopt;
  }
  if (!a.receiver.empty() && !(s.route.receiver = ack::parse_party(a.receiver))) {
    fmt::print(stderr, "x12: --receiver takes QUALIFIER:ID or ID (an id of 1 to 15 characters)\n");
    return std::nullopt;
  }
  if (!a.date.empty() && !ack::parse_route_date(a.date, s.route)) {
    fmt::print(stderr, "x12: --date takes CCYYMMDD or YYYY-MM-DD, optionally with the time (CCYYMMDDHHMM)\n");
    return std::nullopt;
  }
  if (!a.control_file.empty()) {
    auto loaded = billing::load_control_file(a.control_file);
    if (!loaded) return print_stop(loaded.error()), std::nullopt;
    s.counter = *loaded;
  }
  if (a.control != 0) s.counter.interchange = a.control;
  try {
    ack::AckSink probe(s.kind, s.base, s.route);  // options no interchange can carry
  } catch (const usage_error& e) {
    fmt::print(stderr, "x12: {}\n", e.what());
    return std::nullopt;
  }
  s.base.claims_in_277ca = a.claims_in_277ca;
  return s;
}

ack::ControlNumbers numbers_of(const billing::ControlCounter& c) { return {c.interchange, c.group, c.set}; }

// Keeps the numbers used for the next run (--control-file).
bool save_numbers(const ValidateArgs& a, AckSetup& s, const ack::ControlNumbers& next) {
  if (a.control_file.empty()) return true;
  s.counter.interchange = next.interchange;
  s.counter.group = next.group;
  s.counter.set = next.set;
  auto saved = billing::save_control_file(a.control_file, s.counter);
  if (!saved) print_stop(saved.error());
  return static_cast<bool>(saved);
}

// --format html: the page shows the file's segments with each finding under
// its own, so the file is read whole and the whole report is kept.
int run_validate_html(const ValidateArgs& a, const schema::ValidateOptions& options, std::optional<AckSetup>& setup) {
  auto whole = syntax::read_whole_file(a.path);
  if (!whole) return print_stop(whole.error()), exit_usage;
  syntax::StringSource source(*whole, std::size_t{1} << 20);
  schema::Report report =
      a.jobs > 1 ? schema::validate_parallel(source, options, a.jobs) : schema::validate(source, options);
  if (report.stop && report.stop->code == make_error_code(errc::file_unreadable)) {
    print_stop(*report.stop);
    return exit_usage;
  }
  view::ViewOptions vo;
  vo.title = "x12 validate " + a.path;
  vo.redact = a.redact;
  std::string page = view::render_validation(*whole, report, vo);
  std::fwrite(page.data(), 1, page.size(), stdout);
  if (setup) {
    std::FILE* out = open_output(a.out);
    if (out == nullptr) return exit_usage;
    ack::ControlNumbers next = numbers_of(setup->counter);
    std::string text = a.ack == "277ca" ? ack::make_277ca(*whole, report, setup->base, setup->route, next)
                                        : ack::make_acks(report, setup->kind, setup->base, setup->route, next, *whole);
    std::fwrite(text.data(), 1, text.size(), out);
    close_output(out);
    if (!save_numbers(a, *setup, next)) return exit_usage;
  }
  if (report.stop) return stop_exit(*report.stop);  // nothing readable as X12: 2
  return report.has_errors() ? exit_input_errors : exit_ok;
}

// --ack 277ca, and --ack 999 --claims-in-277ca: the claims are read again
// after validation, so the file is read whole (as for --format html); the
// report is written as usual.
int run_validate_claims(const ValidateArgs& a, const schema::ValidateOptions& options, AckSetup& setup) {
  auto whole = syntax::read_whole_file(a.path);
  if (!whole) return print_stop(whole.error()), exit_usage;
  syntax::StringSource source(*whole, std::size_t{1} << 20);
  schema::ReportCollector collector(/*keep_findings=*/false);  // the findings are printed as they come
  ReportWriter writer(a, nullptr, &collector);
  if (!writer.ready()) {
    fmt::print(stderr, "x12: cannot make a temporary file for the report\n");
    return exit_usage;
  }
  if (a.jobs > 1) schema::validate_parallel(source, options, a.jobs, writer);
  else schema::validate(source, options, writer);
  ack::ControlNumbers next = numbers_of(setup.counter);
  writer.add_ack(a.ack == "277ca"
                     ? ack::make_277ca(*whole, collector.report, setup.base, setup.route, next)
                     : ack::make_acks(collector.report, setup.kind, setup.base, setup.route, next, *whole));
  const int status = writer.finish();
  if (!save_numbers(a, setup, next)) return exit_usage;
  return status;
}

int run_validate(const ValidateArgs& a) {
  auto rules = schema::Rules::parse(a.rules);
  if (!rules) {
    fmt::print(stderr, "x12: --rules takes a list of snip1, snip2, snip3, snip4 (or all)\n");
    return exit_usage;
  }
  if (!a.ack.empty() && a.out.empty() && a.format == "json") {
    fmt::print(stderr, "x12: --ack with --format json needs -o OUT\n");
    return exit_usage;
  }
  if (a.claims_in_277ca && a.ack != "999") {
    fmt::print(stderr, "x12: --claims-in-277ca goes with --ack 999 (the 277CA answers claim by claim already)\n");
    return exit_usage;
  }
  CodeLists lists;
  if (!load_code_lists(a, lists)) return exit_usage;
  std::optional<AckSetup> setup;
  if (!a.ack.empty() && !(setup = ack_setup(a))) return exit_usage;
  if (a.format == "html") return run_validate_html(a, options_of(a, *rules, lists), setup);
  if (a.ack == "277ca" || a.claims_in_277ca) return run_validate_claims(a, options_of(a, *rules, lists), *setup);
  std::unique_ptr<syntax::Source> file = open_input(a.path);
  if (!file) return exit_usage;
  ack::HeaderTap source(*file);  // an ISA the reader cannot take still gets its TA1
  std::optional<ack::AckSink> acks;
  if (setup) acks.emplace(setup->kind, setup->base, setup->route, numbers_of(setup->counter), &source);
  const schema::ValidateOptions options = options_of(a, *rules, lists);
  ReportWriter writer(a, acks ? &*acks : nullptr);
  if (!writer.ready()) {
    fmt::print(stderr, "x12: cannot make a temporary file for the report\n");
    return exit_usage;
  }
  if (a.jobs > 1) schema::validate_parallel(source, options, a.jobs, writer);
  else schema::validate(source, options, writer);
  const int status = writer.finish();
  if (setup && !save_numbers(a, *setup, acks->next())) return exit_usage;
  return status;
}

}  // namespace

void register_validate(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("validate",
                                 "Check a file against its implementation guide (SNIP 1-4); exit 1 when it has errors");
  auto a = std::make_shared<ValidateArgs>();
  cmd->add_option("FILE", a->path, "X12 file, or - for standard input")->required();
  cmd->add_option("--format", a->format, "Output format")->check(CLI::IsMember({"text", "json", "html"}));
  cmd->add_flag("--redact", a->redact, "With --format html: mask patient data as x12 redact does");
  auto* ack = cmd->add_option("--ack", a->ack, "Write an acknowledgment: 999, ta1 or 277ca")
                  ->check(CLI::IsMember({"999", "ta1", "277ca"}));
  cmd->add_option("-o,--output", a->out, "Where the acknowledgment goes (default standard output)")->needs(ack);
  cmd->add_option("--sender", a->sender,
                  "The acknowledgment's sender, QUALIFIER:ID or ID (default: the receiver of the acknowledged "
                  "interchange, ISA07/ISA08 and GS03)")
      ->needs(ack);
  cmd->add_option("--receiver", a->receiver,
                  "The acknowledgment's receiver, QUALIFIER:ID or ID (default: the sender of the acknowledged "
                  "interchange, ISA05/ISA06 and GS02)")
      ->needs(ack);
  cmd->add_option("--date", a->date,
                  "The acknowledgment's date, CCYYMMDD[HHMM] or YYYY-MM-DD[THH:MM] (default: now, UTC)")
      ->needs(ack);
  cmd->add_option("--control", a->control, "ISA13 of the first acknowledgment interchange (then +1 each)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{999999999}))
      ->needs(ack);
  cmd->add_option("--control-file", a->control_file,
                  "JSON file keeping the next ISA13/GS06/ST02 between runs (the one x12 claims keeps)")
      ->needs(ack);
  cmd->add_flag("--claims-in-277ca", a->claims_in_277ca,
                "With --ack 999: leave out of the 999 the errors that reject a claim in the 277CA (--ack 277ca), "
                "so the 999 accepts a set whose only errors are its claims'")
      ->needs(ack);
  cmd->add_option("--rules", a->rules, "Rule families to run: snip1,snip2,snip3,snip4 (default all)");
  cmd->add_flag("--show-values", a->show_values, "Quote element values in findings (they may be patient data)");
  cmd->add_flag("--extended-bytes", a->extended_bytes,
                "Accept bytes above 0x7E (UTF-8) in values, when the trading partner allows them");
  cmd->add_option("-j,--jobs", a->jobs, "Worker threads checking transaction sets (output is the same for any N)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--carc", a->carc_csv,
                  "CARC list as CSV (code, description, optional start and stop dates; docs/code-lists.md) over the "
                  "built-in list");
  cmd->add_option("--rarc", a->rarc_csv, "RARC list as CSV, like --carc");
  cmd->add_option("--codes", a->codes,
                  "ICD-10-CM order file (CMS icd10cm_order_YYYY.txt): HI codes must be listed and billable");
  add_reader_limits(cmd, a->reader);
  add_tree_limits(cmd, a->tree);
  cmd->add_option("--max-sets", a->max_sets, "Reading stops at the transaction set past this (sets_over_limit)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback([&exit_code, a] { exit_code = run_validate(*a); });
}

}  // namespace x12::cli
