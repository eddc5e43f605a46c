// One 835 transaction set (005010X221A1): a payer pays one payee for a batch
// of claims. The set's claims are adjudicated first, because BPR02 (the
// first segment after ST) is their net; every balancing equation of the
// guide holds to the cent.
#include <fmt/format.h>

#include "detail.hpp"

namespace x12::testdata::detail {

namespace {

struct Adjustment {
  std::string_view group, reason;
  Money amount;
};

struct PaidLine {
  const ServiceLine* billed = nullptr;
  Money charge, paid, allowed;
  bool show_allowed = false;
  bool show_units = true;
  std::vector<Adjustment> cas;
  std::string_view rarc;
};

struct PaidClaim {
  const ClaimPlan* plan = nullptr;
  std::string_view status;
  Money charge, paid, patient;
  std::string icn;
  Money interest;
  std::vector<PaidLine> lines;
};

struct Batch {
  std::vector<ClaimPlan> plans;
  std::vector<Person> patients;
  std::vector<std::string> members;
  std::vector<PaidClaim> claims;
};

Money percent_of(Money m, std::int64_t pct) { return Money::from_cents(m.cents() * pct / 100); }
Money min(Money a, Money b) { return a < b ? a : b; }

// How the payer treats a claim it pays.
enum class Benefit : std::uint8_t { none, copay, coinsurance, deductible, deductible_met_nothing };

PaidClaim adjudicate(Rng& rng, const ClaimPlan& plan, std::string icn, bool medicaid) {
  PaidClaim claim;
  claim.plan = &plan;
  claim.icn = std::move(icn);
  claim.charge = plan.total;
  const auto roll = rng.below(100);
  const bool denied = roll < 9;
  const bool secondary = !denied && !medicaid && roll < 14;
  claim.status = denied ? "4" : secondary ? "2" : "1";

  Benefit benefit = Benefit::none;
  if (!medicaid && !denied) {
    const auto b = rng.below(100);
    benefit = b < 35   ? Benefit::copay
              : b < 70 ? Benefit::coinsurance
              : b < 85 ? Benefit::deductible
              : b < 93 ? Benefit::deductible_met_nothing
                       : Benefit::none;
  }
  const std::int64_t allowed_pct = rng.between(55, 85);
  Money copay = Money::from_cents(rng.between(2, 8) * 500);
  Money deductible = Money::from_cents(rng.between(25, 150) * 100);

  // Denial reason for the whole claim.
  std::string_view deny_reason = plan.auth.empty() && rng.percent(50) ? "197" : rng.percent(50) ? "16" : "50";

  for (const auto& line : plan.lines) {
    PaidLine p;
    p.billed = &line;
    p.charge = line.charge;
    if (denied) {
      p.cas.push_back({"CO", deny_reason, line.charge});
      if (deny_reason == "16") p.rarc = "N42";
    } else {
      p.allowed = percent_of(line.charge, allowed_pct);
      p.show_allowed = true;
      if (line.charge - p.allowed != Money{}) p.cas.push_back({"CO", "45", line.charge - p.allowed});
      Money left = p.allowed;
      if (secondary) {
        Money prior = percent_of(p.allowed, 70);
        p.cas.push_back({"OA", "23", prior});
        left -= prior;
      }
      auto patient = [&](std::string_view reason, Money amount) {
        amount = min(amount, left);
        if (amount == Money{}) return;
        p.cas.push_back({"PR", reason, amount});
        left -= amount;
        claim.patient += amount;
      };
      switch (benefit) {
        case Benefit::none: break;
        case Benefit::copay:
          patient("3", copay);
          copay = Money{};
          break;
        case Benefit::coinsurance: patient("2", percent_of(p.allowed, 20)); break;
        case Benefit::deductible: {
          Money d = min(deductible, left);
          patient("1", d);
          deductible -= d;
          patient("2", percent_of(left, 20));
          break;
        }
        case Benefit::deductible_met_nothing: patient("1", left); break;
      }
      p.paid = left;
    }
    claim.paid += p.paid;
    claim.lines.push_back(std::move(p));
  }
  return claim;
}

// The same claim with every amount negated: a reversal (CLP02 22).
PaidClaim reverse(const PaidClaim& original) {
  PaidClaim r = original;
  r.status = "22";
  r.charge = -r.charge;
  r.paid = -r.paid;
  r.patient = -r.patient;
  r.interest = Money{};
  for (auto& line : r.lines) {
    line.charge = -line.charge;
    line.paid = -line.paid;
    line.show_allowed = false;
    line.show_units = false;
    for (auto& a : line.cas) a.amount = -a.amount;
  }
  return r;
}

void write_cas(Emitter& o, const std::vector<Adjustment>& cas) {
  // One CAS per group code, at most six triplets each, in first-seen order.
  std::size_t done = 0;
  std::vector<bool> used(cas.size(), false);
  while (done < cas.size()) {
    std::size_t first = 0;
    while (used[first]) ++first;
    const std::string_view group = cas[first].group;
    o.seg("CAS").el(group);
    int triplets = 0;
    for (std::size_t i = first; i < cas.size() && triplets < 6; ++i) {
      if (used[i] || cas[i].group != group) continue;
      o.el(cas[i].reason).el(cas[i].amount).el("");  // quantity empty; trailing ones are dropped
      used[i] = true;
      ++done;
      ++triplets;
    }
    o.end();
  }
}

void write_claim(Emitter& o, const PaidClaim& c, const Person& patient, std::string_view member,
                 std::string_view filing) {
  const ClaimPlan& plan = *c.plan;
  o.seg("CLP")
      .el(plan.pcn)
      .el(c.status)
      .el(c.charge)
      .el(c.paid)
      .el(c.patient)
      .el(filing)
      .el(c.icn)
      .el(plan.pos)
      .el("1")
      .end();
  o.seg("NM1")
      .el("QC")
      .el("1")
      .el(patient.last)
      .el(patient.first)
      .el(patient.middle)
      .empties(2)
      .el("MI")
      .el(member)
      .end();
  if (plan.rendering)
    o.seg("NM1")
        .el("82")
        .el("1")
        .el(plan.rendering->name)
        .el(plan.rendering->first)
        .empties(3)
        .el("XX")
        .el(plan.rendering->npi)
        .end();
  o.seg("DTM").el("232").el(format_date(plan.lines.front().date)).end();
  o.seg("DTM").el("233").el(format_date(plan.lines.back().date)).end();
  if (c.interest != Money{}) o.seg("AMT").el("I").el(c.interest).end();
  std::uint32_t lx = 0;
  for (const auto& line : c.lines) {
    ++lx;
    const ServiceLine& billed = *line.billed;
    o.seg("SVC").el("HC").comp(billed.code);
    for (const auto& m : billed.modifiers)
      if (!m.empty()) o.comp(m);
    o.el(line.charge).el(line.paid).el("");
    if (line.show_units) o.num(billed.units);
    o.end();
    o.seg("DTM").el("472").el(format_date(billed.date)).end();
    write_cas(o, line.cas);
    o.seg("REF").el("6R").el(fmt::format("{}-{}", plan.pcn, lx)).end();
    if (line.show_allowed) o.seg("AMT").el("B6").el(line.allowed).end();
    if (!line.rarc.empty()) o.seg("LQ").el("HE").el(line.rarc).end();
  }
}

struct Plb {
  std::string reason;  // "L6" or "WO:reference"
  Money amount;
};

}  // namespace

void write_835_set(Context& c, std::string_view control) {
  Emitter& o = c.out;
  Rng& rng = c.rng;
  const Payer& payer = rng.pick(c.pools.payers);
  const Provider& payee = rng.pick(c.pools.billing);
  const std::int64_t year = 365;

  // Adjudicate the set's claims first, sizing them with a dry run.
  Batch b;
  const std::size_t max = c.options.max_claims_per_set;
  b.plans.reserve(max);  // claims point into plans: no reallocation
  b.patients.reserve(max);
  b.members.reserve(max);
  b.claims.reserve(max);
  Emitter dry(nullptr, c.delimiters);
  auto add = [&](PaidClaim claim, std::size_t plan_index) {
    claim.plan = &b.plans[plan_index];
    for (std::size_t i = 0; i < claim.lines.size(); ++i) claim.lines[i].billed = &b.plans[plan_index].lines[i];
    write_claim(dry, claim, b.patients[plan_index], b.members[plan_index], payer.filing_835);
    b.claims.push_back(std::move(claim));
    c.budget.took();
  };
  std::vector<std::size_t> plan_of;  // claim -> plan
  while (b.claims.size() < max && c.budget.more(o.bytes() + dry.bytes())) {
    b.plans.push_back(plan_claim(c, payee, payer));
    b.patients.push_back(make_person(rng, c.today - 80 * year, c.today - 4 * year));
    b.members.push_back(fmt::format("{}{}", payer.medicaid ? "M" : "W", rng.digits(9)));
    const std::size_t pi = b.plans.size() - 1;
    const bool reversal = b.claims.size() + 2 <= max && c.budget.left() >= 2 && rng.percent(5);
    PaidClaim first =
        adjudicate(rng, b.plans[pi], fmt::format("{}{:010}", payer.id.substr(0, 2), ++c.icn_serial), payer.medicaid);
    if (reversal && first.status != "4") {
      // An earlier payment taken back, then the claim paid again.
      add(reverse(first), pi);
      plan_of.push_back(pi);
      add(adjudicate(rng, b.plans[pi], fmt::format("{}{:010}", payer.id.substr(0, 2), ++c.icn_serial), payer.medicaid),
          pi);
    } else {
      if (first.paid > Money{} && rng.percent(3)) first.interest = Money::from_cents(rng.between(1, 500));
      add(std::move(first), pi);
    }
    plan_of.push_back(pi);
  }

  // Provider-level adjustments: interest paid, sometimes a recoupment, and a
  // forwarded balance when the net would be negative (BPR02 >= 0).
  Money paid, plb_total, interest;
  for (const auto& claim : b.claims) {
    paid += claim.paid;
    interest += claim.interest;
  }
  std::vector<Plb> plb;
  if (interest != Money{}) plb.push_back({"L6", -interest});
  if (rng.percent(5) && paid > Money::from_cents(10000)) {
    plb.push_back({fmt::format("WO:{}{:010}", payer.id.substr(0, 2), rng.between(1, 999999)),
                   Money::from_cents(rng.between(20, 100) * 100)});
  }
  for (const auto& p : plb) plb_total += p.amount;
  const std::string trace = rng.digits(rng.percent(50) ? 10 : 15);
  if (paid - plb_total < Money{}) {
    Money forward = paid - plb_total;  // negative: carried to a later remittance
    plb.push_back({fmt::format("FB:{}", trace), forward});
    plb_total += forward;
  }
  const Money net = paid - plb_total;
  const std::string payer_tin = "1" + payer.tax_id;

  const std::uint64_t first_segment = o.segments();
  o.seg("ST").el("835").el(control).end();
  const std::string pay_date = format_date(c.today + 2);
  if (net == Money{}) {
    o.seg("BPR").el("H").el(net).el("C").el("NON").empties(11).el(pay_date).end();
  } else if (rng.percent(70)) {
    o.seg("BPR").el(rng.percent(90) ? "C" : "I").el(net).el("C").el("ACH").el("CCP").el("01").el(aba_routing(rng));
    o.el("DA")
        .el(rng.digits(10))
        .el(payer_tin)
        .el("")
        .el("01")
        .el(aba_routing(rng))
        .el("DA")
        .el(rng.digits(9))
        .el(pay_date)
        .end();
  } else {
    o.seg("BPR").el("C").el(net).el("C").el("CHK").empties(11).el(pay_date).end();
  }
  o.seg("TRN").el("1").el(trace).el(payer_tin).end();
  o.seg("DTM").el("405").el(format_date(c.today)).end();
  o.seg("N1").el("PR").el(payer.name).end();
  o.seg("N3").el(payer.address.street).end();
  o.seg("N4").el(payer.address.city).el(payer.address.state).el(payer.address.zip).end();
  o.seg("PER").el("BL").el("EDI SUPPORT").el("TE").el("8005551212").end();
  const std::string payee_name = payee.organization ? payee.name : payee.first + " " + payee.name;
  o.seg("N1").el("PE").el(payee_name).el("XX").el(payee.npi).end();
  o.seg("REF").el("TJ").el(payee.ein).end();
  o.seg("LX").el("1").end();
  for (std::size_t i = 0; i < b.claims.size(); ++i) {
    const PaidClaim& claim = b.claims[i];
    const std::size_t pi = plan_of[i];
    write_claim(o, claim, b.patients[pi], b.members[pi], payer.filing_835);
    ++c.truth.claims;
    c.truth.service_lines += claim.lines.size();
    c.truth.total_charge += claim.charge;
    c.truth.total_paid += claim.paid;
    c.truth.total_patient_responsibility += claim.patient;
  }
  if (!plb.empty()) {
    o.seg("PLB").el(payee.npi).el(fmt::format("{}1231", format_date(c.today).substr(0, 4)));
    for (const auto& p : plb) {
      const auto colon = p.reason.find(':');
      o.el(std::string_view(p.reason).substr(0, colon));
      if (colon != std::string::npos) o.comp(std::string_view(p.reason).substr(colon + 1));
      o.el(p.amount);
    }
    o.end();
  }
  c.truth.total_plb += plb_total;
  c.truth.total_bpr02 += net;
  o.seg("SE").num(o.segments() - first_segment + 1).el(control).end();
}

}  // namespace x12::testdata::detail
