// Typed-model benchmark: tx::read (837P and 835 models, one transaction set
// at a time) over generated files held in memory (X12_BENCH_SCHEMA_MB,
// default 10 MiB, seed 2025). Before timing, each case reads once and checks
// the claim count and total charge (837P) or total paid (835) against the
// generator's ground truth.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>

#include "generated_input.hpp"
#include "x12/testdata/generator.hpp"
#include "x12/tx/read.hpp"

namespace {

using TxInput = x12::bench::GeneratedInput;

const TxInput& tx_input(x12::testdata::Kind kind) { return x12::bench::generated_input(kind); }

struct Sums {
  std::uint64_t claims = 0;
  x12::Money money;
};

Sums read_models(std::string_view text) {
  Sums sums;
  x12::syntax::Reader reader(text);
  x12::tx::SetReader sets(reader);
  x12::tx::AnySet set;
  while (sets.next(set)) {
    if (auto* c = std::get_if<x12::tx::Claim837p>(&set)) {
      for (const auto& bp : c->billing_providers)
        for (const auto& sub : bp.subscribers) {
          for (const auto& cl : sub.claims) ++sums.claims, sums.money += cl.info.total_charge;
          for (const auto& pat : sub.patients)
            for (const auto& cl : pat.claims) ++sums.claims, sums.money += cl.info.total_charge;
        }
    } else if (auto* r = std::get_if<x12::tx::Remittance835>(&set)) {
      for (const auto& hn : r->header_numbers)
        for (const auto& cp : hn.claims) ++sums.claims, sums.money += cp.info.paid;
    }
  }
  return sums;
}

void BM_Tx_ReadModels(benchmark::State& state, x12::testdata::Kind kind) {
  const TxInput& in = tx_input(kind);
  const Sums s = read_models(in.text);
  const x12::Money want = kind == x12::testdata::Kind::claims_837p ? in.truth.total_charge : in.truth.total_paid;
  if (s.claims != in.truth.claims || s.money != want) {
    std::fprintf(stderr, "BM_Tx_ReadModels: wrong answer before timing: %llu claims, %s; ground truth %llu, %s\n",
                 static_cast<unsigned long long>(s.claims), s.money.to_string().c_str(),
                 static_cast<unsigned long long>(in.truth.claims), want.to_string().c_str());
    std::abort();
  }
  for (auto _ : state) benchmark::DoNotOptimize(read_models(in.text).claims);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.text.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.truth.claims));
}

const bool tx_registered = [] {
  const std::string size = "_" + std::to_string(x12::bench::generated_mb()) + "MB";
  benchmark::RegisterBenchmark(("BM_Tx_ReadModels/837p" + size).c_str(), BM_Tx_ReadModels,
                               x12::testdata::Kind::claims_837p)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("BM_Tx_ReadModels/835" + size).c_str(), BM_Tx_ReadModels,
                               x12::testdata::Kind::remittance_835)
      ->Unit(benchmark::kMillisecond);
  return true;
}();

}  // namespace
