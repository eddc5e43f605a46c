// x12 claims ENCOUNTERS.json --practice PRACTICE.json: encounters -> 837P
// claims and holds (include/x12/billing/builder.hpp).
#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common.hpp"
#include "x12/billing/builder.hpp"
#include "x12/billing/claim_output.hpp"
#include "x12/billing/control_file.hpp"
#include "x12/date.hpp"
#include "x12/syntax/source.hpp"

namespace x12::cli {

namespace {

struct ClaimsOptions {
  std::string encounters, practice, authorizations, out, holds, as_of, codes, control_file, report, db, consents;
  bool update_authorizations = false, merge_same_day = false;
  billing::LedgerOptions ledger;
};

bool spill(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text << '\n';
  if (!out) fmt::print(stderr, "x12: cannot write {}\n", path);
  return static_cast<bool>(out);
}

std::optional<billing::Date> parse_as_of(const std::string& text) {
  if (text.empty()) return boost::gregorian::day_clock::universal_day();
  if (auto d = parse_iso_or_ccyymmdd(text)) return d;
  fmt::print(stderr, "x12: --as-of expects a date YYYY-MM-DD\n");
  return std::nullopt;
}

void print_summary(std::FILE* to, const billing::BuildResult& r, const billing::OutputSummary& s) {
  fmt::print(to, "claims:        {}\n", r.claims.size());
  fmt::print(to, "lines:         {}\n", r.lines());
  fmt::print(to, "total charge:  {}\n", r.total().to_string());
  fmt::print(to, "interchanges:  {} ({} transaction sets)\n", s.interchanges, s.sets);
  fmt::print(to, "holds:         {}\n", r.holds.size());
  std::size_t already = 0;
  for (const auto& o : r.outcomes) already += o.status == billing::OutcomeStatus::already_submitted;
  if (already) fmt::print(to, "already recorded (not written again): {}\n", already);
  std::map<std::string_view, int> by_reason;
  for (const auto& h : r.holds)
    for (const auto& why : h.reasons) ++by_reason[to_string(why.code)];
  for (const auto& [code, n] : by_reason) fmt::print(to, "  {:<32} {}\n", code, n);
}

int run_claims(const ClaimsOptions& o) {
  auto encounters_text = read_text_file(o.encounters, "encounters");
  auto practice_text = read_text_file(o.practice, "practice");
  if (!encounters_text || !practice_text) return exit_usage;
  auto encounters = billing::parse_encounters(*encounters_text);
  if (!encounters) return print_stop(encounters.error()), exit_usage;
  auto practice = billing::parse_practice(*practice_text);
  if (!practice) return print_stop(practice.error()), exit_usage;
  auto as_of = parse_as_of(o.as_of);
  if (!as_of) return exit_usage;

  billing::BuildOptions options;
  options.as_of = as_of;
  if (o.merge_same_day) options.merge_same_day = true;
  std::optional<billing::CodeTable> table;
  if (!o.codes.empty()) {
    auto t = billing::CodeTable::load_order_file_path(o.codes);
    if (!t) return print_stop(t.error()), exit_usage;
    table = std::move(t).value();
    options.codes = &*table;
  }
  billing::Builder builder(*practice);
  std::optional<billing::AuthorizationTracker> tracker;
  if (!o.authorizations.empty()) {
    auto text = read_text_file(o.authorizations, "authorizations");
    if (!text) return exit_usage;
    auto t = billing::AuthorizationTracker::parse(*text);
    if (!t) return print_stop(t.error()), exit_usage;
    tracker = std::move(t).value();
    builder.set_authorizations(&*tracker);
  }
  std::optional<billing::ConsentSet> consents;
  if (!o.consents.empty()) {
    auto text = read_text_file(o.consents, "consents");
    if (!text) return exit_usage;
    auto c = billing::ConsentSet::parse(*text);
    if (!c) return print_stop(c.error()), exit_usage;
    consents = std::move(c).value();
    options.consents = &*consents;
  }
  std::unique_ptr<billing::ClaimHistory> history;
  if (!o.db.empty()) {
    auto h = billing::open_claim_history(o.db, o.ledger);
    if (!h) return print_stop(h.error()), exit_usage;
    history = std::move(h).value();
    options.history = history.get();
  }
  billing::BuildResult result = builder.build(*encounters, options);

  billing::ControlCounter counter;
  if (!o.control_file.empty()) {
    auto loaded = billing::load_control_file(o.control_file);
    if (!loaded) return print_stop(loaded.error()), exit_usage;
    counter = *loaded;
  }
  billing::OutputSummary summary;
  bool to_stdout = o.out.empty() || o.out == "-";
  if (!result.claims.empty()) {
    // A file is written beside the target and renamed over it: never half an 837.
    std::string path = to_stdout ? o.out : o.out + ".partial";
    std::FILE* out = open_output(path);
    if (!out) return exit_usage;
    {
      syntax::Delimiters d;
      d.line_break = syntax::LineBreak::lf;
      syntax::Writer writer(out, d);
      summary = billing::write_837p(result.claims, *practice, counter, writer);
    }
    bool ok = to_stdout || (std::fflush(out) == 0 && !std::ferror(out));
    close_output(out);
    std::error_code ec;
    if (!to_stdout && ok) std::filesystem::rename(path, o.out, ec);
    if (!ok || ec) {
      std::filesystem::remove(path, ec);
      fmt::print(stderr, "x12: cannot write {}\n", o.out);
      return exit_usage;
    }
    if (history) {
      try {
        billing::record_claims(*history, result.claims, billing::CodingRules::builtin(), *as_of);
      } catch (const std::exception& e) {
        fmt::print(stderr, "x12: the claims were written but not recorded in {}: {}\n", o.db, e.what());
        return exit_usage;
      }
    }
  } else {
    fmt::print(stderr, "x12: no claim to write{}\n", to_stdout ? "" : fmt::format(" ({} left as it was)", o.out));
  }
  if (!o.holds.empty() && !spill(o.holds, billing::to_json(result.holds))) return exit_usage;
  if (!o.report.empty() && !spill(o.report, billing::report_json(result.outcomes))) return exit_usage;
  if (o.update_authorizations && tracker && !spill(o.authorizations, tracker->to_json())) return exit_usage;
  if (!o.control_file.empty()) {
    if (auto saved = billing::save_control_file(o.control_file, counter); !saved)
      return print_stop(saved.error()), exit_usage;
  }
  print_summary(o.out.empty() || o.out == "-" ? stderr : stdout, result, summary);
  return result.holds.empty() ? exit_ok : exit_input_errors;
}

}  // namespace

void register_claims(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("claims", "Code encounters into 837P claims; encounters that fail a rule are held");
  auto o = std::make_shared<ClaimsOptions>();
  cmd->add_option("ENCOUNTERS", o->encounters, "Encounters JSON (docs/encounters.md)")->required();
  cmd->add_option("--practice", o->practice, "Practice configuration JSON (payers, fee schedule)")->required();
  cmd->add_option("--authorizations", o->authorizations, "Authorizations JSON (checked and consumed)");
  cmd->add_flag("--update-authorizations", o->update_authorizations,
                "Write the consumed units back to the --authorizations file");
  cmd->add_option("-o,--output", o->out, "837P output file (standard output when absent)");
  cmd->add_option("--holds", o->holds, "Write the held encounters and their reasons as JSON");
  cmd->add_option("--db", o->db,
                  "Ledger (SQLite, the one x12 post uses): record the claims written, hold duplicates of earlier "
                  "claims, skip claims already recorded");
  cmd->add_option("--consents", o->consents,
                  "42 CFR Part 2 consents JSON: a Part 2 encounter is billed only with a consent covering its payer");
  cmd->add_option("--report", o->report,
                  "Write, per encounter, the codes billed, codes dropped or changed and hold reasons as JSON");
  cmd->add_option("--as-of", o->as_of, "Date for timely filing, YYYY-MM-DD (default: today)");
  cmd->add_option("--codes", o->codes,
                  "ICD-10-CM order file (CMS icd10cm_order_YYYY.txt) instead of the built-in table");
  cmd->add_option("--control-file", o->control_file,
                  "JSON file keeping the next ISA/GS/ST control numbers between runs");
  cmd->add_flag("--merge-same-day", o->merge_same_day, "One claim per patient, provider and day");
  add_ledger_options(cmd, o->ledger);
  cmd->callback([&exit_code, o] { exit_code = run_claims(*o); });
}

}  // namespace x12::cli
