// x12 tree FILE: the loop tree of every transaction set, segments indented
// under their loops (ids, names and positions; values only when asked).
#include <fmt/format.h>

#include "common.hpp"
#include "x12/schema/loop_tree.hpp"

namespace x12::cli {

namespace {

struct TreeArgs {
  std::string path;
  bool show_values = false;
  syntax::ReaderOptions reader;
  schema::TreeLimits tree;
};

int run_tree(const TreeArgs& a) {
  const bool show_values = a.show_values;
  auto source = open_input(a.path);
  if (!source) return exit_usage;
  syntax::Reader reader(*source, a.reader);
  schema::Builder builder;
  builder.limits(a.tree);
  bool unplaced = false;
  auto print = [&](const schema::TransactionTree& t) {
    fmt::print("{}", schema::format_tree(t, show_values));
    for (const auto& f : t.findings) {
      fmt::print("  ! {}\n", format(f, show_values));
      unplaced = true;
    }
  };
  builder.on_complete(print);
  syntax::Segment s;
  while (reader.next(s)) builder.add(s);
  builder.finish();
  if (reader.stop()) {
    std::fflush(stdout);
    return print_stop(*reader.stop());
  }
  return unplaced ? exit_input_errors : exit_ok;
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
