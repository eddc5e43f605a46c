// x12 tree FILE: the loop tree of every transaction set, segments indented
// under their loops (ids, names and positions; values only when asked).
#include <fmt/format.h>

#include "common.hpp"
#include "x12/schema/loop_tree.hpp"

namespace x12::cli {

namespace {

int run_tree(const std::string& path, bool show_values, const syntax::ReaderOptions& limits) {
  auto source = open_input(path);
  if (!source) return exit_usage;
  syntax::Reader reader(*source, limits);
  schema::Builder builder;
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
  auto path = std::make_shared<std::string>();
  auto show = std::make_shared<bool>(false);
  cmd->add_option("FILE", *path, "X12 file, or - for standard input")->required();
  cmd->add_flag("--show-values", *show, "Print segment contents (they may be patient data)");
  auto limits = std::make_shared<syntax::ReaderOptions>();
  add_reader_limits(cmd, *limits);
  cmd->callback([&exit_code, path, show, limits] { exit_code = run_tree(*path, *show, *limits); });
}

}  // namespace x12::cli
