// x12 from-json FILE.json [-o OUT] [--sender ID --receiver ID --control N]:
// JSON documents (as `x12 json` writes them) back to a complete interchange.
// With --sender, --receiver or --control the envelope is generated from the
// options; otherwise the envelope kept in the JSON is used (or generated).
#include <fmt/format.h>
#include <cstdio>

#include "common.hpp"
#include "x12/syntax/source.hpp"
#include "x12/tx/json.hpp"
#include "x12/tx/write.hpp"

namespace x12::cli {

namespace {

struct FromJsonOptions {
  std::string path, out;
  std::optional<std::string> sender, receiver;
  std::optional<std::uint64_t> control;
};

int run_from_json(const FromJsonOptions& o) {
  auto text = read_text_file(o.path);
  if (!text) return exit_usage;
  auto r = tx::from_json(*text);
  for (const auto& e : r.errors) fmt::print(stderr, "{}: {}\n", e.path, e.message);
  if (!r.ok()) return exit_input_errors;
  if (r.sets.empty()) {
    fmt::print(stderr, "x12 from-json: no transaction sets in the input\n");
    return exit_input_errors;
  }
  tx::WriteOptions wo;
  if (o.sender || o.receiver || o.control) {
    wo.envelope = tx::WriteOptions::Envelope::generate;
    if (o.sender) wo.sender = *o.sender;
    if (o.receiver) wo.receiver = *o.receiver;
    if (o.control) wo.interchange_control = wo.group_control = *o.control;
  }
  std::FILE* out = open_output(o.out);
  if (!out) return exit_usage;
  syntax::Delimiters d;
  d.line_break = syntax::LineBreak::lf;
  int status = exit_ok;
  {
    syntax::Writer w(out, d);
    tx::write(std::span<const tx::AnySet>(r.sets), w, wo);
    w.flush();
    print_findings(w.diagnostics(), false);
    if (w.diagnostics().has_errors()) status = exit_input_errors;
  }
  close_output(out);
  return status;
}

}  // namespace

void register_from_json(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("from-json", "Convert JSON (as x12 json writes it) back to a complete X12 interchange");
  auto o = std::make_shared<FromJsonOptions>();
  cmd->add_option("FILE", o->path, "JSON file (one document, an array, or JSON lines), or - for standard input")
      ->required();
  cmd->add_option("-o,--output", o->out, "Output file (standard output when absent)");
  cmd->add_option("--sender", o->sender, "ISA06/GS02 sender id (generates a new envelope)");
  cmd->add_option("--receiver", o->receiver, "ISA08/GS03 receiver id (generates a new envelope)");
  cmd->add_option("--control", o->control, "ISA13/GS06 control number (generates a new envelope)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{999999999}));
  cmd->callback([&exit_code, o] { exit_code = run_from_json(*o); });
}

}  // namespace x12::cli
