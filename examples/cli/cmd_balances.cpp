// x12 balances --db LEDGER: what the payers assigned to each patient, by
// claim and date (include/x12/billing/patient_balances.hpp).
#include <fmt/format.h>

#include "common.hpp"
#include "x12/billing/claim_tracker.hpp"
#include "x12/billing/patient_balances.hpp"

namespace x12::cli {

namespace {

struct BalanceOptions {
  billing::LedgerOptions ledger{std::chrono::seconds(60), false};  // an existing ledger only
  std::string db, format = "text", out;
};

int run_balances(const BalanceOptions& o) {
  auto ledger = billing::open_sqlite_ledger(o.db, o.ledger);
  if (!ledger) return print_stop(ledger.error()), exit_usage;
  std::string text;
  try {
    auto b = billing::patient_balances(**ledger);
    text = o.format == "json" ? billing::to_json(b) : o.format == "csv" ? billing::to_csv(b) : billing::to_text(b);
  } catch (const std::exception& e) {
    fmt::print(stderr, "x12: cannot read the ledger: {}\n", e.what());
    return exit_usage;
  }
  return write_report(o.out, text);
}

}  // namespace

void register_balances(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("balances",
                                 "Patient responsibility per patient (deductible, co-insurance, co-payment) by "
                                 "claim and date, from the ledger's postings");
  auto o = std::make_shared<BalanceOptions>();
  cmd->add_option("--db", o->db, "SQLite ledger file written by x12 post or x12 track")
      ->required()
      ->check(CLI::ExistingFile);
  add_ledger_options(cmd, o->ledger);
  cmd->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("-o,--output", o->out, "Output file (standard output when absent)");
  cmd->callback([&exit_code, o] { exit_code = run_balances(*o); });
}

}  // namespace x12::cli
