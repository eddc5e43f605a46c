// The generated inputs the schema and typed-model benchmarks share: one 837P
// and one 835 of X12_BENCH_SCHEMA_MB MiB (default 10), made once per process,
// with the generator's ground truth to check answers against before timing.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>

#include "x12/testdata/generator.hpp"

namespace x12::bench {

struct GeneratedInput {
  std::string text;
  testdata::Truth truth;
};

inline std::uint64_t generated_mb() {
  std::uint64_t mb = 10;
  if (const char* env = std::getenv("X12_BENCH_SCHEMA_MB")) mb = std::strtoull(env, nullptr, 10);
  return mb == 0 ? 1 : mb;
}

inline const GeneratedInput& generated_input(testdata::Kind kind) {
  static GeneratedInput inputs[2];
  static bool made[2] = {false, false};
  const int k = kind == testdata::Kind::claims_837p ? 0 : 1;
  if (!made[k]) {
    testdata::Options o;
    o.kind = kind;
    o.seed = 2025;
    o.target_bytes = generated_mb() << 20;
    o.delimiters.line_break = syntax::LineBreak::lf;
    inputs[k].truth = testdata::generate(o, inputs[k].text);
    made[k] = true;
  }
  return inputs[k];
}

}  // namespace x12::bench
