// Behavioral-health claims as billed: visit templates (CPT/HCPCS codes, units,
// add-on pairing), diagnoses, telehealth and degree modifiers, charges.
#include <fmt/format.h>
#include <algorithm>
#include <optional>

#include "detail.hpp"

namespace x12::testdata::detail {

namespace {

enum class DxFamily : std::uint8_t { mental, substance };

struct Code {
  std::string_view code;
  std::int64_t fee_cents;  // per unit
  std::uint32_t min_units, max_units;
};

// One visit on one date: a primary code and, for E/M visits, a psychotherapy add-on.
struct Visit {
  Code primary;
  std::optional<Code> add_on;
  DxFamily dx;
  bool per_diem;      // IOP/PHP day: visits on consecutive days
  bool single_visit;  // an evaluation: one date only
};

constexpr Code k99213{"99213", 12000, 1, 1}, k99214{"99214", 17500, 1, 1};
constexpr Code k90833{"90833", 9000, 1, 1}, k90836{"90836", 12000, 1, 1};

const std::array<Visit, 4> kPrescriber{{
    {k99213, k90836, DxFamily::mental, false, false},
    {k99214, k90833, DxFamily::mental, false, false},
    {k99214, k90836, DxFamily::mental, false, false},
    {k99213, std::nullopt, DxFamily::mental, false, false},
}};
const std::array<Visit, 7> kTherapist{{
    {{"90791", 22000, 1, 1}, std::nullopt, DxFamily::mental, false, true},
    {{"90832", 10000, 1, 1}, std::nullopt, DxFamily::mental, false, false},
    {{"90834", 14000, 1, 1}, std::nullopt, DxFamily::mental, false, false},
    {{"90837", 19000, 1, 1}, std::nullopt, DxFamily::mental, false, false},
    {{"90846", 15000, 1, 1}, std::nullopt, DxFamily::mental, false, false},
    {{"90847", 16000, 1, 1}, std::nullopt, DxFamily::mental, false, false},
    {{"90853", 6000, 1, 1}, std::nullopt, DxFamily::mental, false, false},
}};
const std::array<Visit, 3> kProgram{{
    {{"H0015", 18000, 1, 1}, std::nullopt, DxFamily::substance, true, false},
    {{"H0035", 35000, 1, 1}, std::nullopt, DxFamily::mental, true, false},
    {{"H2019", 2500, 2, 8}, std::nullopt, DxFamily::mental, false, false},
}};

constexpr std::array<std::string_view, 16> kMentalDx{"F329",  "F331", "F332", "F411", "F419", "F4310", "F4312", "F4323",
                                                     "F3181", "F603", "F840", "F902", "F410", "F4010", "F422",  "F341"};
constexpr std::array<std::string_view, 6> kSubstanceDx{"F1020", "F1120", "F1220", "F1420", "F1520", "F1010"};

void add_diagnosis(std::vector<std::string>& dx, std::string_view code) {
  if (std::find(dx.begin(), dx.end(), code) == dx.end()) dx.emplace_back(code);
}

Money fee(Rng& rng, const Code& code) {
  // A practice's charge for a code: list fee plus up to $30 in $5 steps,
  // sometimes with cents.
  std::int64_t cents = code.fee_cents + rng.between(0, 6) * 500;
  if (rng.percent(20)) cents += rng.between(1, 99);
  return Money::from_cents(cents);
}

}  // namespace

ClaimPlan plan_claim(Context& c, const Provider& billing, const Payer& payer) {
  Rng& rng = c.rng;
  ClaimPlan claim;
  claim.pcn = fmt::format("PCN{:09}", ++c.claim_serial);

  // Who renders: a group practice names its clinician (2310B); a solo
  // practitioner renders its own claims.
  ProviderKind kind = billing.kind;
  if (billing.organization) {
    claim.rendering = &rng.pick(c.pools.rendering);
    kind = claim.rendering->kind;
  }

  const Visit* visit = nullptr;
  switch (kind) {
    case ProviderKind::prescriber: visit = &rng.pick(kPrescriber); break;
    case ProviderKind::therapist: visit = &rng.pick(kTherapist); break;
    case ProviderKind::program:
      // HCPCS H-codes are Medicaid program codes; other payers get therapy codes.
      visit = payer.medicaid ? &rng.pick(kProgram) : &rng.pick(kTherapist);
      break;
  }

  // Place of service: office, telehealth (home or other), or a CMHC for programs.
  const auto roll = rng.below(100);
  if (visit->per_diem || visit->primary.code.starts_with('H')) claim.pos = roll < 70 ? "53" : "11";
  else claim.pos = roll < 65 ? "11" : roll < 85 ? "10" : roll < 92 ? "02" : "53";
  const bool telehealth_claim = claim.pos == "02" || claim.pos == "10";

  // Diagnoses: a principal from the visit's family, then up to three others.
  const auto& principal = visit->dx == DxFamily::substance ? rng.pick(kSubstanceDx) : rng.pick(kMentalDx);
  add_diagnosis(claim.diagnoses, principal);
  const auto extra_roll = rng.below(100);
  const int extra = extra_roll < 40 ? 0 : extra_roll < 75 ? 1 : extra_roll < 90 ? 2 : 3;
  for (int i = 0; i < extra; ++i)
    add_diagnosis(claim.diagnoses, rng.percent(75) ? rng.pick(kMentalDx) : rng.pick(kSubstanceDx));

  // Charges are fixed per claim (one chargemaster).
  const Money primary_fee = fee(rng, visit->primary);
  const Money add_on_fee = visit->add_on ? fee(rng, *visit->add_on) : Money{};

  // Dates: weekly sessions, or consecutive program days, within 120 days.
  const int visits = visit->single_visit ? 1
                     : visit->per_diem   ? static_cast<int>(rng.between(1, 5))
                                         : static_cast<int>(rng.between(1, 4));
  std::int64_t date = c.today - rng.between(10 + 7 * visits, 120);

  const bool degree_modifier = payer.medicaid && kind != ProviderKind::prescriber;
  const char* degree = visit->primary.code.starts_with('H') && rng.percent(40) ? "HN" : "HO";
  if (visit->per_diem || visit->primary.code.starts_with('H')) claim.auth = fmt::format("PA{}", rng.digits(9));
  else if (rng.percent(20)) claim.auth = fmt::format("{}{}", rng.percent(50) ? "AUTH" : "UM", rng.digits(7));

  for (int v = 0; v < visits; ++v) {
    // A telehealth session inside an office claim carries its own POS.
    const bool telehealth_line = telehealth_claim || (claim.pos == "11" && !visit->per_diem && rng.percent(10));
    auto make_line = [&](const Code& code, Money each) {
      ServiceLine line;
      line.code = code.code;
      int m = 0;
      if (degree_modifier) line.modifiers[m++] = degree;
      if (telehealth_line) line.modifiers[m++] = "95";
      line.units = static_cast<std::uint32_t>(rng.between(code.min_units, code.max_units));
      line.charge = Money::from_cents(each.cents() * line.units);
      line.date = date;
      if (telehealth_line && !telehealth_claim) line.pos = "10";
      // Pointers: the principal first, then some of the others (at most 4).
      std::size_t n = 1;
      for (std::size_t d = 2; d <= claim.diagnoses.size() && n < 4; ++d)
        if (rng.percent(50)) line.pointers[n++] = static_cast<std::uint8_t>(d);
      claim.total += line.charge;
      claim.lines.push_back(std::move(line));
    };
    make_line(visit->primary, primary_fee);
    if (visit->add_on) make_line(*visit->add_on, add_on_fee);
    date += visit->per_diem ? 1 : 7;
  }
  return claim;
}

}  // namespace x12::testdata::detail
