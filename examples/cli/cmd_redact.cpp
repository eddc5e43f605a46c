// x12 redact FILE [-o OUT] [--dates birth|year]: a copy with patient data masked (names, member
// ids, dates of birth, addresses, phone numbers, notes, account numbers),
// each value kept at its length; structure, envelopes, control numbers,
// codes and amounts are unchanged, so the copy validates as the original.
#include <fmt/format.h>

#include "common.hpp"
#include "x12/syntax/redact.hpp"

namespace x12::cli {

namespace {

struct RedactCliOptions {
  std::string path, out, dates = "birth";
  bool show_values = false;
};

int run_redact(const RedactCliOptions& o) {
  auto source = open_input(o.path);
  if (!source) return exit_usage;
  std::FILE* out = open_output(o.out);
  if (!out) return exit_usage;

  syntax::Reader reader(*source);
  syntax::RedactOptions options;
  if (o.dates == "year") options.dates = syntax::DateRedaction::year;
  syntax::Redactor redactor(options);
  std::string buffer;
  syntax::Segment s;
  InputChecks checks(o.show_values);
  while (reader.next(s)) {
    checks.add(s);
    redactor.append(s, buffer);
    if (buffer.size() >= (1u << 20)) {
      std::fwrite(buffer.data(), 1, buffer.size(), out);
      buffer.clear();
    }
  }
  if (!reader.stop()) buffer.append(reader.trailing());
  std::fwrite(buffer.data(), 1, buffer.size(), out);
  // Input that stops half-way leaves OUT as it was.
  if (reader.stop()) discard_output(out);
  else if (!close_output(out)) return exit_usage;

  checks.finish(reader);
  print_findings(reader.diagnostics(), o.show_values);
  print_findings(checks.findings, o.show_values);
  fmt::print(stderr, "x12 redact: {} values masked in {} segments\n", redactor.values_redacted(),
             reader.segments_read());
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
  cmd->add_flag("--show-values", o->show_values, "Quote element values in findings (they may be patient data)");
  cmd->callback([&exit_code, o] { exit_code = run_redact(*o); });
}

}  // namespace x12::cli
