// The denials worklist: every denied claim or line and every adjustment that
// is neither contractual nor plain cost sharing, sorted into a reason family
// with the next step to take and the appeal deadline.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "x12/billing/posting.hpp"
#include "x12/billing/reason_codes.hpp"

namespace x12::billing {

enum class NextStep : std::uint8_t {
  corrected_claim,      // fix and resubmit (frequency 7)
  appeal_with_records,  // appeal, send documentation
  bill_patient,
  bill_secondary,  // bill the next or the correct payer
  verify_eligibility,
  write_off,
  link_to_original,  // duplicates: nothing to collect, tie to the first claim
  review,            // read the remark codes; no rule applies
};
std::string_view to_string(NextStep s) noexcept;

struct DenialSettings {
  int default_appeal_days = 90;
  std::map<std::string, int, std::less<>> appeal_days;  // payer id (TRN03 / BPR10) -> days
  const ReasonCodeTable* codes = &ReasonCodeTable::builtin();
  int appeal_days_for(std::string_view payer_id) const noexcept;
};

struct Denial {
  std::string payer, payer_id, trace_number;
  std::string patient_control_number, payer_claim_control_number;
  std::string line_control_number;  // empty: claim level
  std::string procedure;            // adjudicated code of the line
  bool full_denial = false;         // the claim or line was paid nothing
  std::string group, reason;        // the CAS group and CARC
  Money amount;
  std::vector<std::string> remarks;
  ReasonFamily family = ReasonFamily::other;
  NextStep next_step = NextStep::review;
  std::string description;              // CARC text from the table
  std::optional<Date> remittance_date;  // BPR16, else DTM*405
  std::optional<Date> appeal_deadline;
};

// The family of a CARC (and its group and remarks: CO-16 with M62 is an
// authorization problem, PR-96 is a patient bill).
ReasonFamily classify(std::string_view group, std::string_view carc, const std::vector<std::string>& remarks,
                      const ReasonCodeTable& codes = ReasonCodeTable::builtin());
NextStep next_step(ReasonFamily family, std::string_view group, std::string_view carc);

// Does this adjustment go on the worklist? Not PR-1/2/3, CO-45, CO-253,
// OA-23 or other plain contractual/cost-sharing amounts.
bool is_worklist_adjustment(std::string_view group, std::string_view carc, const ReasonCodeTable& codes);

std::vector<Denial> worklist(const RemittancePosting& posting, const DenialSettings& settings = {});

}  // namespace x12::billing
