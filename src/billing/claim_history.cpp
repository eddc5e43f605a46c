// What the ledger keeps of a built claim, and an in-memory history for tests
// and one-shot runs. The SQLite history is in claim_ledger.cpp.
#include "x12/billing/claim_history.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "billing/coder.hpp"
#include "billing/json_util.hpp"

namespace x12::billing {

namespace {

// FNV-1a, 64 bits: stable across platforms and runs (std::hash is not).
struct Fnv {
  std::uint64_t h = 14695981039346656037ull;
  Fnv& add(std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0x1f;  // field separator
    h *= 1099511628211ull;
    return *this;
  }
  std::string hex() const { return fmt::format("{:016x}", h); }
};

class MemoryHistory final : public ClaimHistory {
 public:
  std::vector<PriorService> services(std::string_view patient_key, std::string_view rendering_npi, Date date) override {
    std::vector<PriorService> out;
    for (const auto& c : claims_)
      if (c.patient_key == patient_key)
        for (const auto& l : c.lines)
          if (l.family != ServiceFamily::none && l.rendering_npi == rendering_npi && l.date == date)
            out.push_back(
                {l.family, c.patient_control_number, l.encounter_id, detail::format_date(c.submitted), l.minutes});
    return out;
  }
  std::vector<std::string> fingerprints(std::string_view pcn) override {
    std::vector<std::string> out;
    for (const auto& c : claims_)
      if (c.patient_control_number == pcn) out.push_back(c.fingerprint);
    return out;
  }
  void record(std::span<const RecordedClaim> claims) override {
    for (const auto& c : claims) {
      auto f = fingerprints(c.patient_control_number);
      if (std::find(f.begin(), f.end(), c.fingerprint) == f.end()) claims_.push_back(c);
    }
  }
  std::size_t size() override { return claims_.size(); }

 private:
  std::vector<RecordedClaim> claims_;
};

}  // namespace

std::string_view to_string(ServiceFamily f) noexcept {
  switch (f) {
    case ServiceFamily::none: return "";
    case ServiceFamily::evaluation: return "evaluation";
    case ServiceFamily::psychotherapy: return "psychotherapy";
    case ServiceFamily::crisis: return "crisis";
  }
  return "";
}

ServiceFamily family_of(const CodingRules& r, std::string_view code) noexcept {
  if (code == r.evaluation_code || code == r.evaluation_medical_code) return ServiceFamily::evaluation;
  if (code == r.crisis_code) return ServiceFamily::crisis;
  if (detail::is_psychotherapy(r, code) || detail::is_psychotherapy_addon(r, code)) return ServiceFamily::psychotherapy;
  return ServiceFamily::none;
}

std::string patient_key_of(const Person& patient, const Subscriber& subscriber) {
  return Fnv{}
      .add(subscriber.member_id)
      .add(patient.last)
      .add(patient.first)
      .add(patient.birth_date ? detail::format_date(*patient.birth_date) : "")
      .hex();
}

RecordedClaim record_of(const PlannedClaim& c, const CodingRules& rules, Date submitted) {
  RecordedClaim r;
  r.patient_control_number = c.patient_control_number;
  for (const auto& id : c.encounter_ids) r.encounter_ids += (r.encounter_ids.empty() ? "" : " ") + id;
  r.payer = c.payer ? c.payer->key : "";
  r.payer_id = c.payer ? c.payer->payer_id : "";
  r.member_id = c.subscriber.member_id;
  r.patient_key = patient_key_of(c.patient, c.subscriber);
  r.billing_npi = c.billing.npi;
  r.rendering_npi = c.rendering.npi;
  r.charge = c.total();
  r.submitted = submitted;
  r.frequency = c.frequency;
  r.part2 = c.part2;
  r.part2_consent = c.part2_consent;
  Fnv f;
  f.add(r.patient_control_number).add(x12_code(c.frequency)).add(r.payer_id).add(r.member_id).add(r.patient_key);
  f.add(r.billing_npi).add(r.rendering_npi);
  for (const auto& d : c.diagnoses) f.add(d);
  bool first = true;
  for (const auto& l : c.lines) {
    RecordedLine rl;
    rl.encounter_id = l.encounter_id;
    rl.code = l.code;
    for (const auto& m : l.modifiers) rl.modifiers += (rl.modifiers.empty() ? "" : " ") + m;
    rl.units = l.units;
    rl.charge = l.charge;
    rl.date = l.date;
    rl.rendering_npi = l.rendering ? l.rendering->npi : c.rendering.npi;
    rl.family = family_of(rules, l.code);
    rl.minutes = l.minutes;
    f.add(rl.code).add(rl.modifiers).add(std::to_string(rl.units)).add(rl.charge.to_string());
    f.add(detail::format_date(rl.date)).add(rl.rendering_npi);
    if (first || rl.date < r.service_from) r.service_from = rl.date;
    if (first || r.service_to < rl.date) r.service_to = rl.date;
    first = false;
    r.lines.push_back(std::move(rl));
  }
  r.fingerprint = f.hex();
  return r;
}

std::unique_ptr<ClaimHistory> make_memory_claim_history() { return std::make_unique<MemoryHistory>(); }

}  // namespace x12::billing
