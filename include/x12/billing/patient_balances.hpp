// Patient responsibility from the ledger (x12 balances): per patient, what
// the payers assigned to the patient (PR adjustments: deductible,
// co-insurance, co-payment, other) by claim and remittance date, reversals
// netted, as the basis for patient statements. Patients are named from the
// claims the ledger follows (x12 track); a claim it does not follow is shown
// under its member id, else its patient control number.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "x12/billing/ledger.hpp"

namespace x12::billing {

struct PatientCharge {
  std::string patient_control_number, payer_id, payer, trace_number;
  std::optional<Date> date;                            // the remittance's payment date (else production date)
  Money deductible, coinsurance, copay, other, total;  // PR-1, PR-2, PR-3, other PR, all PR
};

struct PatientBalance {
  std::string last, first, member_id;
  std::optional<Date> birth_date;
  std::vector<PatientCharge> charges;  // by date, then claim
  Money deductible, coinsurance, copay, other, total;
};

// Every patient with patient responsibility posted. `ledger` must be a
// SQLite ledger (throws usage_error otherwise).
std::vector<PatientBalance> patient_balances(Ledger& ledger);

std::string to_text(const std::vector<PatientBalance>& b);
std::string to_json(const std::vector<PatientBalance>& b);
std::string to_csv(const std::vector<PatientBalance>& b);

}  // namespace x12::billing
