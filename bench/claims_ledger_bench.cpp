// Claims against the ledger (issue 17): 100,000 encounters built into claims
// against a ledger (SQLite, `x12 claims --db`) that already holds 1,000,000
// earlier claims of the same patients, then the new claims recorded. Target:
// under 10 s on one core for the whole `x12 claims` run (docs/performance.md).
//
// The ledger is built once per process, on first use, in a temporary file.
// Each iteration bills 5 dates not billed before (so the ledger grows by
// 100,000 claims per iteration and every look-up goes through the index) and
// checks its answer before it counts: every encounter billed, none held,
// every claim recorded.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "bench_practice.hpp"
#include "x12/billing/builder.hpp"

namespace {

using namespace x12::billing;

constexpr std::size_t ledger_claims = 1'000'000;
constexpr std::size_t run_encounters = 100'000;
constexpr std::size_t patients = 20'000;

Provider clinician() { return Provider{"1245319599", "1041C0700X", "LCSW", "SMITH", "ALEX", false}; }

Practice bench_practice() {
  Practice p = x12::bench::bench_practice_base();
  p.fees["90837"] = x12::Money::from_cents(20000);
  PayerConfig c;
  c.key = "bcbs";
  c.name = "BCBS";
  c.payer_id = "BCBSIL";
  p.payers = {c};
  return p;
}

// Patient p's psychotherapy encounter on `date`: 20,000 patients, one
// encounter per patient and date.
Encounter visit(std::size_t i, std::size_t patient, Date date, const std::string& prefix) {
  Encounter e;
  e.id = prefix + std::to_string(i);
  e.patient_control_number = e.id;
  e.patient = {"PATIENT", "P" + std::to_string(patient),
               "",        Date(1980, 1, 1),
               'F',       {"1 ELM ST", "", "SPRINGFIELD", "IL", "62702"}};
  static_cast<Person&>(e.subscriber) = e.patient;
  e.subscriber.member_id = "M" + std::to_string(patient);
  e.payer = "bcbs";
  e.rendering = clinician();
  e.date_of_service = date;
  e.diagnoses = {"F33.1"};
  Service s;
  s.type = ServiceType::psychotherapy;
  s.minutes = 53;
  e.services = {s};
  return e;
}

// `count` encounters over count / 20,000 consecutive dates from `first`.
std::vector<Encounter> encounters(std::size_t count, Date first, const std::string& prefix) {
  std::vector<Encounter> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    out.push_back(visit(i, i % patients, first + boost::gregorian::days(static_cast<long>(i / patients)), prefix));
  return out;
}

struct Ledger1M {
  Practice practice = bench_practice();
  std::filesystem::path path;
  std::unique_ptr<ClaimHistory> history;
  int runs = 0;  // iterations so far: each bills the next 5 dates
  Ledger1M() {
    path = std::filesystem::temp_directory_path() / ("x12-bench-ledger-" + std::to_string(::getpid()) + ".sqlite");
    std::filesystem::remove(path);
    auto h = open_claim_history(path.string());
    if (!h) throw std::runtime_error(h.error().message);
    history = std::move(h).value();
    // 1,000,000 claims of the same patients over the 50 dates before 2025.
    Builder b(practice);
    for (std::size_t done = 0; done < ledger_claims; done += 100'000) {
      auto batch = encounters(100'000, Date(2024, 1, 1) + boost::gregorian::days(static_cast<long>(done / patients)),
                              "L" + std::to_string(done / 100'000) + "-");
      BuildOptions o;
      auto r = b.build(batch, o);
      if (r.claims.size() != batch.size()) throw std::runtime_error("ledger batch: not every claim built");
      record_claims(*history, r.claims, CodingRules::builtin(), Date(2024, 6, 1));
    }
    if (history->size() != ledger_claims) throw std::runtime_error("ledger: wrong number of claims");
  }
  ~Ledger1M() {
    history.reset();
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix, ec);
  }
};

Ledger1M& ledger() {
  static Ledger1M l;
  return l;
}

void BM_billing_claims_against_ledger(benchmark::State& state) {
  Ledger1M& l = ledger();
  for (auto _ : state) {
    state.PauseTiming();
    Date first = Date(2025, 3, 3) + boost::gregorian::days(5L * l.runs);
    auto batch = encounters(run_encounters, first, "R" + std::to_string(l.runs) + "-");
    std::size_t before = l.history->size();
    state.ResumeTiming();
    Builder b(l.practice);
    BuildOptions o;
    o.as_of = first + boost::gregorian::days(10);
    o.history = l.history.get();
    auto r = b.build(batch, o);
    record_claims(*l.history, r.claims, CodingRules::builtin(), *o.as_of);
    state.PauseTiming();
    ++l.runs;
    if (!r.holds.empty() || r.claims.size() != run_encounters || l.history->size() != before + run_encounters)
      state.SkipWithError("wrong answer: not every encounter billed and recorded once");
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * run_encounters));
  state.counters["ledger_claims"] = static_cast<double>(l.history->size());
}
BENCHMARK(BM_billing_claims_against_ledger)
    ->Name("billing/claims_against_ledger_1M/100000")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

}  // namespace
