// Billing benchmarks: 100,000 seeded encounters (psychotherapy, E/M with
// add-ons, crisis, IOP per diem with an authorization, telehealth) built into
// claims, and the claims written as 837P. The run checks its answer before
// timing: every encounter becomes a claim (no holds), with the expected line
// count and total charge. Target: build < 2 s on one core (docs/encounters.md).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <random>

#include "bench_practice.hpp"
#include "x12/billing/builder.hpp"
#include "x12/billing/claim_output.hpp"

namespace {

using namespace x12::billing;

constexpr std::size_t encounter_count = 100'000;

Practice practice() {
  Practice p = x12::bench::bench_practice_base();
  for (const char* c :
       {"90832", "90834", "90837", "90833", "90836", "90838", "90839", "90840", "99213", "99214", "H0015"})
    p.fees[c] = x12::Money::from_cents(10000);
  PayerConfig a;
  a.key = "commercial";
  a.name = "COMMERCIAL";
  a.payer_id = "C1";
  a.authorization_required = {"H0015"};
  PayerConfig m = a;
  m.key = "medicaid";
  m.name = "MEDICAID";
  m.payer_id = "M1";
  m.credential_modifiers = {{"LCSW", "HO"}};
  m.authorization_level = AuthorizationLevel::line;
  p.payers = {a, m};
  return p;
}

struct Workload {
  Practice practice = ::practice();
  std::vector<Encounter> encounters;
  std::vector<Authorization> auths;
  std::size_t lines = 0;
  x12::Money total;
};

// Deterministic: seed 42. Patients are distinct per encounter so no same-day
// rule fires; each IOP encounter has its own authorization.
const Workload& workload() {
  static const Workload w = [] {
    Workload w;
    std::mt19937 rng(42);
    const char* dx[] = {"F33.1", "F41.1", "F43.10", "F90.2", "F10.20", "F32.A"};
    Provider lcsw{"1245319599", "1041C0700X", "LCSW", "SMITH", "ALEX", false};
    Provider md{"1555012347", "2084P0800X", "MD", "RAO", "PRIYA", false};
    w.encounters.reserve(encounter_count);
    for (std::size_t i = 0; i < encounter_count; ++i) {
      Encounter e;
      e.id = "B" + std::to_string(i);
      e.patient_control_number = e.id;
      e.patient = {"PATIENT", "P" + std::to_string(i),
                   "",        Date(1980, 1, 1),
                   'F',       {"1 ELM ST", "", "SPRINGFIELD", "IL", "62702"}};
      static_cast<Person&>(e.subscriber) = e.patient;
      e.subscriber.member_id = "M" + std::to_string(i);
      e.payer = i % 3 == 0 ? "medicaid" : "commercial";
      e.rendering = lcsw;
      e.date_of_service = Date(2025, 3, 3) + boost::gregorian::days(static_cast<long>(i % 5));
      e.diagnoses = {dx[rng() % 6], dx[rng() % 6]};
      Service s;
      int kind = static_cast<int>(rng() % 10);
      int minutes = 16 + static_cast<int>(rng() % 60);
      if (kind < 5) {
        s.type = ServiceType::psychotherapy;
        s.minutes = minutes;
        if (kind == 0) {
          e.modality = Modality::telehealth_video;
          e.patient_at_home = true;
        }
      } else if (kind < 7) {
        e.rendering = md;
        s.type = ServiceType::em_with_psychotherapy;
        s.code = kind == 5 ? "99213" : "99214";
        s.minutes = minutes;
      } else if (kind < 8) {
        s.type = ServiceType::crisis;
        s.minutes = 30 + static_cast<int>(rng() % 110);
      } else {
        s.type = ServiceType::hcpcs;
        s.code = "H0015";
        e.diagnoses[0] = "F10.20";  // a substance-use IOP: medical necessity wants F10-F19 (issue 17)
        e.place_of_service = "57";
        Authorization a;
        a.number = "IOP" + std::to_string(i);
        a.payer = e.payer;
        a.member_id = e.subscriber.member_id;
        a.level_of_care = "iop";
        a.start = Date(2025, 3, 1);
        a.end = Date(2025, 3, 31);
        a.authorized = 10;
        w.auths.push_back(a);
      }
      e.services.push_back(std::move(s));
      w.encounters.push_back(std::move(e));
    }
    return w;
  }();
  return w;
}

void check(const BuildResult& r) {
  if (!r.holds.empty() || r.claims.size() != encounter_count) {
    std::fprintf(stderr, "billing bench: %zu claims, %zu holds (expected %zu claims, no holds)\n", r.claims.size(),
                 r.holds.size(), encounter_count);
    std::abort();
  }
  std::size_t lines = 0;
  x12::Money total;
  for (const auto& c : r.claims) {
    lines += c.lines.size();
    for (const auto& l : c.lines) total += l.charge;
  }
  if (lines != r.lines() || total != r.total() || lines < encounter_count) {
    std::fprintf(stderr, "billing bench: line or charge totals disagree\n");
    std::abort();
  }
}

void BM_billing_build_100k(benchmark::State& state) {
  const Workload& w = workload();
  {
    AuthorizationTracker t(w.auths);
    Builder b(w.practice);
    b.set_authorizations(&t);
    check(b.build(w.encounters));
  }
  for (auto _ : state) {
    state.PauseTiming();
    AuthorizationTracker t(w.auths);
    state.ResumeTiming();
    Builder b(w.practice);
    b.set_authorizations(&t);
    auto r = b.build(w.encounters);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * encounter_count));
}
BENCHMARK(BM_billing_build_100k)->Unit(benchmark::kMillisecond);

void BM_billing_write_837p_100k(benchmark::State& state) {
  const Workload& w = workload();
  AuthorizationTracker t(w.auths);
  Builder b(w.practice);
  b.set_authorizations(&t);
  BuildResult r = b.build(w.encounters);
  check(r);
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string out;
    x12::syntax::Writer writer(out, x12::syntax::Delimiters{});
    ControlCounter counter;
    OutputOptions o;
    o.created = boost::posix_time::ptime(Date(2025, 3, 8));
    write_837p(r.claims, w.practice, counter, writer, o);
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * encounter_count));
}
BENCHMARK(BM_billing_write_837p_100k)->Unit(benchmark::kMillisecond);

}  // namespace
