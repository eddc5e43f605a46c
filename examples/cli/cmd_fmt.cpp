// x12 fmt FILE: re-delimits interchanges through the reader and writer; with
// no options the output equals the input byte for byte.
#include <fmt/format.h>

#include "common.hpp"

namespace x12::cli {

namespace {

struct FmtOptions {
  std::string path, out;
  std::optional<std::string> element, component, repetition, terminator, newline;
  bool show_values = false;
};

// A delimiter argument: one character, or the escapes \n \r \t.
std::optional<char> delimiter_arg(const std::string& text) {
  if (text.size() == 1) return text[0];
  if (text == "\\n") return '\n';
  if (text == "\\r") return '\r';
  if (text == "\\t") return '\t';
  return std::nullopt;
}

// The output delimiters for an interchange read with `in`.
result<syntax::Delimiters> output_delimiters(const syntax::Delimiters& in, const FmtOptions& o) {
  syntax::Delimiters d = in;
  auto apply = [](const std::optional<std::string>& arg, char& role) {
    if (arg) role = *delimiter_arg(*arg);
  };
  apply(o.element, d.element);
  apply(o.component, d.component);
  apply(o.repetition, d.repetition);
  apply(o.terminator, d.segment);
  if (o.newline) {
    d.line_break = *o.newline == "lf"     ? syntax::LineBreak::lf
                   : *o.newline == "crlf" ? syntax::LineBreak::crlf
                                          : syntax::LineBreak::none;
  }
  return syntax::check(d);
}

int run_fmt(const FmtOptions& o) {
  for (const auto* arg : {&o.element, &o.component, &o.repetition, &o.terminator}) {
    if (*arg && !delimiter_arg(**arg)) {
      fmt::print(stderr, "x12 fmt: a delimiter must be one character (or \\n, \\r, \\t)\n");
      return exit_usage;
    }
  }
  auto source = open_input(o.path);
  if (!source) return exit_usage;
  std::FILE* out = open_output(o.out);
  if (!out) return exit_usage;

  syntax::Reader reader(*source);
  syntax::Writer writer(out, syntax::Delimiters{});
  // Without --newline the blanks between segments are kept as read, so the
  // writer adds no line breaks of its own.
  const bool keep_gaps = !o.newline;
  writer.set_line_breaks(!keep_gaps);
  syntax::Segment s;
  int status = exit_ok;
  InputChecks checks(o.show_values);
  while (reader.next(s)) {
    checks.add(s);
    if (s.is("ISA")) {
      auto d = output_delimiters(s.delimiters(), o);
      if (!d) {
        fmt::print(stderr, "x12 fmt: {}\n", d.error().message);
        status = exit_usage;
        break;
      }
      writer.set_delimiters(*d);
    }
    if (keep_gaps) writer.write_gap(s.gap());
    writer.write(s);
  }
  if (keep_gaps && status == exit_ok) writer.write_gap(reader.trailing());
  writer.flush();
  // Input that stops half-way leaves OUT as it was.
  if (status != exit_ok || reader.stop()) discard_output(out);
  else if (!close_output(out)) return exit_usage;
  if (status != exit_ok) return status;

  checks.finish(reader);
  print_findings(reader.diagnostics(), o.show_values);
  print_findings(checks.findings, o.show_values);
  print_findings(writer.diagnostics(), o.show_values);
  if (reader.stop()) {
    return print_stop(*reader.stop());
  }
  return reader.diagnostics().has_errors() || writer.diagnostics().has_errors() || checks.findings.has_errors()
             ? exit_input_errors
             : exit_ok;
}

}  // namespace

void register_fmt(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("fmt", "Re-delimit interchanges (ISA updated); with no options the output equals the input");
  auto o = std::make_shared<FmtOptions>();
  cmd->add_option("FILE", o->path, "X12 file, or - for standard input")->required();
  cmd->add_option("-o,--output", o->out, "Output file (standard output when absent)");
  cmd->add_option("--element-sep", o->element, "Element separator");
  cmd->add_option("--component-sep", o->component, "Component separator (ISA16)");
  cmd->add_option("--repetition-sep", o->repetition, "Repetition separator (ISA11)");
  cmd->add_option("--segment-terminator", o->terminator, "Segment terminator");
  cmd->add_option("--newline", o->newline, "Line break after each segment terminator")
      ->check(CLI::IsMember({"none", "lf", "crlf"}));
  cmd->add_flag("--show-values", o->show_values, "Quote element values in findings (they may be patient data)");
  cmd->callback([&exit_code, o] { exit_code = run_fmt(*o); });
}

}  // namespace x12::cli
