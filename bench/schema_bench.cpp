// Schema-layer benchmark: schema::validate (SNIP 1, 2, 4) over generated
// 837P and 835 files held in memory (X12_BENCH_SCHEMA_MB, default 10 MiB,
// seed 2025). Before timing, each case validates once and checks the answer
// against the generator's ground truth: segment and transaction-set counts,
// and no error finding (the generator writes valid files).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "x12/schema/validator.hpp"
#include "generated_input.hpp"
#include "x12/testdata/generator.hpp"

namespace {

using SchemaInput = x12::bench::GeneratedInput;

const SchemaInput& schema_input(x12::testdata::Kind kind) { return x12::bench::generated_input(kind); }

[[noreturn]] void schema_wrong(const char* what, std::uint64_t got, std::uint64_t want) {
  std::fprintf(stderr, "BM_Schema_Validate: wrong answer before timing: %s is %llu, expected %llu\n", what,
               static_cast<unsigned long long>(got), static_cast<unsigned long long>(want));
  std::abort();
}

void BM_Schema_Validate(benchmark::State& state, x12::testdata::Kind kind) {
  const SchemaInput& in = schema_input(kind);
  {
    x12::schema::Report r = x12::schema::validate(in.text);
    if (r.segments != in.truth.segments) schema_wrong("segment count", r.segments, in.truth.segments);
    if (r.sets().size() != in.truth.sets) schema_wrong("transaction sets", r.sets().size(), in.truth.sets);
    if (r.has_errors()) schema_wrong("error findings", r.diagnostics.count(x12::Severity::error), 0);
  }
  for (auto _ : state) {
    x12::schema::Report r = x12::schema::validate(in.text);
    benchmark::DoNotOptimize(r.segments);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.text.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.truth.segments));
}

const bool schema_registered = [] {
  const std::string size = "_" + std::to_string(x12::bench::generated_mb()) + "MB";
  benchmark::RegisterBenchmark(("BM_Schema_Validate/837p" + size).c_str(), BM_Schema_Validate,
                               x12::testdata::Kind::claims_837p)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("BM_Schema_Validate/835" + size).c_str(), BM_Schema_Validate,
                               x12::testdata::Kind::remittance_835)
      ->Unit(benchmark::kMillisecond);
  return true;
}();

}  // namespace
