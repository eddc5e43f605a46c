// x12 claims-status --db LEDGER [--as-of DATE]: every claim's lifecycle
// state and the biller's next step (include/x12/billing/claim_worklist.hpp).
#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "common.hpp"
#include "x12/billing/claim_worklist.hpp"
#include "x12/date.hpp"

namespace x12::cli {

namespace {

struct StatusOptions {
  billing::LedgerOptions ledger{std::chrono::seconds(60), false};  // an existing ledger only
  std::string db, as_of, format = "text", out;
  billing::WorklistSettings settings;
  std::vector<std::string> payer_unpaid_days, payer_filing_days;
};

bool payer_days(const std::vector<std::string>& pairs, std::map<std::string, int, std::less<>>& into,
                const char* option) {
  for (const auto& p : pairs) {
    auto eq = p.find('=');
    try {
      if (eq == std::string::npos) throw std::invalid_argument(p);
      into[p.substr(0, eq)] = std::stoi(p.substr(eq + 1));
    } catch (const std::exception&) {
      fmt::print(stderr, "x12: {} expects PAYER_ID=DAYS\n", option);
      return false;
    }
  }
  return true;
}

int run_status(StatusOptions& o) {
  const auto as_of_given = as_of_date(o.as_of);
  if (!as_of_given) return exit_usage;
  const billing::Date as_of = *as_of_given;
  if (!payer_days(o.payer_unpaid_days, o.settings.unpaid_days_by_payer, "--payer-unpaid-days") ||
      !payer_days(o.payer_filing_days, o.settings.timely_filing_days_by_payer, "--payer-filing-days"))
    return exit_usage;
  auto ledger = billing::open_sqlite_ledger(o.db, o.ledger);
  if (!ledger) return print_stop(ledger.error()), exit_usage;
  std::string text;
  try {
    billing::ClaimTracker tracker(**ledger);
    tracker.adopt_submitted();
    auto status = billing::claims_status(tracker, as_of, o.settings);
    text = o.format == "json"  ? billing::to_json(status)
           : o.format == "csv" ? billing::to_csv(status)
                               : billing::to_text(status);
  } catch (const std::exception& e) {
    fmt::print(stderr, "x12: cannot read the ledger: {}\n", e.what());
    return exit_usage;
  }
  return write_report(o.out, text);
}

}  // namespace

void register_claims_status(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("claims-status",
                                 "Every claim's lifecycle state and the work to do next: rejections to fix, "
                                 "missing acknowledgments, unpaid claims, timely-filing deadlines");
  auto o = std::make_shared<StatusOptions>();
  cmd->add_option("--db", o->db, "SQLite ledger file written by x12 track")->required()->check(CLI::ExistingFile);
  add_ledger_options(cmd, o->ledger);
  cmd->add_option("--as-of", o->as_of, "Date to report as of, YYYY-MM-DD (default: today)");
  cmd->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("-o,--output", o->out, "Output file (standard output when absent)");
  cmd->add_option("--ack-days", o->settings.acknowledgment_days, "Days to wait for a 999 (default 2)");
  cmd->add_option("--payer-ack-days", o->settings.payer_acknowledgment_days, "Days to wait for a 277CA (default 7)");
  cmd->add_option("--unpaid-days", o->settings.unpaid_days, "Days an accepted claim may stay unpaid (default 30)");
  cmd->add_option("--payer-unpaid-days", o->payer_unpaid_days, "Per payer: PAYER_ID=DAYS (repeatable)");
  cmd->add_option("--filing-days", o->settings.timely_filing_days,
                  "Timely-filing limit in days from the date of service (default 90)");
  cmd->add_option("--payer-filing-days", o->payer_filing_days, "Per payer: PAYER_ID=DAYS (repeatable)");
  cmd->add_option("--filing-warning-days", o->settings.filing_warning_days,
                  "Warn this many days before a timely-filing deadline (default 14)");
  cmd->callback([&exit_code, o] { exit_code = run_status(*o); });
}

}  // namespace x12::cli
