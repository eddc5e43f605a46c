// x12 view FILE [-o OUT.html] [--redact]: one self-contained HTML page (837P
// claim forms, 835 remittance advice, 999/TA1/277CA acknowledgment report).
// x12 report --db LEDGER [-o OUT.html]: denials worklist and aging chart.
#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "common.hpp"
#include "x12/billing/aging.hpp"
#include "x12/billing/ledger.hpp"
#include "x12/date.hpp"
#include "x12/syntax/source.hpp"
#include "x12/view/html.hpp"

namespace x12::cli {

namespace {

struct ViewCliOptions {
  billing::LedgerOptions ledger{std::chrono::seconds(60), false};  // an existing ledger only
  std::string path, out, db, as_of;
  bool redact = false;
};

int run_view(const ViewCliOptions& o) {
  auto text = syntax::read_whole_file(o.path);
  if (!text) return print_stop(text.error()), exit_usage;
  view::ViewOptions vo;
  vo.title = o.path;
  vo.redact = o.redact;
  auto page = view::render_interchange(*text, vo);
  if (!page) return print_stop(page.error());
  return write_report(o.out, *page);
}

int run_report(const ViewCliOptions& o) {
  const auto as_of_given = as_of_date(o.as_of);
  if (!as_of_given) return exit_usage;
  const billing::Date as_of = *as_of_given;
  auto ledger = billing::open_sqlite_ledger(o.db, o.ledger);
  if (!ledger) return print_stop(ledger.error()), exit_usage;
  view::ViewOptions vo;
  vo.title = "Ledger report " + o.db;
  vo.redact = o.redact;
  std::string page;
  try {
    page = view::render_ledger((*ledger)->denials(), billing::aging(**ledger, as_of), vo);
  } catch (const std::exception& e) {
    fmt::print(stderr, "x12: cannot read the ledger: {}\n", e.what());
    return exit_usage;
  }
  return write_report(o.out, page);
}

}  // namespace

void register_view(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "view", "One self-contained HTML page: 837P claim forms, 835 remittance advice, 999/TA1/277CA report");
  auto o = std::make_shared<ViewCliOptions>();
  cmd->add_option("FILE", o->path, "X12 file")->required();
  cmd->add_option("-o,--output", o->out, "HTML output file (standard output when absent)");
  cmd->add_flag("--redact", o->redact, "Mask patient data as x12 redact does");
  cmd->callback([&exit_code, o] { exit_code = run_view(*o); });

  auto* rep = app.add_subcommand("report", "A ledger as one HTML page: denials worklist, aging chart");
  rep->add_option("--db", o->db, "SQLite ledger file written by x12 post")->required()->check(CLI::ExistingFile);
  add_ledger_options(rep, o->ledger);
  rep->add_option("-o,--output", o->out, "HTML output file (standard output when absent)");
  rep->add_option("--as-of", o->as_of, "Date to age to, YYYY-MM-DD (default: today)");
  rep->add_flag("--redact", o->redact, "Mask patient account numbers");
  rep->callback([&exit_code, o] { exit_code = run_report(*o); });
}

}  // namespace x12::cli
