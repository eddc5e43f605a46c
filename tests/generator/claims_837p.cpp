// One 837P transaction set (005010X222A1): header, 1000A/B, then billing
// provider, subscriber and patient HL loops with their claims.
#include <fmt/format.h>

#include "detail.hpp"

namespace x12::testdata::detail {

namespace {

constexpr std::string_view kGuide = "005010X222A1";

void write_n3_n4(Emitter& o, const Address& a) {
  o.seg("N3").el(a.street).end();
  o.seg("N4").el(a.city).el(a.state).el(a.zip).end();
}

// NM1 for a person or an organization, with an optional id.
void write_nm1(Emitter& o, std::string_view entity, const Person& p, std::string_view qualifier, std::string_view id) {
  o.seg("NM1").el(entity).el("1").el(p.last).el(p.first).el(p.middle).empties(2).el(qualifier).el(id).end();
}

void write_provider_nm1(Emitter& o, std::string_view entity, const Provider& p) {
  o.seg("NM1").el(entity).el(p.organization ? "2" : "1").el(p.name).el(p.first).empties(3).el("XX").el(p.npi).end();
}

void write_claim(Context& c, const ClaimPlan& claim) {
  Emitter& o = c.out;
  o.seg("CLM").el(claim.pcn).el(claim.total).empties(2);
  o.el(claim.pos).comp("B").comp("1");
  o.el("Y").el("A").el("Y").el("Y").end();
  if (!claim.auth.empty()) o.seg("REF").el("G1").el(claim.auth).end();
  o.seg("HI");
  for (std::size_t i = 0; i < claim.diagnoses.size(); ++i) o.el(i == 0 ? "ABK" : "ABF").comp(claim.diagnoses[i]);
  o.end();
  if (claim.rendering) {
    write_provider_nm1(o, "82", *claim.rendering);
    if (c.rng.percent(60)) o.seg("PRV").el("PE").el("PXC").el(claim.rendering->taxonomy).end();
  }
  std::uint32_t lx = 0;
  for (const auto& line : claim.lines) {
    ++lx;
    o.seg("LX").num(lx).end();
    o.seg("SV1").el("HC").comp(line.code);
    for (const auto& m : line.modifiers)
      if (!m.empty()) o.comp(m);
    o.el(line.charge).el("UN").num(line.units).el(line.pos).empties(1).num(line.pointers[0]);
    for (std::size_t i = 1; i < 4 && line.pointers[i] != 0; ++i) o.comp(std::to_string(line.pointers[i]));
    o.end();
    o.seg("DTP").el("472").el("D8").el(format_date(line.date)).end();
    o.seg("REF").el("6R").el(fmt::format("{}-{}", claim.pcn, lx)).end();
    ++c.truth.service_lines;
  }
  ++c.truth.claims;
  c.truth.total_charge += claim.total;
}

}  // namespace

void write_837p_set(Context& c, std::string_view control) {
  Emitter& o = c.out;
  Rng& rng = c.rng;
  const std::uint64_t first_segment = o.segments();
  o.seg("ST").el("837").el(control).el(kGuide).end();
  o.seg("BHT")
      .el("0019")
      .el("00")
      .el(fmt::format("B{}{}", format_date(c.today), control))
      .el(format_date(c.today))
      .el(c.time)
      .el("CH")
      .end();
  o.seg("NM1").el("41").el("2").el("SUNRISE BILLING SERVICE").empties(4).el("46").el("SUB12345").end();
  o.seg("PER").el("IC").el("BILLING OFFICE").el("TE").el("5555551234").end();
  o.seg("NM1").el("40").el("2").el("ACME CLEARINGHOUSE").empties(4).el("46").el("ACMECLEARING").end();

  std::uint64_t hl = 0, set_claims = 0;
  auto room = [&] { return set_claims < c.options.max_claims_per_set && c.budget.more(o.bytes()); };
  // Every set carries at least one billing provider, subscriber and claim,
  // even when the size budget ran out before it began: the guide requires
  // them, and an empty set would not validate.
  for (bool first = true; first || room(); first = false) {
    // 2000A billing provider.
    const Provider& billing = rng.pick(c.pools.billing);
    const std::uint64_t billing_hl = ++hl;
    o.seg("HL").num(billing_hl).el("").el("20").el("1").end();
    if (rng.percent(50)) o.seg("PRV").el("BI").el("PXC").el(billing.taxonomy).end();
    write_provider_nm1(o, "85", billing);
    write_n3_n4(o, billing.address);
    o.seg("REF").el("EI").el(billing.ein).end();

    const auto subscribers = rng.between(1, 40);
    for (std::int64_t s = 0; s < subscribers && (s == 0 || room()); ++s) {
      // 2000B subscriber; a 2000C patient follows when the patient is a dependant.
      const Payer& payer = rng.pick(c.pools.payers);
      const bool dependant = rng.percent(25);
      const std::int64_t year = 365;
      Person subscriber = make_person(rng, c.today - 80 * year, c.today - 22 * year);
      const std::uint64_t subscriber_hl = ++hl;
      o.seg("HL").num(subscriber_hl).num(billing_hl).el("22").el(dependant ? "1" : "0").end();
      o.seg("SBR")
          .el("P")
          .el(dependant ? "" : "18")
          .el(fmt::format("GRP{}", rng.digits(6)))
          .empties(5)
          .el(payer.filing_837)
          .end();
      const std::string member = fmt::format("{}{}", payer.medicaid ? "M" : "W", rng.digits(9));
      write_nm1(o, "IL", subscriber, "MI", member);
      write_n3_n4(o, subscriber.address);
      if (!dependant) o.seg("DMG").el("D8").el(format_date(subscriber.birth)).el(std::string(1, subscriber.sex)).end();
      o.seg("NM1").el("PR").el("2").el(payer.name).empties(4).el("PI").el(payer.id).end();
      if (dependant) {
        const bool child = rng.percent(70);
        Person patient = child ? make_person(rng, c.today - 17 * year, c.today - 4 * year)
                               : make_person(rng, c.today - 75 * year, c.today - 20 * year);
        patient.last = subscriber.last;
        patient.address = subscriber.address;
        o.seg("HL").num(++hl).num(subscriber_hl).el("23").el("0").end();
        o.seg("PAT").el(child ? "19" : "01").end();
        write_nm1(o, "QC", patient, "", "");
        write_n3_n4(o, patient.address);
        o.seg("DMG").el("D8").el(format_date(patient.birth)).el(std::string(1, patient.sex)).end();
      }
      // At least one claim per subscriber, even past the size budget: a
      // subscriber (or patient) level without a claim breaks the guide.
      const auto claims = rng.between(1, 3);
      for (std::int64_t k = 0; k < claims && (k == 0 || room()); ++k) {
        write_claim(c, plan_claim(c, billing, payer));
        ++set_claims;
        c.budget.took();
      }
    }
  }
  o.seg("SE").num(o.segments() - first_segment + 1).el(control).end();
}

}  // namespace x12::testdata::detail
