// x12 post REMIT.835 [...] --claims CLAIMS.837 [--db LEDGER.sqlite]: posts
// remittances against submitted claims (include/x12/billing/poster.hpp).
// Streams: the claims go to an on-disk store, the 835s are posted and
// reported one transaction set at a time, so memory does not grow with
// either file.
#include <fmt/format.h>

#include <fstream>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sstream>

#include "common.hpp"
#include "x12/billing/claim_store.hpp"
#include "x12/billing/post_pipeline.hpp"
#include "x12/billing/poster.hpp"
#include "x12/billing/posting_report.hpp"
#include "x12/syntax/source.hpp"
#include "x12/tx/read.hpp"

namespace x12::cli {

namespace {

struct PostOptions {
  std::vector<std::string> remits, claims;
  std::string db, format = "text", out;
  int appeal_days = 90;
  std::vector<std::string> payer_appeal_days;  // PAYER_ID=DAYS
  std::string carc_csv, rarc_csv;
  unsigned jobs = 1;
  billing::LedgerOptions ledger;
};

// The 837P files into an on-disk claim store, a few subscribers at a time:
// memory does not grow with the claim files.
std::optional<billing::ClaimStore> load_claims(const std::vector<std::string>& paths) {
  auto store = billing::ClaimStore::create();
  if (!store) return print_stop(store.error()), std::nullopt;
  for (const auto& path : paths) {
    auto source = open_input(path);
    if (!source) return std::nullopt;
    syntax::Reader reader(*source);
    const bool claims_found = billing::add_claims(*store, reader) > 0;
    if (reader.stop()) return print_stop(*reader.stop()), std::nullopt;
    if (!claims_found) {
      fmt::print(stderr,
                 "x12: {}: no 837P claim transaction set, nothing to post against (--claims takes 837P files)\n", path);
      return std::nullopt;
    }
  }
  store->commit();
  return std::move(store).value();
}

// A file that stops reading half-way, or holds no 835, posts nothing:
// checked before posting any of it (one pass of the syntax reader, no model
// built). On failure, the exit status. Findings (envelope, character set)
// are printed and set `findings`; the file is posted all the same.
std::optional<int> readable(const std::string& path, bool& findings) {
  auto source = open_input(path);
  if (!source) return exit_usage;
  syntax::Reader reader(*source);
  InputChecks checks(false);
  bool remittance = false;
  for (syntax::Segment s; reader.next(s);) {
    checks.add(s);
    remittance = remittance || (s.id() == "ST" && s.element(1) == "835");
  }
  if (reader.stop()) return print_stop(*reader.stop());
  checks.finish(reader);
  // Errors only: warnings (line breaks, ...) say nothing about the postings.
  for (const auto* d : {&reader.diagnostics(), &checks.findings})
    for (const auto& f : d->all())
      if (f.severity == Severity::error) fmt::print(stderr, "{}: {}\n", path, format(f, false));
  findings = findings || reader.diagnostics().has_errors() || checks.findings.has_errors();
  if (!remittance) {
    fmt::print(stderr, "x12: {}: no 835 remittance transaction set, nothing posted (REMIT takes 835 files)\n", path);
    return exit_usage;
  }
  return std::nullopt;
}

void ledger_failed(const std::exception& e) {
  fmt::print(stderr, "x12: the ledger failed, nothing of the failing 835 was posted: {}\n", e.what());
}

// Where postings go, in input order: the ledger (through the poster), the
// report, and the balance check. Nothing of a posting is kept once written.
class Sink {
 public:
  Sink(billing::Poster& poster, std::FILE* out, const std::string& format)
      : poster_(poster),
        out_(out),
        report_(format == "json"  ? billing::PostingReportWriter::Format::json
                : format == "csv" ? billing::PostingReportWriter::Format::csv
                                  : billing::PostingReportWriter::Format::text),
        json_(format == "json") {
    write(report_.head());
  }

  // False once the ledger failed: then nothing more is posted.
  bool ok() const noexcept { return !failed_; }
  void set_path(const std::string& p) { path_ = p; }

  void post(billing::PreparedRemittance prepared) {
    if (failed_) return;
#ifdef __GLIBC__
    // The previous set's posting is freed by now; with worker threads its
    // pages are spread over several malloc arenas, and peak RSS creeps up
    // with the number of sets unless they are handed back.
    malloc_trim(0);
#endif
    billing::PostResult result;
    try {
      result = poster_.finish(std::move(prepared));
    } catch (const std::exception& e) {
      ledger_failed(e);
      failed_ = true;
      return;
    }
    const auto& p = result.posting;
    if (p.duplicate)
      fmt::print(stderr, "x12: {}: 835 {} from {} was posted before; nothing posted again\n", path_, p.trace_number,
                 p.payer_id);
    else if (!p.balanced())
      // Printed after the report, as before posting streamed.
      unbalanced_ += fmt::format(
          "x12: 835 {} does not balance: BPR02 {} but postings total {} "
          "(difference {})\n",
          p.trace_number, p.payment_amount.to_string(), p.posted_total.to_string(), p.difference().to_string());
    buffer_.clear();
    report_.item(p, buffer_, [this](std::string& text) { write(text); });
    write(buffer_);
  }

  // Ends the report; true when every 835 balanced.
  bool close() {
    write(report_.tail() + (json_ ? "\n" : ""));
    close_output(out_);
    std::fputs(unbalanced_.c_str(), stderr);
    return unbalanced_.empty();
  }

 private:
  void write(const std::string& s) { std::fwrite(s.data(), 1, s.size(), out_); }
  billing::Poster& poster_;
  std::FILE* out_;
  billing::PostingReportWriter report_;
  bool json_;
  bool failed_ = false;
  std::string path_, buffer_, unbalanced_;
};

std::optional<billing::DenialSettings> denial_settings(const PostOptions& o,
                                                       std::optional<billing::ReasonCodeTable>& codes) {
  billing::DenialSettings settings;
  settings.default_appeal_days = o.appeal_days;
  for (const auto& pair : o.payer_appeal_days) {
    auto eq = pair.find('=');
    try {
      if (eq == std::string::npos) throw std::invalid_argument(pair);
      settings.appeal_days[pair.substr(0, eq)] = std::stoi(pair.substr(eq + 1));
    } catch (const std::exception&) {
      fmt::print(stderr, "x12: --payer-appeal-days expects PAYER_ID=DAYS\n");
      return std::nullopt;
    }
  }
  if (!o.carc_csv.empty() || !o.rarc_csv.empty()) {
    std::string carcs, rarcs;
    if (!o.carc_csv.empty()) {
      auto t = read_text_file(o.carc_csv);
      if (!t) return std::nullopt;
      carcs = std::move(*t);
    }
    if (!o.rarc_csv.empty()) {
      auto t = read_text_file(o.rarc_csv);
      if (!t) return std::nullopt;
      rarcs = std::move(*t);
    }
    auto table = billing::ReasonCodeTable::load(carcs, rarcs);
    if (!table) return print_stop(table.error()), std::nullopt;
    codes = std::move(table).value();
    settings.codes = &*codes;
  }
  return settings;
}

int run_post(const PostOptions& o) {
  std::optional<billing::ReasonCodeTable> codes;
  auto settings = denial_settings(o, codes);
  if (!settings) return exit_usage;
  std::optional<billing::ClaimStore> store;
  try {
    store = load_claims(o.claims);
  } catch (const std::exception& e) {
    fmt::print(stderr, "x12: {}\n", e.what());
  }
  if (!store) return exit_usage;

  // Without --db, a temporary SQLite file: a ledger in memory would hold
  // every posting of the run.
  // Every remittance is checked before anything is written to the ledger.
  bool findings = false;
  for (const auto& path : o.remits)
    if (path != "-")  // standard input can be read once only
      if (auto failed = readable(path, findings)) return *failed;
  auto opened = billing::open_sqlite_ledger(o.db, o.ledger);
  if (!opened) return print_stop(opened.error());
  std::unique_ptr<billing::Ledger> ledger = std::move(opened).value();
  std::FILE* out = open_output(o.out);
  if (!out) return exit_usage;
  try {
    billing::add_submitted(*ledger, *store);
  } catch (const std::exception& e) {
    ledger_failed(e);
    return exit_usage;
  }

  auto claims = store->reader();
  billing::Poster poster(*claims, ledger.get(), *settings);
  Sink sink(poster, out, o.format);
  for (const auto& path : o.remits) {
    auto source = open_input(path);
    if (!source) return exit_usage;
    syntax::Reader reader(*source);
    sink.set_path(path);
    billing::prepare_remittances(reader, *store, *settings, o.jobs, [&](billing::PreparedRemittance&& prepared) {
      sink.post(std::move(prepared));
      return sink.ok();
    });
    if (!sink.ok()) return exit_usage;
  }
  const bool balanced = sink.close();
  return balanced && !findings ? exit_ok : exit_input_errors;
}

}  // namespace

void register_post(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("post",
                                 "Post 835 remittances against submitted 837P "
                                 "claims (EOB postings, denials)");
  auto o = std::make_shared<PostOptions>();
  cmd->add_option("REMIT", o->remits, "835 files")->required();
  cmd->add_option("--claims", o->claims, "Submitted 837P files (repeatable)")->required();
  cmd->add_option("--db", o->db, "SQLite ledger file (created when absent); in memory when not given");
  cmd->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("-o,--output", o->out, "Output file (standard output when absent)");
  cmd->add_option("--appeal-days", o->appeal_days, "Days to appeal a denial, from the remittance date (default 90)");
  cmd->add_option("--payer-appeal-days", o->payer_appeal_days,
                  "Appeal days for one payer, PAYER_ID=DAYS (TRN03 of its 835s); repeatable");
  cmd->add_option(
      "--carc", o->carc_csv,
      "Official CARC list as CSV (code, description, optional start and stop dates; docs/code-lists.md) over the built-in table");
  cmd->add_option("--rarc", o->rarc_csv, "Official RARC list as CSV, like --carc");
  cmd->add_option("-j,--jobs", o->jobs,
                  "Worker threads reading and matching 835 transaction sets "
                  "(output and ledger are the same for any N)")
      ->check(CLI::Range(1u, 256u));
  add_ledger_options(cmd, o->ledger);
  cmd->callback([&exit_code, o] { exit_code = run_post(*o); });
}

}  // namespace x12::cli
