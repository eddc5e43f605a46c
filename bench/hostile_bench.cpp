// Linear time on hostile shapes: the streaming reader over synthesized input
// (never held in memory) of 10 MiB by default. Set X12_BENCH_HOSTILE_MB to a
// list to go bigger, e.g. X12_BENCH_HOSTILE_MB=10,100,1024 for the 10 MB /
// 100 MB / 1 GB series; time per byte should stay flat across the sizes.
// Each case checks its segment count before it is timed.
//
//   X12_BENCH_HOSTILE_MB=10,100,1024 build/release/bench/x12_bench --benchmark_filter=Hostile
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "../tests/hostile/hostile_support.hpp"
#include "x12/syntax/envelope.hpp"
#include "x12/syntax/reader.hpp"

namespace {

using x12::test::GeneratedSource;

const std::string kIsa =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250101*1200*^*00501*000000001*0*T*:~";
const std::string kHead = kIsa + "GS*HC*S*R*20250101*1200*1*X*005010X222A1~ST*837*0001~";

struct Outcome {
  std::uint64_t segments = 0, bytes = 0;
};

Outcome read_through(GeneratedSource& source) {
  x12::syntax::Reader reader(source);
  x12::Diagnostics findings;
  x12::syntax::EnvelopeChecker envelope(findings);
  x12::syntax::Segment s;
  Outcome o;
  while (reader.next(s)) {
    envelope.add(s);
    ++o.segments;
  }
  envelope.finish(reader.bytes_read());
  o.bytes = reader.bytes_read();
  return o;
}

// "~" repeated: one empty segment per byte.
GeneratedSource empty_segments(std::uint64_t bytes) {
  return x12::test::repeated_bytes(kHead, '~', bytes, "SE*2*0001~GE*1*1~IEA*1*000000001~");
}

// One element of `bytes` bytes: skipped as over-long.
GeneratedSource giant_element(std::uint64_t bytes) {
  return x12::test::repeated_bytes(kHead + "NM1*IL*1*", 'A', bytes, "~SE*2*0001~GE*1*1~IEA*1*000000001~");
}

// ISA + IEA pairs (122 bytes each) with sequential control numbers.
GeneratedSource tiny_interchanges(std::uint64_t bytes) {
  const std::uint64_t n = bytes / (kIsa.size() + 16) + 1;
  auto i = std::make_shared<std::uint64_t>(0);
  return GeneratedSource([n, i](std::string& piece) {
    if (*i == n) return false;
    for (int k = 0; k < 256 && *i < n; ++k) {
      const std::string digits = std::to_string(++*i);
      const std::string control = std::string(9 - digits.size(), '0') + digits;
      piece += kIsa.substr(0, 90) + control + kIsa.substr(99) + "IEA*0*" + control + "~";
    }
    return true;
  });
}

// Reads `make(size)` once to check the answer (every byte read; for empty
// segments, one segment per byte), then times it.
void BM_Hostile(benchmark::State& state, GeneratedSource (*make)(std::uint64_t), bool segment_per_byte) {
  const auto bytes = static_cast<std::uint64_t>(state.range(0)) << 20;
  {
    auto source = make(bytes);
    const Outcome o = read_through(source);
    if (o.bytes < bytes || (segment_per_byte && o.segments < bytes)) {
      std::fprintf(stderr, "hostile bench: wrong answer (%llu segments, %llu bytes)\n",
                   static_cast<unsigned long long>(o.segments), static_cast<unsigned long long>(o.bytes));
      std::abort();
    }
  }
  Outcome last;
  for (auto _ : state) {
    auto source = make(bytes);
    last = read_through(source);
    benchmark::DoNotOptimize(last);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * last.bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * last.segments));
}

void sizes(benchmark::internal::Benchmark* b) {
  std::string list = std::getenv("X12_BENCH_HOSTILE_MB") ? std::getenv("X12_BENCH_HOSTILE_MB") : "10";
  for (std::size_t from = 0; from < list.size();) {
    std::size_t to = list.find(',', from);
    if (to == std::string::npos) to = list.size();
    if (long mb = std::strtol(list.substr(from, to - from).c_str(), nullptr, 10); mb > 0) b->Arg(mb);
    from = to + 1;
  }
  b->Unit(benchmark::kMillisecond)->Iterations(1)->ArgName("MB");
}

}  // namespace

BENCHMARK_CAPTURE(BM_Hostile, EmptySegments, &empty_segments, true)->Apply(sizes);
BENCHMARK_CAPTURE(BM_Hostile, GiantElement, &giant_element, false)->Apply(sizes);
BENCHMARK_CAPTURE(BM_Hostile, TinyInterchanges, &tiny_interchanges, false)->Apply(sizes);
