// x12 json FILE [--pretty] [--lines]: one JSON document per transaction set
// (837P and 835 typed, others as their segment list), as a JSON array or as
// JSON lines. Streams: one transaction set is in memory at a time.
#include <fmt/format.h>

#include "common.hpp"
#include "x12/tx/json_sets.hpp"

namespace x12::cli {

namespace {

// What one set's typed model may hold at a time (tx::ReadOptions::max_model_bytes):
// with claims written as they close, only a claim and the loops above it.
constexpr std::uint64_t kMaxModelBytes = std::uint64_t{32} << 20;

struct JsonCmdOptions {
  std::string path, out;
  bool pretty = false, lines = false, show_values = false;
  unsigned jobs = 1;
  syntax::ReaderOptions reader;
};

int run_json(const JsonCmdOptions& o) {
  // Read twice: once into JSON, once more for the envelope and character
  // checks (standard input is kept in a private temporary copy for that).
  auto input = open_rereadable_input(o.path);
  if (!input) return exit_usage;
  std::FILE* out = open_output(o.out);
  if (!out) return exit_usage;
  auto source = input->source();
  syntax::Reader reader(source, o.reader);
  tx::JsonDocumentsOptions jo;
  jo.lines = o.lines;
  jo.jobs = o.jobs;
  jo.json.pretty = o.pretty && !o.lines;
  jo.read.capture_values = o.show_values;
  jo.read.max_model_bytes = kMaxModelBytes;
  jo.read.reader = o.reader;  // for the units read again on workers (--jobs)
  // Each set's JSON is written while the set is read (with --jobs, as each
  // worker's set comes back in input order).
  const bool errors = tx::write_json(
      reader, jo, [out](std::string_view text) { std::fwrite(text.data(), 1, text.size(), out); },
      [&o](const Diagnostics& findings) { print_findings(findings, o.show_values); });
  close_output(out);
  print_findings(reader.diagnostics(), o.show_values);
  if (reader.stop()) return print_stop(*reader.stop());
  // The envelope and character checks every command runs (common.hpp).
  const bool input_errors = input_check_errors(*input, o.reader, o.show_values);
  return errors || input_errors || reader.diagnostics().has_errors() ? exit_input_errors : exit_ok;
}

}  // namespace

void register_json(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("json", "Convert to JSON: one document per transaction set (837P/835 typed)");
  auto o = std::make_shared<JsonCmdOptions>();
  cmd->add_option("FILE", o->path, "X12 file, or - for standard input")->required();
  cmd->add_option("-o,--output", o->out, "Output file (standard output when absent)");
  cmd->add_flag("--pretty", o->pretty, "Indent the JSON (ignored with --lines)");
  cmd->add_flag("--lines", o->lines, "JSON lines: one document per line instead of one array");
  cmd->add_flag("--show-values", o->show_values, "Quote element values in findings (they may be patient data)");
  cmd->add_option("-j,--jobs", o->jobs, "Worker threads converting transaction sets (output is the same for any N)")
      ->check(CLI::Range(1u, 256u));
  add_reader_limits(cmd, o->reader);
  cmd->callback([&exit_code, o] { exit_code = run_json(*o); });
}

}  // namespace x12::cli
