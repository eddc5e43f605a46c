// Claim status inquiries (276, 005010X212) for the claims the ledger has
// heard nothing final about: acknowledged, accepted by the payer or pending,
// with no move for N days. One set per payer: HL 20 payer, 21 the practice
// as information receiver, 19 billing provider (NPI), 22 subscriber, 23 the
// patient when a dependent; per claim TRN*1 (the claim's CLM01, which the 277
// echoes as TRN*2), REF*1K when the payer's number is known, REF*EJ, AMT*T3
// and DTP*472. Written through tx::write, envelopes included.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "x12/billing/claim_tracker.hpp"
#include "x12/tx/read.hpp"

namespace x12::billing {

struct StatusRequester {
  std::string name = "PRACTICE";  // 2100B NM103
  std::string etin = "SENDER";    // 2100B NM109 (46: electronic transmitter id)
};

// Claims in acknowledged, accepted_by_payer or pending whose last move is
// older than `older_than_days` on `as_of`.
std::vector<TrackedClaim> claims_needing_status(const ClaimTracker& tracker, Date as_of, int older_than_days);

// The 276 sets, one per payer, in payer order; empty when no claim is given.
std::vector<tx::AnySet> build_276(std::span<const TrackedClaim> claims, const StatusRequester& requester, Date today);

}  // namespace x12::billing
