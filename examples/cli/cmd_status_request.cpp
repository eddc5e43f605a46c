// x12 status-request --db LEDGER --older-than DAYS -o OUT.276: claim status
// inquiries for the claims the ledger has no final word on
// (include/x12/billing/status_request.hpp).
#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "common.hpp"
#include "x12/billing/status_request.hpp"
#include "x12/date.hpp"
#include "x12/tx/write.hpp"

namespace x12::cli {

namespace {

struct RequestOptions {
  billing::LedgerOptions ledger{std::chrono::seconds(60), false};  // an existing ledger only
  std::string db, out, as_of;
  int older_than = 30;
  billing::StatusRequester requester;
  std::string receiver = "RECEIVER";
};

int run_request(const RequestOptions& o) {
  const auto as_of_given = as_of_date(o.as_of);
  if (!as_of_given) return exit_usage;
  const billing::Date as_of = *as_of_given;
  auto ledger = billing::open_sqlite_ledger(o.db, o.ledger);
  if (!ledger) return print_stop(ledger.error()), exit_usage;
  std::string text;
  std::size_t claims = 0, sets = 0;
  try {
    billing::ClaimTracker tracker(**ledger);
    tracker.adopt_submitted();
    auto need = billing::claims_needing_status(tracker, as_of, o.older_than);
    claims = need.size();
    auto built = billing::build_276(need, o.requester, as_of);
    sets = built.size();
    if (!built.empty()) {
      tx::WriteOptions w;
      w.envelope = tx::WriteOptions::Envelope::generate;
      w.sender = o.requester.etin;
      w.receiver = o.receiver;
      text = tx::to_x12(built, w);
    }
    for (const auto& c : need)
      tracker.note(c.id, as_of, "276", fmt::format("claim status inquiry written to {}", o.out));
  } catch (const std::exception& e) {
    fmt::print(stderr, "x12: cannot read the ledger: {}\n", e.what());
    return exit_usage;
  }
  fmt::print(stderr, "x12: {} claims need a status inquiry ({} payers)\n", claims, sets);
  if (text.empty()) return exit_ok;
  return write_report(o.out, text);
}

}  // namespace

void register_status_request(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("status-request",
                                 "Write 276 claim status inquiries for claims acknowledged, accepted or pending "
                                 "with no answer for DAYS days");
  auto o = std::make_shared<RequestOptions>();
  cmd->add_option("--db", o->db, "SQLite ledger file written by x12 track")->required()->check(CLI::ExistingFile);
  add_ledger_options(cmd, o->ledger);
  cmd->add_option("--older-than", o->older_than, "Days without an answer")->required();
  cmd->add_option("-o,--output", o->out, "The 276 file")->required();
  cmd->add_option("--as-of", o->as_of, "Date to count from, YYYY-MM-DD (default: today)");
  cmd->add_option("--name", o->requester.name, "Information receiver name (2100B NM103)");
  cmd->add_option("--etin", o->requester.etin, "Information receiver id, the ETIN (2100B NM109; ISA06)");
  cmd->add_option("--receiver", o->receiver, "Interchange receiver id (ISA08)");
  cmd->callback([&exit_code, o] { exit_code = run_request(*o); });
}

}  // namespace x12::cli
