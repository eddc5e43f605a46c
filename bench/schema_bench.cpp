// Schema-layer benchmark: schema::validate (SNIP 1, 2, 4), the loop tree
// alone, and validate_parallel on every hardware thread, over generated
// 837P and 835 files held in memory (X12_BENCH_SCHEMA_MB, default 10 MiB,
// seed 2025). Before timing, each case validates once and checks the answer
// against the generator's ground truth: segment and transaction-set counts,
// and no error finding (the generator writes valid files).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <utility>

#include "generated_input.hpp"
#include "x12/schema/loop_tree.hpp"
#include "x12/schema/parallel.hpp"
#include "x12/schema/validator.hpp"
#include "x12/syntax/reader.hpp"
#include "x12/syntax/source.hpp"
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

// The loop tree alone (reader + Builder, no envelope checks and no rules):
// the part of BM_Schema_Validate that any tree-based validator pays.
std::uint64_t build_trees(std::string_view text) {
  x12::syntax::Reader reader(text);
  x12::schema::Builder builder;
  std::uint64_t sets = 0;
  for (x12::syntax::Segment s; reader.next(s);) sets += builder.add(s) != nullptr ? 1 : 0;
  return sets + (builder.finish() != nullptr ? 1 : 0);
}

void BM_Schema_BuildTree(benchmark::State& state, x12::testdata::Kind kind) {
  const SchemaInput& in = schema_input(kind);
  if (auto sets = build_trees(in.text); sets != in.truth.sets) schema_wrong("trees built", sets, in.truth.sets);
  for (auto _ : state) benchmark::DoNotOptimize(build_trees(in.text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.text.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.truth.segments));
}

// validate_parallel on every hardware thread, timed by the wall clock: what a
// gateway gets from the machine. Same findings as validate() (tests check it).
void BM_Schema_ValidateParallel(benchmark::State& state, x12::testdata::Kind kind) {
  const SchemaInput& in = schema_input(kind);
  const unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  auto run = [&] {
    x12::syntax::StringSource source(in.text, 1 << 20);
    return x12::schema::validate_parallel(source, {}, jobs);
  };
  if (auto r = run(); r.segments != in.truth.segments) schema_wrong("segment count", r.segments, in.truth.segments);
  for (auto _ : state) benchmark::DoNotOptimize(run().segments);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.text.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.truth.segments));
  state.counters["jobs"] = jobs;
}

const bool schema_registered = [] {
  const std::string size = "_" + std::to_string(x12::bench::generated_mb()) + "MB";
  benchmark::RegisterBenchmark(("BM_Schema_Validate/837p" + size).c_str(), BM_Schema_Validate,
                               x12::testdata::Kind::claims_837p)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("BM_Schema_Validate/835" + size).c_str(), BM_Schema_Validate,
                               x12::testdata::Kind::remittance_835)
      ->Unit(benchmark::kMillisecond);
  for (auto [name, kind] :
       {std::pair{"837p", x12::testdata::Kind::claims_837p}, std::pair{"835", x12::testdata::Kind::remittance_835}}) {
    benchmark::RegisterBenchmark(("BM_Schema_BuildTree/" + std::string(name) + size).c_str(), BM_Schema_BuildTree, kind)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_Schema_ValidateParallel/" + std::string(name) + size).c_str(),
                                 BM_Schema_ValidateParallel, kind)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  return true;
}();

}  // namespace
