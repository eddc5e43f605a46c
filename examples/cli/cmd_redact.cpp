// x12 redact FILE [-o OUT] [--dates birth|year] [--part2]: a copy with patient data masked (names, member
// ids, dates of birth, addresses, phone numbers, notes, account numbers),
// each value kept at its length; structure, envelopes, control numbers,
// codes and amounts are unchanged, so the copy validates as the original.
#include <fmt/format.h>

#include <algorithm>

#include "common.hpp"
#include "x12/billing/practice.hpp"
#include "x12/syntax/redact.hpp"
#include "x12/syntax/source.hpp"

namespace x12::cli {

namespace {

struct RedactCliOptions {
  std::string path, out, dates = "birth";
  bool show_values = false, part2 = false;
};

// The substance-use codes of --part2 are those the shipped coverage policy
// ties to F10-F19 (grammars/coverage-policy.json), so the list is kept once.
constexpr std::string_view kPart2Rule = "substance_use_diagnosis";

int run_redact(const RedactCliOptions& o) {
  // Two passes (x12/syntax/redact.hpp): standard input is kept in a private
  // temporary copy for the second.
  auto input = open_rereadable_input(o.path);
  if (!input) return exit_usage;
  std::FILE* out = open_output(o.out);
  if (!out) return exit_usage;

  syntax::FileSource first = input->source(), second = input->source();
  syntax::Reader learn(first), reader(second);
  syntax::RedactOptions options;
  if (o.dates == "year") options.dates = syntax::DateRedaction::year;
  if (o.part2) {
    const auto& rules = billing::CoveragePolicy::builtin().rules;
    auto rule = std::find_if(rules.begin(), rules.end(), [](const auto& r) { return r.name == kPart2Rule; });
    if (rule == rules.end()) {
      fmt::print(stderr, "x12: the coverage policy has no rule \"{}\" to take the Part 2 codes from\n", kPart2Rule);
      return exit_usage;
    }
    options.part2_diagnosis = [rule](std::string_view dx) { return rule->supports(dx); };
    options.part2_procedure = [rule](std::string_view code) { return rule->covers(code); };
  }
  syntax::Redactor redactor(options);
  InputChecks checks(o.show_values);
  const auto run = syntax::redact_two_pass(
      learn, reader, redactor, [&](const syntax::Segment& s) { checks.add(s); },
      [out](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), out); });
  // Input that stops half-way leaves OUT as it was.
  if (reader.stop()) discard_output(out);
  else if (!close_output(out)) return exit_usage;

  checks.finish(reader);
  print_findings(reader.diagnostics(), o.show_values);
  print_findings(checks.findings, o.show_values);
  fmt::print(stderr, "x12 redact: {} values masked in {} segments\n", run.values_redacted, run.segments);
  if (run.memory_full)
    fmt::print(stderr,
               "x12 redact: warning: the file holds more distinct values to hide than are remembered ({} MiB); "
               "past that point a value is masked where its field says so and in the rest of its "
               "transaction set, not in earlier copies\n",
               options.max_remembered_bytes >> 20);
  if (reader.stop()) {
    return print_stop(*reader.stop());
  }
  return reader.diagnostics().has_errors() || checks.findings.has_errors() ? exit_input_errors : exit_ok;
}

}  // namespace

void register_redact(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("redact", "Copy with patient data masked (same lengths); structure, codes and amounts kept");
  auto o = std::make_shared<RedactCliOptions>();
  cmd->add_option("FILE", o->path, "X12 file, or - for standard input")->required();
  cmd->add_option("-o,--output", o->out, "Output file (standard output when absent)");
  cmd->add_option("--dates", o->dates,
                  "birth: dates of birth and death become 19000101 (and dates equal to them); year: every date "
                  "of a person (service, admission, birth, HI) becomes January 1 of its year (HIPAA Safe Harbor)")
      ->check(CLI::IsMember({"birth", "year"}))
      ->capture_default_str();
  cmd->add_flag("--part2", o->part2,
                "42 CFR Part 2: also mask substance-use diagnoses (F10-F19) and substance-use service codes "
                "(grammars/coverage-policy.json), for files shared outside the program");
  cmd->add_flag("--show-values", o->show_values, "Quote element values in findings (they may be patient data)");
  cmd->callback([&exit_code, o] { exit_code = run_redact(*o); });
}

}  // namespace x12::cli
