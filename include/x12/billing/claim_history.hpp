// Claims written earlier, remembered so a run can check for duplicates and a
// re-run writes nothing twice. `x12 claims --db LEDGER.sqlite` keeps them in
// the ledger `x12 post` uses (tables built_claims and built_claim_lines).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "x12/billing/claim_plan.hpp"
#include "x12/billing/coding_rules.hpp"
#include "x12/billing/ledger.hpp"
#include "x12/error.hpp"

namespace x12::billing {

// The services that may be billed once per patient, provider and date.
enum class ServiceFamily : std::uint8_t { none, evaluation, psychotherapy, crisis };
std::string_view to_string(ServiceFamily f) noexcept;  // "", "evaluation", "psychotherapy", "crisis"
ServiceFamily family_of(const CodingRules& rules, std::string_view code) noexcept;

struct RecordedLine {
  std::string encounter_id, code, modifiers;  // modifiers space-separated
  int units = 1;
  Money charge;
  Date date;
  std::string rendering_npi;
  ServiceFamily family = ServiceFamily::none;
  int minutes = 0;
};

struct RecordedClaim {
  std::string patient_control_number;  // CLM01
  std::string fingerprint;             // hash of what was billed: the same claim built again has the same one
  std::string encounter_ids;           // space-separated
  std::string payer, payer_id, member_id;
  std::string patient_key;  // hash of member id, name and birth date (no patient data in clear)
  std::string billing_npi, rendering_npi;
  Date service_from, service_to;
  Money charge;
  Date submitted;
  Frequency frequency = Frequency::original;
  bool part2 = false;
  std::string part2_consent;
  std::vector<RecordedLine> lines;
};

// An earlier claim's service of one family for a patient, provider and date.
struct PriorService {
  ServiceFamily family = ServiceFamily::none;
  std::string patient_control_number, encounter_id, submitted;
  int minutes = 0;
};

// One patient (patient_key_of), rendering provider and date of service.
struct ServiceDay {
  std::string patient_key, rendering_npi;
  Date date;
};

class ClaimHistory {
 public:
  virtual ~ClaimHistory() = default;
  // A hint before a run: the days and CLM01s services() and fingerprints()
  // are about to be asked for, so a store can look them all up in one pass
  // (the SQLite ledger does) instead of one query each. Answers stay the
  // same; record() forgets what was looked up.
  virtual void prefetch(std::span<const ServiceDay> days, std::span<const std::string> patient_control_numbers) {
    (void)days;
    (void)patient_control_numbers;
  }
  // Services of a family (evaluation, psychotherapy, crisis) on earlier claims.
  virtual std::vector<PriorService> services(std::string_view patient_key, std::string_view rendering_npi,
                                             Date date) = 0;
  // Fingerprints of the claims recorded under this CLM01.
  virtual std::vector<std::string> fingerprints(std::string_view patient_control_number) = 0;
  // Records claims in one transaction (all or nothing); a claim already there
  // (same CLM01 and fingerprint) is skipped. Throws std::runtime_error on a
  // storage failure, after rolling back.
  virtual void record(std::span<const RecordedClaim> claims) = 0;
  virtual std::size_t size() = 0;
};

std::unique_ptr<ClaimHistory> make_memory_claim_history();
// The ledger file `x12 post` uses (created when missing unless
// options.create is false; options.busy_timeout is how long to wait for
// another writer).
result<std::unique_ptr<ClaimHistory>> open_claim_history(const std::string& path, const LedgerOptions& options = {});

// Hash of the patient's member id, name and birth date, as stored.
std::string patient_key_of(const Person& patient, const Subscriber& subscriber);
// What the ledger keeps of a claim written on `submitted`.
RecordedClaim record_of(const PlannedClaim& claim, const CodingRules& rules, Date submitted);

}  // namespace x12::billing
