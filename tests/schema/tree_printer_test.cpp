// x12 tree prints as the engine places segments (TreePrinter); it must print
// what format_tree prints for the built tree, findings after each set, on
// every sample and corpus file.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "support/test_support.hpp"
#include "x12/schema/loop_tree.hpp"
#include "x12/schema/tree_printer.hpp"
#include "x12/syntax/reader.hpp"

using namespace x12;
using namespace x12::schema;

namespace tree_printer_test {

// What x12 tree printed when it built each tree first.
std::string built(std::string_view input, bool values) {
  std::string out;
  Builder builder;
  builder.capture_values(values);
  builder.on_complete([&](const TransactionTree& t) {
    std::string text = format_tree(t, values);
    if (!t.complete) {  // the printer says so after the set, not in its first line
      text.replace(text.find(", no SE\n"), 8, "\n");
      text += "  (the set ended without an SE)\n";
    }
    out += text;
    for (const auto& f : t.findings) out += "  ! " + format(f, values) + "\n";
  });
  syntax::Reader reader(input);
  for (syntax::Segment s; reader.next(s);) builder.add(s);
  builder.finish();
  return out;
}

std::string printed(std::string_view input, bool values) {
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  {
    TreePrinter printer(out, values);
    syntax::Reader reader(input);
    for (syntax::Segment s; reader.next(s);) printer.add(s);
    printer.finish();
  }
  std::fclose(out);
  std::string text(buffer, size);
  std::free(buffer);
  return text;
}

}  // namespace tree_printer_test

TEST(TreePrinter, PrintsWhatTheBuiltTreePrints) {
  std::vector<std::filesystem::path> files = {test::source_dir() / "examples" / "data" / "sample.837",
                                              test::source_dir() / "examples" / "data" / "sample.835"};
  if (auto corpus = test::corpus_dir())
    for (const auto& e : std::filesystem::recursive_directory_iterator(*corpus))
      if (e.is_regular_file() && e.path().filename() != "PROVENANCE.md") files.push_back(e.path());
  for (const auto& path : files) {
    const std::string text = test::read_file(path);
    for (bool values : {false, true})
      EXPECT_EQ(tree_printer_test::printed(text, values), tree_printer_test::built(text, values)) << path;
  }
}

TEST(TreePrinter, AnUnfinishedSetSaysSo) {
  std::string text = test::read_file(test::source_dir() / "examples" / "data" / "sample.837");
  text = text.substr(0, text.find("SE*"));
  const std::string out = tree_printer_test::printed(text, false);
  EXPECT_NE(out.find("(the set ended without an SE)"), std::string::npos) << out;
}

TEST(TreePrinter, FindingsPastTheLimitAreCounted) {
  std::string text = test::read_file(test::source_dir() / "examples" / "data" / "sample.837");
  std::string junk;
  for (int i = 0; i < 50; ++i) junk += "ZZZ*1~\n";
  text.insert(text.find("SE*"), junk);
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  {
    TreePrinter printer(out, false);
    printer.max_findings_per_set = 10;
    syntax::Reader reader(text);
    for (syntax::Segment s; reader.next(s);) printer.add(s);
    printer.finish();
    EXPECT_EQ(printer.findings(), 50u);
  }
  std::fclose(out);
  const std::string printed(buffer, size);
  std::free(buffer);
  EXPECT_NE(printed.find("40 more findings in this transaction set were counted"), std::string::npos) << printed;
}
