// Syntax-layer benchmarks over a generated 837P held in memory (100 MiB by
// default; X12_BENCH_MB overrides, X12_BENCH_NEWLINE=none|lf|crlf picks the
// line break). Every case runs once and checks its answer against the
// generator's ground truth before it is timed; a wrong answer aborts.
//
//   build-bench/bench/x12_bench                     # all cases
//   X12_BENCH_MB=10 build-bench/bench/x12_bench     # quick run
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "x12/syntax/envelope.hpp"
#include "x12/syntax/reader.hpp"
#include "x12/syntax/source.hpp"
#include "x12/testdata/generator.hpp"

namespace {

struct Input {
  std::string text;
  x12::testdata::Truth truth;
  std::string label;  // "837p_100MB"
};

std::uint64_t input_mb() {
  std::uint64_t mb = 100;
  if (const char* env = std::getenv("X12_BENCH_MB")) mb = std::strtoull(env, nullptr, 10);
  return mb == 0 ? 1 : mb;
}

std::string input_label() { return "837p_" + std::to_string(input_mb()) + "MB"; }

// Generated on first use, so runs filtered to other cases skip it.
Input make_input() {
  const std::uint64_t mb = input_mb();
  x12::testdata::Options o;
  o.kind = x12::testdata::Kind::claims_837p;
  o.seed = 2025;
  o.target_bytes = mb << 20;
  o.interchanges = 4;
  o.delimiters.line_break = x12::syntax::LineBreak::lf;
  if (const char* nl = std::getenv("X12_BENCH_NEWLINE")) {
    std::string v = nl;
    o.delimiters.line_break = v == "none"   ? x12::syntax::LineBreak::none
                              : v == "crlf" ? x12::syntax::LineBreak::crlf
                                            : x12::syntax::LineBreak::lf;
  }
  Input in;
  in.text.reserve(o.target_bytes + (1 << 20));
  const auto t0 = std::chrono::steady_clock::now();
  in.truth = x12::testdata::generate(o, in.text);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  in.label = input_label();
  std::fprintf(stderr,
               "input: %s, %llu bytes, %llu segments, %llu claims, line break %s; generated in %.2f s (%.0f MB/s)\n",
               in.label.c_str(), static_cast<unsigned long long>(in.text.size()),
               static_cast<unsigned long long>(in.truth.segments), static_cast<unsigned long long>(in.truth.claims),
               std::getenv("X12_BENCH_NEWLINE") ? std::getenv("X12_BENCH_NEWLINE") : "lf", s,
               static_cast<double>(in.text.size()) / s / 1e6);
  return in;
}

const Input& input() {
  static const Input in = make_input();
  return in;
}

[[noreturn]] void wrong(const char* bench, const char* what, std::uint64_t got, std::uint64_t want) {
  std::fprintf(stderr, "%s: wrong answer before timing: %s is %llu, ground truth says %llu\n", bench, what,
               static_cast<unsigned long long>(got), static_cast<unsigned long long>(want));
  std::abort();
}

// --- the cases: each returns the segment count it saw ---

std::uint64_t memchr_terminators(std::string_view text, char terminator) {
  std::uint64_t n = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const void* hit = std::memchr(p, terminator, static_cast<std::size_t>(end - p));
    if (!hit) break;
    ++n;
    p = static_cast<const char*>(hit) + 1;
  }
  return n;
}

std::uint64_t read_buffer(std::string_view text) {
  x12::syntax::Reader reader(text);
  x12::syntax::Segment s;
  std::uint64_t n = 0;
  while (reader.next(s)) ++n;
  if (reader.stop()) wrong("BM_Syntax_ReadBuffer", "a stop (0 = none expected)", 1, 0);
  return n;
}

std::uint64_t read_stream(std::string_view text) {
  x12::syntax::StringSource source(text, 1 << 20);
  x12::syntax::Reader reader(source);
  x12::syntax::Segment s;
  std::uint64_t n = 0;
  while (reader.next(s)) ++n;
  if (reader.stop()) wrong("BM_Syntax_ReadStream", "a stop (0 = none expected)", 1, 0);
  return n;
}

struct EnvelopeResult {
  std::uint64_t segments = 0, sets = 0, errors = 0;
};

EnvelopeResult envelope_check(std::string_view text) {
  x12::syntax::Reader reader(text);
  x12::Diagnostics findings;
  x12::syntax::EnvelopeChecker checker(findings);
  x12::syntax::Segment s;
  while (reader.next(s)) checker.add(s);
  checker.finish(reader.bytes_read());
  return {reader.segments_read(), checker.counts().sets,
          findings.count(x12::Severity::error) + reader.diagnostics().count(x12::Severity::error)};
}

// --- timing wrappers ---

void finish(benchmark::State& state, std::uint64_t segments) {
  const Input& in = input();
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.text.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * segments));
}

void BM_Baseline_MemchrTerminators(benchmark::State& state) {
  const Input& in = input();
  const char term = '~';
  if (auto n = memchr_terminators(in.text, term); n != in.truth.segments)
    wrong("BM_Baseline_MemchrTerminators", "terminator count", n, in.truth.segments);
  for (auto _ : state) benchmark::DoNotOptimize(memchr_terminators(in.text, term));
  finish(state, in.truth.segments);
}

void BM_Syntax_ReadBuffer(benchmark::State& state) {
  const Input& in = input();
  if (auto n = read_buffer(in.text); n != in.truth.segments)
    wrong("BM_Syntax_ReadBuffer", "segment count", n, in.truth.segments);
  for (auto _ : state) benchmark::DoNotOptimize(read_buffer(in.text));
  finish(state, in.truth.segments);
}

void BM_Syntax_ReadStream(benchmark::State& state) {
  const Input& in = input();
  if (auto n = read_stream(in.text); n != in.truth.segments)
    wrong("BM_Syntax_ReadStream", "segment count", n, in.truth.segments);
  for (auto _ : state) benchmark::DoNotOptimize(read_stream(in.text));
  finish(state, in.truth.segments);
}

void BM_Syntax_EnvelopeCheck(benchmark::State& state) {
  const Input& in = input();
  const EnvelopeResult r = envelope_check(in.text);
  if (r.segments != in.truth.segments) wrong("BM_Syntax_EnvelopeCheck", "segment count", r.segments, in.truth.segments);
  if (r.sets != in.truth.sets) wrong("BM_Syntax_EnvelopeCheck", "transaction sets", r.sets, in.truth.sets);
  if (r.errors != 0) wrong("BM_Syntax_EnvelopeCheck", "error findings", r.errors, 0);
  for (auto _ : state) benchmark::DoNotOptimize(envelope_check(in.text));
  finish(state, in.truth.segments);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const std::string size = "/" + input_label();
  for (auto [name, fn] : {std::pair{"BM_Baseline_MemchrTerminators", &BM_Baseline_MemchrTerminators},
                          std::pair{"BM_Syntax_ReadBuffer", &BM_Syntax_ReadBuffer},
                          std::pair{"BM_Syntax_ReadStream", &BM_Syntax_ReadStream},
                          std::pair{"BM_Syntax_EnvelopeCheck", &BM_Syntax_EnvelopeCheck}}) {
    benchmark::RegisterBenchmark((name + size).c_str(), fn)->Unit(benchmark::kMillisecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
