// The 277CA claim acknowledgment (005010X214) answering an 837P: one status
// per claim. A 999 accepts or rejects a transaction set; the 277CA accepts or
// rejects each claim inside a set that was not rejected for what lies
// outside its claims.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "x12/ack/ack.hpp"
#include "x12/ack/route.hpp"
#include "x12/schema/validator.hpp"

namespace x12::ack {

// What the 277CA says about one claim's findings (STC01 and STC03).
struct ClaimStatus {
  std::string_view category;  // STC01-01: A2 accepted, A3 returned as unprocessable, A7 rejected (invalid)
  std::string_view code;      // STC01-02: 20 accepted, 21 missing or invalid information, 400 out of balance, ...
  std::string_view entity;    // STC01-03, where the status code names an entity (85, 82, QC, ...); may be empty
};

// The status a claim-level finding gives its claim: balancing A7:400;
// principal / other diagnosis A7:254 / A7:255; dates of service A7:187; a
// provider's NPI A7:562 with the provider's entity code (82 rendering, DN
// referring, 77 service location, DQ supervising, DK ordering); other invalid
// values A7:21; missing segments or elements A3:21. docs/acknowledgments.md
// has the table.
ClaimStatus claim_status(const Finding& finding);

// True for a finding that belongs to a claim: one made in a 2300 or 2400
// loop (or a loop under them), the claim-level situational rules and the
// balancing of a claim included.
bool claim_level(const Finding& finding);

// One claim as the 277CA answers it.
struct ClaimAck {
  std::string control;                   // CLM01
  std::string charge;                    // CLM02 as sent
  std::uint32_t first = 0, last = 0;     // set positions (ST = 1) of the claim's segments
  std::string service_from, service_to;  // CCYYMMDD, from the claim's and its lines' DTP*472
  std::vector<ClaimStatus> reasons;      // empty: accepted (at most three are written)
  bool accepted() const noexcept { return reasons.empty(); }
};

struct ClaimAckSummary {
  std::uint64_t sets = 0;          // 277CA transaction sets written (one per 837P set answered)
  std::uint64_t sets_skipped = 0;  // 837P sets left out: rejected for findings outside their claims
  std::uint64_t accepted = 0, rejected = 0;
  std::vector<ClaimAck> claims;  // every claim answered, in input order
};

// The 277CA for every 837P transaction set of `input` that `report` (the
// validation of that same input) did not reject for findings outside its
// claims: one response interchange per input interchange (the envelope from
// respond_to, GS01 HN, GS08 005010X214), one 277 set per 837P set. The
// 2200B STC*A1:20 carries the accepted and rejected counts and amounts
// (QTY*90/QTY*AA, AMT*YU/AMT*YY); each billing provider a 2000C with its own;
// each claim a 2000D with TRN*2*CLM01, STC A2:20 WQ when it has no
// claim-level error, else the status of its first errors (claim_status) with
// action U, and its DTP*472. Warnings do not reject a claim. `summary`, when
// given, says what was answered.
std::string make_277ca(std::string_view input, const schema::Report& report, const AckOptions& base,
                       const RouteOptions& route, ControlNumbers& next, ClaimAckSummary* summary = nullptr);

// What the 999 answers when claim-level rejections go in the 277CA (a
// gateway that sends both): `report` with every set make_277ca answers
// (the same input and report) stripped of the errors that reject one of its
// claims, its error count and status following. Such a set is accepted by
// the 999 unless something outside its claims is wrong, while the 277CA
// rejects those claims; a set the 277CA does not answer (an error outside
// its claims, not an 837P) keeps every finding, so each error is in exactly
// one of the two. Warnings stay (the 277CA has no "accepted with errors").
// Report::diagnostics, the run's findings stream, is left as it was.
// make_acks does this with AckOptions::claims_in_277ca.
schema::Report leave_claims_to_277ca(std::string_view input, const schema::Report& report);

}  // namespace x12::ack
