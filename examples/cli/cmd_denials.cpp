// x12 denials --db LEDGER.sqlite: the denials worklist kept by `x12 post`.
#include <fmt/format.h>

#include "common.hpp"
#include "x12/billing/ledger.hpp"
#include "x12/billing/posting_report.hpp"

namespace x12::cli {

namespace {

struct DenialsOptions {
  std::string db, format = "text", out;
  billing::LedgerOptions ledger{std::chrono::seconds(60), false};  // reads a ledger, never creates one
};

int run_denials(const DenialsOptions& o) {
  auto ledger = billing::open_sqlite_ledger(o.db, o.ledger);
  if (!ledger) return print_stop(ledger.error());
  std::vector<billing::Denial> denials;
  try {
    denials = (*ledger)->denials();
  } catch (const std::exception& e) {
    fmt::print(stderr, "x12: cannot read the ledger: {}\n", e.what());
    return exit_usage;
  }
  return write_report(o.out, o.format == "json"  ? billing::to_json(denials) + "\n"
                             : o.format == "csv" ? billing::to_csv(denials)
                                                 : billing::to_text(denials));
}

}  // namespace

void register_denials(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("denials",
                                 "The denials worklist of a ledger: reason "
                                 "family, next step, appeal deadline");
  auto o = std::make_shared<DenialsOptions>();
  cmd->add_option("--db", o->db, "SQLite ledger file written by x12 post")->required()->check(CLI::ExistingFile);
  cmd->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("-o,--output", o->out, "Output file (standard output when absent)");
  add_ledger_options(cmd, o->ledger);
  cmd->callback([&exit_code, o] { exit_code = run_denials(*o); });
}

}  // namespace x12::cli
