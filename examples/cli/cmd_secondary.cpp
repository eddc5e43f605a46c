// x12 secondary --db LEDGER --coverage COVERAGE.json [-o OUT.837]: 837Ps to
// the secondary payers for claims whose primary payment left patient
// responsibility (include/x12/billing/secondary_claims.hpp).
#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "common.hpp"
#include "x12/billing/secondary_claims.hpp"
#include "x12/date.hpp"
#include "x12/tx/write.hpp"

namespace x12::cli {

namespace {

struct SecondaryOptions {
  billing::LedgerOptions ledger{std::chrono::seconds(60), false};  // an existing ledger only
  std::string db, coverage, out, date;
  std::string sender = "SENDER", receiver = "RECEIVER";
  std::uint64_t interchange_control = 0;
};

int run_secondary(const SecondaryOptions& o) {
  billing::Date today = boost::gregorian::day_clock::universal_day();
  if (!o.date.empty()) {
    auto d = parse_iso_or_ccyymmdd(o.date);
    if (!d) {
      fmt::print(stderr, "x12: --date expects a date YYYY-MM-DD\n");
      return exit_usage;
    }
    today = *d;
  }
  auto text = syntax::read_whole_file(o.coverage);
  if (!text) return print_stop(text.error()), exit_usage;
  auto coverage = billing::read_coverage(*text);
  if (!coverage) {
    fmt::print(stderr, "x12: {}\n", coverage.error().message);
    return exit_usage;
  }
  auto ledger = billing::open_sqlite_ledger(o.db, o.ledger);
  if (!ledger) return print_stop(ledger.error()), exit_usage;
  try {
    billing::ClaimTracker tracker(**ledger);
    auto run = billing::secondary_claims(tracker, **ledger, *coverage);
    for (const auto& [pcn, why] : run.refused) fmt::print(stderr, "x12: claim {}: no secondary claim: {}\n", pcn, why);
    if (run.claims.empty()) {
      fmt::print(stderr, "x12: no claim is due to a secondary payer\n");
      return exit_ok;
    }
    tx::WriteOptions w;
    w.envelope = tx::WriteOptions::Envelope::generate;
    w.sender = o.sender;
    w.receiver = o.receiver;
    // A control number of its own per run: the 999 that answers finds the claims by it.
    w.interchange_control =
        o.interchange_control ? o.interchange_control : static_cast<std::uint64_t>(std::time(nullptr)) % 1000000000;
    w.group_control = w.interchange_control;
    std::vector<tx::AnySet> sets;
    for (std::size_t i = 0; i < run.claims.size(); ++i) {
      run.claims[i].envelope.control_number = fmt::format("{:04}", i + 1);
      sets.emplace_back(run.claims[i]);
    }
    if (int rc = write_report(o.out, tx::to_x12(sets, w)); rc != exit_ok) return rc;
    billing::record_secondary(tracker, run, o.out.empty() ? "-" : o.out, today,
                              fmt::format("{:09}", w.interchange_control), fmt::format("{}", w.group_control));
    fmt::print(stderr, "x12: {} secondary claims written; their primaries are forwarded_to_secondary\n",
               run.claims.size());
  } catch (const std::exception& e) {
    fmt::print(stderr, "x12: the ledger failed: {}\n", e.what());
    return exit_usage;
  }
  return exit_ok;
}

}  // namespace

void register_secondary(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("secondary",
                                 "Write 837Ps to secondary payers for claims whose primary payment left patient "
                                 "responsibility, from the ledger and a coverage file");
  auto o = std::make_shared<SecondaryOptions>();
  cmd->add_option("--db", o->db, "SQLite ledger file written by x12 track")->required()->check(CLI::ExistingFile);
  add_ledger_options(cmd, o->ledger);
  cmd->add_option("--coverage", o->coverage, "COVERAGE.json: secondary coverage per member (docs/encounters.md)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", o->out, "The 837P file (standard output when absent)");
  cmd->add_option("--date", o->date, "Date the claims are sent, YYYY-MM-DD (default: today)");
  cmd->add_option("--sender", o->sender, "Interchange sender id (ISA06)");
  cmd->add_option("--receiver", o->receiver, "Interchange receiver id (ISA08)");
  cmd->add_option("--interchange-control", o->interchange_control, "ISA13 and GS06 to write (default: from the clock)");
  cmd->callback([&exit_code, o] { exit_code = run_secondary(*o); });
}

}  // namespace x12::cli
