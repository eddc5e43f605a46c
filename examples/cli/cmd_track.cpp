// x12 track FILE... --db LEDGER.sqlite [--submitted DATE]: moves each claim
// of the ledger through its lifecycle with 837P, TA1, 999, 277CA, 277 and 835
// files (include/x12/billing/claim_tracker.hpp).
#include <fmt/format.h>

#include "common.hpp"
#include "x12/billing/claim_tracker.hpp"
#include "x12/date.hpp"

namespace x12::cli {

namespace {

struct TrackOptions {
  billing::LedgerOptions ledger;  // creates the ledger when absent
  std::vector<std::string> files;
  std::string db, submitted;
};

int run_track(const TrackOptions& o) {
  billing::TrackOptions options;
  if (!o.submitted.empty()) {
    options.submitted = parse_iso_or_ccyymmdd(o.submitted);
    if (!options.submitted) {
      fmt::print(stderr, "x12: --submitted expects a date YYYY-MM-DD\n");
      return exit_usage;
    }
  }
  auto ledger = billing::open_sqlite_ledger(o.db, o.ledger);
  if (!ledger) return print_stop(ledger.error()), exit_usage;
  int status = exit_ok;
  try {
    billing::ClaimTracker tracker(**ledger);
    if (auto n = tracker.adopt_submitted()) fmt::print("{} claims recorded by other commands are now followed\n", n);
    for (const auto& file : o.files) {
      auto report = tracker.track_file(file, options);
      if (!report) {
        status = std::max<int>(status, print_stop(report.error()));
        continue;
      }
      fmt::print("{}", report->to_text());
      if (report->unmatched_total) status = std::max<int>(status, exit_input_errors);
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "x12: the ledger failed; the failing file's moves were rolled back: {}\n", e.what());
    return exit_usage;
  }
  return status;
}

}  // namespace

void register_track(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("track",
                                 "Follow claims through their lifecycle: record submitted 837Ps, then move them "
                                 "with TA1, 999, 277CA, 277 and 835 files");
  auto o = std::make_shared<TrackOptions>();
  cmd->add_option("files", o->files, "837P, TA1, 999, 277CA, 277 or 835 files (the type is read from each)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--db", o->db, "SQLite ledger file (created when absent)")->required();
  add_ledger_options(cmd, o->ledger);
  cmd->add_option("--submitted", o->submitted, "Date the 837Ps were sent, YYYY-MM-DD (default: their BHT04)");
  cmd->callback([&exit_code, o] { exit_code = run_track(*o); });
}

}  // namespace x12::cli
