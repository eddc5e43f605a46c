// x12_validate_method tree|stream FILE: validates FILE with all rule families
// one way or the other, for callgrind to count (bench/callgrind.sh measures
// the tool; this isolates the two engines in the same library):
//   tree    the loop tree walk (ValidateOptions::Method::tree), then SNIP 3
//           over the typed models read from the file again (tx::add_balancing),
//           which is what x12 validate did before the streaming engine;
//   stream  the streaming engine, SNIP 1-4 in one pass (the default).
// Prints the number of findings, so both runs can be seen to agree.
#include <cstdio>
#include <cstring>

#include "x12/schema/validator.hpp"
#include "x12/syntax/source.hpp"
#include "x12/tx/validate.hpp"

int main(int argc, char** argv) {
  using x12::schema::ValidateOptions;
  if (argc != 3 || (std::strcmp(argv[1], "tree") != 0 && std::strcmp(argv[1], "stream") != 0)) {
    std::fprintf(stderr, "usage: x12_validate_method tree|stream FILE\n");
    return 2;
  }
  auto source = x12::syntax::FileSource::open(argv[2]);
  if (!source) return std::fprintf(stderr, "%s\n", source.error().message.c_str()), 2;
  ValidateOptions options;
  options.method = std::strcmp(argv[1], "tree") == 0 ? ValidateOptions::Method::tree : ValidateOptions::Method::stream;
  x12::schema::Report report = x12::schema::validate(*source, options);
  if (options.method == ValidateOptions::Method::tree && !report.stop) {
    auto again = x12::syntax::FileSource::open(argv[2]);
    if (again) x12::tx::add_balancing(report, *again);
  }
  std::printf("%zu findings\n", report.diagnostics.size());
  return 0;
}
