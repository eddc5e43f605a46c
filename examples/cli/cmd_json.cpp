// x12 json FILE [--pretty] [--lines]: one JSON document per transaction set
// (837P and 835 typed, others as their segment list), as a JSON array or as
// JSON lines. Streams: one transaction set is in memory at a time.
#include <fmt/format.h>

#include "common.hpp"
#include "x12/syntax/splitter.hpp"
#include "x12/tx/json.hpp"
#include "x12/tx/read.hpp"

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

// One transaction set converted on a worker thread.
struct Converted {
  std::string json;
  Diagnostics findings;
  bool produced = false;
};

Converted convert_unit(const syntax::Unit& unit, const JsonCmdOptions& o) {
  // The unit was cut from segments the limits already let through.
  syntax::ReaderOptions ro = o.reader;
  ro.max_segment_length = std::max<std::size_t>(ro.max_segment_length, unit.bytes.size());
  syntax::Reader reader(std::string_view(unit.bytes), ro);
  tx::ReadOptions rdo;
  rdo.capture_values = o.show_values;
  rdo.max_model_bytes = kMaxModelBytes;
  tx::SetReader sets(reader, rdo);
  tx::JsonOptions jo;
  jo.pretty = o.pretty && !o.lines;
  // The set's claims are written into c.json as they close, as with --jobs 1.
  tx::JsonSetWriter writer(sets, jo);
  const std::function<void(std::string&)> keep = [](std::string&) {};
  Converted c;
  if (!writer.next(c.json, keep)) return c;
  c.produced = true;
  c.findings = sets.diagnostics();
  for (auto& f : c.findings.all()) {
    unit.to_input(f.where);
    if (f.has_trigger()) unit.to_input(f.trigger);
  }
  return c;
}

// Closes the array and the output, then reports what the reader met.
int finish(const JsonCmdOptions& o, const syntax::RereadableInput& input, syntax::Reader& reader, std::FILE* out,
           bool errors) {
  if (!o.lines) std::fputs("]\n", out);
  close_output(out);
  print_findings(reader.diagnostics(), o.show_values);
  if (reader.stop()) return print_stop(*reader.stop());
  // The envelope and character checks every command runs (common.hpp).
  errors = input_check_errors(input, o.reader, o.show_values) || errors;
  return errors || reader.diagnostics().has_errors() ? exit_input_errors : exit_ok;
}

// --jobs N: the reading thread splits the input into transaction sets,
// workers convert them, the output is written in input order (the same bytes as --jobs 1).
int run_json_parallel(const JsonCmdOptions& o, const syntax::RereadableInput& input, syntax::Reader& reader,
                      std::FILE* out) {
  std::size_t n = 0;
  bool errors = false;
  std::string buffer;
  if (!o.lines) std::fputs("[", out);
  {
    syntax::OrderedPool<syntax::Unit, Converted> pool(
        o.jobs, [&](syntax::Unit& u) { return convert_unit(u, o); },
        [&](Converted& c) {
          if (!c.produced) return;
          buffer.clear();
          if (!o.lines && n > 0) buffer += o.pretty ? ",\n" : ",";
          buffer += c.json;
          if (o.lines) buffer += '\n';
          std::fwrite(buffer.data(), 1, buffer.size(), out);
          print_findings(c.findings, o.show_values);
          errors = errors || c.findings.has_errors();
          ++n;
        },
        2 * std::size_t{o.jobs});
    syntax::Splitter split;
    syntax::Unit unit;
    while (split.next(reader, unit)) pool.submit(std::move(unit));
    pool.close();
  }
  return finish(o, input, reader, out, errors);
}

int run_json(const JsonCmdOptions& o) {
  // Read twice: once into JSON, once more for the envelope and character
  // checks (standard input is kept in a private temporary copy for that).
  auto input = syntax::RereadableInput::open(o.path);
  if (!input) {
    fmt::print(stderr, "x12: {}\n", input.error().message);
    return exit_usage;
  }
  std::FILE* out = open_output(o.out);
  if (!out) return exit_usage;
  auto source = input->source();
  syntax::Reader reader(source, o.reader);
  if (o.jobs > 1) return run_json_parallel(o, *input, reader, out);
  tx::ReadOptions ro;
  ro.capture_values = o.show_values;
  ro.max_model_bytes = kMaxModelBytes;
  tx::SetReader sets(reader, ro);
  tx::JsonOptions jo;
  jo.pretty = o.pretty && !o.lines;
  // Each set's JSON is written while the set is read: a large set's claims
  // and payments go out as they close, in pieces of about 1 MiB.
  tx::JsonSetWriter writer(sets, jo);
  std::string buffer;
  const std::function<void(std::string&)> flush = [out](std::string& b) {
    std::fwrite(b.data(), 1, b.size(), out);
    b.clear();
  };
  std::size_t n = 0;
  bool errors = false;
  if (!o.lines) std::fputs("[", out);
  const std::string_view separator = o.lines ? "" : o.pretty ? ",\n" : ",";
  while (writer.next(buffer, flush, n > 0 ? separator : std::string_view())) {
    if (o.lines) buffer += '\n';
    flush(buffer);
    print_findings(sets.diagnostics(), o.show_values);
    errors = errors || sets.diagnostics().has_errors();
    ++n;
  }
  return finish(o, *input, reader, out, errors);
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
