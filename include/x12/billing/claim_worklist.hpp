// The biller's worklist from the claim lifecycle (x12 claims-status): every
// claim's state, and what to do next: rejections to fix (with the reason in
// words), claims with no acknowledgment after N days, claims accepted but
// unpaid after N days (per payer), timely-filing deadlines approaching, and
// the responses that matched no claim.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "x12/billing/claim_tracker.hpp"

namespace x12::billing {

struct WorklistSettings {
  int acknowledgment_days = 2;                                   // submitted, no 999 after this many days
  int payer_acknowledgment_days = 7;                             // acknowledged, no 277CA after this many days
  int unpaid_days = 30;                                          // accepted or pending, no 835 after this many days
  std::map<std::string, int, std::less<>> unpaid_days_by_payer;  // payer id -> days
  int timely_filing_days = 90;                                   // from the first date of service
  std::map<std::string, int, std::less<>> timely_filing_days_by_payer;  // payer id -> days
  int filing_warning_days = 14;                                         // warn this many days before the deadline
  int unpaid_days_for(std::string_view payer_id) const;
  int timely_filing_days_for(std::string_view payer_id) const;
};

enum class WorkKind : std::uint8_t {
  fix_rejection,            // rejected by the clearinghouse or the payer
  no_acknowledgment,        // no 999 after N days
  no_payer_acknowledgment,  // no 277CA after N days
  unpaid,                   // accepted or pending, unpaid after N days: send a 276
  work_denial,              // denied
  review_underpayment,      // partially paid
  watch_reversal,           // payment reversed: expect the corrected payment
  timely_filing,            // the filing deadline is near or past
};
std::string_view to_string(WorkKind k) noexcept;

struct WorkItem {
  WorkKind kind;
  std::string what;              // in words
  std::optional<Date> deadline;  // timely filing
};

struct ClaimLine {
  TrackedClaim claim;
  int days_in_state = 0;  // since the last move (else since submission)
  std::vector<WorkItem> work;
};

struct ClaimsStatus {
  Date as_of;
  std::vector<ClaimLine> claims;  // every claim, ledger order
  std::vector<std::pair<ClaimState, std::size_t>> counts;
  std::vector<UnmatchedResponse> unmatched;
};

ClaimsStatus claims_status(const ClaimTracker& tracker, Date as_of, const WorklistSettings& settings = {});

// The work for one claim (exposed for tests).
std::vector<WorkItem> work_for(const TrackedClaim& c, int days_in_state, Date as_of, const WorklistSettings& s);

std::string to_text(const ClaimsStatus& s);
std::string to_json(const ClaimsStatus& s);
std::string to_csv(const ClaimsStatus& s);

}  // namespace x12::billing
