// x12 print FILE: one segment per line, indented by envelope level, numbered.
#include <fmt/format.h>

#include "common.hpp"

namespace x12::cli {

namespace {

int depth_of(const syntax::Segment& s, int& level) {
  // ISA/IEA at 0, GS/GE at 1, ST/SE at 2, everything inside a set at 3.
  if (s.is("ISA") || s.is("IEA")) return level = 0, 0;
  if (s.is("GS") || s.is("GE")) return level = 1, 1;
  if (s.is("ST")) return level = 3, 2;
  if (s.is("SE")) return level = 2, 2;
  return level;
}

int run_print(const std::string& path, bool show_values) {
  auto source = open_input(path);
  if (!source) return exit_usage;
  syntax::Reader reader(*source);
  std::FILE* out = stdout;
  syntax::Segment s;
  int level = 0;
  std::string line;
  InputChecks checks(show_values);
  while (reader.next(s)) {
    checks.add(s);
    int depth = depth_of(s, level);
    line = fmt::format("{:>7}  {:{}}{}{}\n", s.index(), "", depth * 2, s.content(),
                       s.terminated() ? "" : "   <- no segment terminator");
    std::fputs(line.c_str(), out);
  }
  std::fflush(out);
  checks.finish(reader);
  print_findings(reader.diagnostics(), show_values);
  print_findings(checks.findings, show_values);
  if (reader.stop()) {
    return print_stop(*reader.stop());
  }
  return reader.diagnostics().has_errors() || checks.findings.has_errors() ? exit_input_errors : exit_ok;
}

}  // namespace

void register_print(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("print", "Print one segment per line, indented by envelope level, with its index");
  auto path = std::make_shared<std::string>();
  auto show = std::make_shared<bool>(false);
  cmd->add_option("FILE", *path, "X12 file, or - for standard input")->required();
  cmd->add_flag("--show-values", *show, "Quote element values in findings (they may be patient data)");
  cmd->callback([&exit_code, path, show] { exit_code = run_print(*path, *show); });
}

}  // namespace x12::cli
