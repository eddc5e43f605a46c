// Posting benchmarks: a generated 835 with 100,000 claim payments (seed 11)
// posted against the claims submitted for it, into the in-memory ledger and
// into SQLite (a fresh temporary file per run: one transaction, prepared
// statements). The run checks its answer before timing: every payment
// matches, the postings balance to BPR02, and the counts equal the
// generator's truth. Target: 100,000 claims into SQLite in under 10 s.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "x12/billing/poster.hpp"
#include "x12/testdata/generator.hpp"
#include "x12/tx/read.hpp"

namespace {

using namespace x12;
using namespace x12::billing;

constexpr std::uint64_t claim_count = 100'000;

struct Workload {
  std::string text;
  testdata::Truth truth;
  std::vector<tx::Remittance835> remits;
  ClaimIndex index;
};

// The claims behind the generated payments (reversals share the original's
// CLP01).
void pair(Workload& w) {
  for (const auto& r : w.remits)
    for (const auto* clp : r.claims()) {
      if (clp->is_reversal() || w.index.find_by_patient_control_number(clp->info.patient_control_number)) continue;
      SubmittedClaim s;
      s.patient_control_number = clp->info.patient_control_number;
      s.charge = clp->info.total_charge;
      for (const auto& svc : clp->services)
        s.lines.push_back(
            {svc.line_item_control_number(), svc.info.procedure, svc.info.charge, svc.info.units_paid, {}});
      w.index.add(std::move(s));
    }
}

const Workload& workload() {
  static const Workload w = [] {
    Workload w;
    testdata::Options o;
    o.kind = testdata::Kind::remittance_835;
    o.seed = 11;
    o.claims = claim_count;
    o.max_claims_per_set = static_cast<std::uint32_t>(claim_count);
    w.truth = testdata::generate(o, w.text);
    w.remits = tx::read_835(w.text).sets;
    pair(w);
    return w;
  }();
  return w;
}

std::size_t post_all(const Workload& w, Ledger& ledger) {
  Poster poster(w.index, &ledger);
  std::size_t claims = 0;
  for (const auto& r : w.remits) {
    auto result = poster.post_and_store(r);
    if (!result.posting.balanced() || !result.posting.unmatched.empty()) {
      std::fprintf(stderr, "posting_bench: %s does not balance or has unmatched payments\n",
                   result.posting.trace_number.c_str());
      std::abort();
    }
    claims += result.posting.claims.size();
  }
  return claims;
}

void check(std::size_t claims, const Workload& w) {
  if (claims != w.truth.claims) {
    std::fprintf(stderr, "posting_bench: posted %zu claims, the generator wrote %llu\n", claims,
                 static_cast<unsigned long long>(w.truth.claims));
    std::abort();
  }
}

std::unique_ptr<Ledger> fresh_sqlite(const std::filesystem::path& path) {
  std::filesystem::remove(path);
  auto l = open_sqlite_ledger(path.string());
  if (!l) std::abort();
  return std::move(l).value();
}

void report(benchmark::State& state, const Workload& w) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.truth.claims));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * w.text.size()));
  state.counters["claims"] = static_cast<double>(w.truth.claims);
}

void BM_posting_memory_100k(benchmark::State& state) {
  const auto& w = workload();
  {
    auto ledger = make_memory_ledger();
    check(post_all(w, *ledger), w);
  }
  for (auto _ : state) {
    auto ledger = make_memory_ledger();
    benchmark::DoNotOptimize(post_all(w, *ledger));
  }
  report(state, w);
}
BENCHMARK(BM_posting_memory_100k)->Unit(benchmark::kMillisecond);

void BM_posting_sqlite_100k(benchmark::State& state) {
  const auto& w = workload();
  const auto path = std::filesystem::temp_directory_path() / "x12-posting-bench.sqlite";
  {
    auto ledger = fresh_sqlite(path);
    check(post_all(w, *ledger), w);
    if (ledger->counts().claims != w.truth.claims) std::abort();
  }
  for (auto _ : state) {
    state.PauseTiming();
    auto ledger = fresh_sqlite(path);
    state.ResumeTiming();
    benchmark::DoNotOptimize(post_all(w, *ledger));
  }
  std::filesystem::remove(path);
  report(state, w);
}
BENCHMARK(BM_posting_sqlite_100k)->Unit(benchmark::kMillisecond)->Iterations(3);

// Baseline: reading the same 835 into typed models, no posting.
void BM_posting_read_835_100k(benchmark::State& state) {
  const auto& w = workload();
  for (auto _ : state) benchmark::DoNotOptimize(tx::read_835(w.text).sets.size());
  report(state, w);
}
BENCHMARK(BM_posting_read_835_100k)->Unit(benchmark::kMillisecond);

}  // namespace
