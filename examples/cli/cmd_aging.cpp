// x12 aging --db LEDGER.sqlite [--as-of DATE]: submitted claims with nothing
// posted, in buckets 0-30, 31-60, 61-90, 90+ days.
#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "common.hpp"
#include "x12/billing/aging.hpp"
#include "x12/billing/posting_report.hpp"
#include "x12/date.hpp"

namespace x12::cli {

namespace {

struct AgingOptions {
  std::string db, as_of, format = "text", out;
  billing::LedgerOptions ledger{std::chrono::seconds(60), false};  // reads a ledger, never creates one
};

int run_aging(const AgingOptions& o) {
  const auto as_of_given = as_of_date(o.as_of);
  if (!as_of_given) return exit_usage;
  const billing::Date as_of = *as_of_given;
  auto ledger = billing::open_sqlite_ledger(o.db, o.ledger);
  if (!ledger) return print_stop(ledger.error());
  billing::AgingReport report;
  try {
    report = billing::aging(**ledger, as_of);
  } catch (const std::exception& e) {
    fmt::print(stderr, "x12: cannot read the ledger: {}\n", e.what());
    return exit_usage;
  }
  return write_report(o.out, o.format == "json" ? billing::to_json(report) + "\n" : billing::to_text(report));
}

}  // namespace

void register_aging(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("aging",
                                 "Unpaid submitted claims of a ledger by age: "
                                 "0-30, 31-60, 61-90, 90+ days");
  auto o = std::make_shared<AgingOptions>();
  cmd->add_option("--db", o->db, "SQLite ledger file written by x12 post")->required()->check(CLI::ExistingFile);
  cmd->add_option("--as-of", o->as_of, "Date to age to, YYYY-MM-DD (default: today)");
  cmd->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("-o,--output", o->out, "Output file (standard output when absent)");
  add_ledger_options(cmd, o->ledger);
  cmd->callback([&exit_code, o] { exit_code = run_aging(*o); });
}

}  // namespace x12::cli
