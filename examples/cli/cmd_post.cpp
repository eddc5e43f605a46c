// x12 post REMIT.835 [...] --claims CLAIMS.837 [--db LEDGER.sqlite]: posts
// remittances against submitted claims (include/x12/billing/poster.hpp).
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "common.hpp"
#include "x12/billing/poster.hpp"
#include "x12/billing/posting_report.hpp"
#include "x12/tx/read.hpp"

namespace x12::cli {

namespace {

struct PostOptions {
  std::vector<std::string> remits, claims;
  std::string db, format = "text", out;
  int appeal_days = 90;
  std::vector<std::string> payer_appeal_days;  // PAYER_ID=DAYS
  std::string carc_csv, rarc_csv;
};

std::optional<std::string> slurp_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "x12: cannot read {}\n", path);
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int run_post(const PostOptions &o) {
  std::vector<tx::Claim837p> sets;
  for (const auto &path : o.claims) {
    auto text = slurp_file(path);
    if (!text)
      return exit_usage;
    auto r = tx::read_837p(*text);
    if (r.stop)
      return print_stop(*r.stop), exit_usage;
    for (auto &s : r.sets)
      sets.push_back(std::move(s));
  }
  billing::ClaimIndex index;
  for (const auto &s : sets)
    index.add(s);

  std::unique_ptr<billing::Ledger> ledger;
  if (o.db.empty()) {
    ledger = billing::make_memory_ledger();
  } else {
    auto l = billing::open_sqlite_ledger(o.db);
    if (!l)
      return print_stop(l.error()), exit_usage;
    ledger = std::move(l).value();
  }
  billing::DenialSettings settings;
  settings.default_appeal_days = o.appeal_days;
  for (const auto& pair : o.payer_appeal_days) {
    auto eq = pair.find('=');
    try {
      if (eq == std::string::npos) throw std::invalid_argument(pair);
      settings.appeal_days[pair.substr(0, eq)] = std::stoi(pair.substr(eq + 1));
    } catch (const std::exception&) {
      fmt::print(stderr, "x12: --payer-appeal-days expects PAYER_ID=DAYS\n");
      return exit_usage;
    }
  }
  std::optional<billing::ReasonCodeTable> codes;
  if (!o.carc_csv.empty() || !o.rarc_csv.empty()) {
    std::string carcs, rarcs;
    if (!o.carc_csv.empty()) {
      auto t = slurp_file(o.carc_csv);
      if (!t) return exit_usage;
      carcs = std::move(*t);
    }
    if (!o.rarc_csv.empty()) {
      auto t = slurp_file(o.rarc_csv);
      if (!t) return exit_usage;
      rarcs = std::move(*t);
    }
    auto table = billing::ReasonCodeTable::load(carcs, rarcs);
    if (!table) return print_stop(table.error()), exit_usage;
    codes = std::move(table).value();
    settings.codes = &*codes;
  }
  std::vector<billing::RemittancePosting> postings;
  try {
    ledger->add_submitted(index.claims());
    billing::Poster poster(index, ledger.get(), settings);
    for (const auto &path : o.remits) {
      auto text = slurp_file(path);
      if (!text)
        return exit_usage;
      auto r = tx::read_835(*text);
      if (r.stop)
        return print_stop(*r.stop), exit_usage;
      for (const auto &remit : r.sets) {
        auto result = poster.post_and_store(remit);
        if (result.posting.duplicate)
          fmt::print(stderr,
                     "x12: {}: 835 {} from {} was posted before; nothing "
                     "posted again\n",
                     path, result.posting.trace_number,
                     result.posting.payer_id);
        postings.push_back(std::move(result.posting));
      }
    }
  } catch (const std::exception &e) {
    fmt::print(
        stderr,
        "x12: the ledger failed, nothing of the failing 835 was posted: {}\n",
        e.what());
    return exit_usage;
  }

  std::FILE *out = open_output(o.out);
  if (!out)
    return exit_usage;
  std::string text = o.format == "json"  ? billing::to_json(postings) + "\n"
                     : o.format == "csv" ? billing::to_csv(postings)
                                         : billing::to_text(postings);
  std::fputs(text.c_str(), out);
  close_output(out);
  bool balanced = true;
  for (const auto &p : postings)
    if (!p.duplicate && !p.balanced()) {
      balanced = false;
      fmt::print(stderr,
                 "x12: 835 {} does not balance: BPR02 {} but postings total {} "
                 "(difference {})\n",
                 p.trace_number, p.payment_amount.to_string(),
                 p.posted_total.to_string(), p.difference().to_string());
    }
  return balanced ? exit_ok : exit_input_errors;
}

} // namespace

void register_post(CLI::App &app, int &exit_code) {
  auto *cmd =
      app.add_subcommand("post", "Post 835 remittances against submitted 837P "
                                 "claims (EOB postings, denials)");
  auto o = std::make_shared<PostOptions>();
  cmd->add_option("REMIT", o->remits, "835 files")->required();
  cmd->add_option("--claims", o->claims, "Submitted 837P files (repeatable)")
      ->required();
  cmd->add_option(
      "--db", o->db,
      "SQLite ledger file (created when absent); in memory when not given");
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("-o,--output", o->out,
                  "Output file (standard output when absent)");
  cmd->add_option(
      "--appeal-days", o->appeal_days,
      "Days to appeal a denial, from the remittance date (default 90)");
  cmd->add_option("--payer-appeal-days", o->payer_appeal_days,
                  "Appeal days for one payer, PAYER_ID=DAYS (TRN03 of its 835s); repeatable");
  cmd->add_option("--carc", o->carc_csv, "Official CARC list as CSV (code, description) over the built-in table");
  cmd->add_option("--rarc", o->rarc_csv, "Official RARC list as CSV (code, description) over the built-in table");
  cmd->callback([&exit_code, o] { exit_code = run_post(*o); });
}

} // namespace x12::cli
