// x12_gen: writes a seeded 837P or 835 test file, and optionally its
// ground-truth sidecar as JSON.
//
//   x12_gen --kind 837p --claims 1000 --seed 7 -o claims.x12 --truth claims.json
//   x12_gen --kind 835 --size 100M --newline lf --element-sep '|' > remits.x12
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <cstdio>

#include "x12/error.hpp"
#include "x12/testdata/generator.hpp"

namespace {

// One delimiter: a single character, or its code as 0xNN.
char parse_delimiter(const std::string& text, const char* what) {
  if (text.size() == 1) return text[0];
  if (text.size() == 4 && (text.starts_with("0x") || text.starts_with("0X"))) {
    return static_cast<char>(std::stoi(text.substr(2), nullptr, 16));
  }
  throw CLI::ValidationError(what, "give one character or its code as 0xNN");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Seeded generator of X12 5010 837P / 835 test files"};
  std::string kind = "837p", size, out_path, truth_path, newline = "none";
  std::string element = "*", component = ":", repetition = "^", segment = "~";
  x12::testdata::Options o;
  app.add_option("--kind", kind, "837p or 835")->check(CLI::IsMember({"837p", "837P", "837", "835"}));
  auto* claims = app.add_option("--claims", o.claims, "number of claims (CLM or CLP)");
  app.add_option("--size", size, "target size instead of a claim count: 100M, 1G, 512K or bytes")->excludes(claims);
  app.add_option("--seed", o.seed, "random seed (same seed, same bytes)");
  app.add_option("--interchanges", o.interchanges, "ISA..IEA envelopes")->check(CLI::PositiveNumber);
  app.add_option("--groups", o.groups_per_interchange, "GS..GE groups per interchange")->check(CLI::PositiveNumber);
  app.add_option("--max-claims-per-set", o.max_claims_per_set, "claims per ST..SE (837 TR3: at most 5000)")
      ->check(CLI::PositiveNumber);
  app.add_option("--date", o.date, "production date CCYYMMDD");
  app.add_option("--element-sep", element, "element separator (char or 0xNN)");
  app.add_option("--component-sep", component, "component separator (ISA16)");
  app.add_option("--repetition-sep", repetition, "repetition separator (ISA11)");
  app.add_option("--segment-terminator", segment, "segment terminator");
  app.add_option("--newline", newline, "line break after each segment")
      ->check(CLI::IsMember({"none", "lf", "cr", "crlf"}));
  app.add_option("-o,--output", out_path, "output file (standard output when absent)");
  app.add_option("--truth", truth_path, "write the ground-truth sidecar (JSON) here");
  CLI11_PARSE(app, argc, argv);

  try {
    o.kind = *x12::testdata::parse_kind(kind);
    if (!size.empty()) {
      auto bytes = x12::testdata::parse_size(size);
      if (!bytes || *bytes == 0) throw CLI::ValidationError("--size", "use a number with an optional K, M or G");
      o.target_bytes = *bytes;
    }
    o.delimiters.element = parse_delimiter(element, "--element-sep");
    o.delimiters.component = parse_delimiter(component, "--component-sep");
    o.delimiters.repetition = parse_delimiter(repetition, "--repetition-sep");
    o.delimiters.segment = parse_delimiter(segment, "--segment-terminator");
    o.delimiters.line_break = newline == "lf"     ? x12::syntax::LineBreak::lf
                              : newline == "cr"   ? x12::syntax::LineBreak::cr
                              : newline == "crlf" ? x12::syntax::LineBreak::crlf
                                                  : x12::syntax::LineBreak::none;
  } catch (const CLI::Error& e) {
    return app.exit(e);
  }

  std::FILE* out = stdout;
  if (!out_path.empty() && out_path != "-") {
    out = std::fopen(out_path.c_str(), "wb");
    if (!out) {
      fmt::print(stderr, "x12_gen: cannot open {} for writing\n", out_path);
      return 2;
    }
  }
  x12::testdata::Truth truth;
  try {
    truth = x12::testdata::generate(o, out);
  } catch (const x12::usage_error& e) {
    fmt::print(stderr, "x12_gen: {}\n", e.what());
    return 2;
  }
  if (out != stdout && std::fclose(out) != 0) {
    fmt::print(stderr, "x12_gen: writing {} failed\n", out_path);
    return 1;
  }
  if (!truth_path.empty()) {
    std::FILE* t = std::fopen(truth_path.c_str(), "wb");
    if (!t) {
      fmt::print(stderr, "x12_gen: cannot open {} for writing\n", truth_path);
      return 2;
    }
    const std::string json = x12::testdata::to_json(truth);
    std::fwrite(json.data(), 1, json.size(), t);
    std::fclose(t);
  }
  return 0;
}
