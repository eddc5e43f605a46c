// x12 tree FILE: the loop tree of every transaction set, segments indented
// under their loops (ids, names and positions; values only when asked),
// printed as the streaming engine places them.
#include <fmt/format.h>

#include "common.hpp"
#include "x12/schema/tree_printer.hpp"

namespace x12::cli {

namespace {

struct TreeArgs {
  std::string path;
  bool show_values = false;
  syntax::ReaderOptions reader;
  schema::TreeLimits tree;
};

int run_tree(const TreeArgs& a) {
  auto source = open_input(a.path);
  if (!source) return exit_usage;
  syntax::Reader reader(*source, a.reader);
  // Printed as the engine places each segment: no tree is built, so a set
  // of millions of segments costs no more memory than a small one.
  schema::TreePrinter printer(stdout, a.show_values);
  printer.limits(a.tree);
  syntax::Segment s;
  InputChecks checks(a.show_values);
  while (reader.next(s)) {
    checks.add(s);
    printer.add(s);
  }
  printer.finish();
  checks.finish(reader);
  std::fflush(stdout);
  print_findings(checks.findings, a.show_values);
  if (reader.stop()) {
    std::fflush(stdout);
    return print_stop(*reader.stop());
  }
  return printer.findings() > 0 || checks.findings.has_errors() ? exit_input_errors : exit_ok;
}

}  // namespace

void register_tree(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("tree", "Print the loop tree of each transaction set (loop ids and names, segments)");
  auto a = std::make_shared<TreeArgs>();
  cmd->add_option("FILE", a->path, "X12 file, or - for standard input")->required();
  cmd->add_flag("--show-values", a->show_values, "Print segment contents (they may be patient data)");
  add_reader_limits(cmd, a->reader);
  add_tree_limits(cmd, a->tree);
  cmd->callback([&exit_code, a] { exit_code = run_tree(*a); });
}

}  // namespace x12::cli
