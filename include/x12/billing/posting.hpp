// Posting records: what one 835 does to the practice's books. One
// RemittancePosting per 835 (ST..SE), one ClaimPosting per CLP, one
// LinePosting per SVC, one ProviderAdjustmentPosting per PLB reason/amount
// pair. Signs are the 835's: a reversal is negative, a positive PLB amount
// reduces the payment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/money.hpp"
#include "x12/tx/common.hpp"

namespace x12::billing {

using Date = boost::gregorian::date;

enum class MatchMethod : std::uint8_t {
  none,                        // no submitted claim found: an unmatched payment
  patient_control_number,      // CLP01 = CLM01
  payer_claim_control_number,  // CLP07 = a control number seen before
};
enum class LineMatch : std::uint8_t {
  none,
  control_number,  // REF*6R = 2400 REF*6R
  procedure,       // procedure + modifiers + date + charge
  original_code,   // SVC06 (the payer changed the code)
};
// The contract of `x12 post`: reversal (CLP02 22), forwarded (19, 20, 21,
// 23), denied (4, or nothing paid and no patient responsibility), partial (a
// line is paid nothing because of non-patient adjustments), else paid.
enum class PostingStatus : std::uint8_t { paid, partial, denied, reversal, forwarded };
// CLP02 in words.
enum class ProcessedAs : std::uint8_t {
  primary,
  secondary,
  tertiary,
  denied,
  reversal,
  not_our_claim,
  predetermination,
  other
};

std::string_view to_string(MatchMethod m) noexcept;
std::string_view to_string(LineMatch m) noexcept;
std::string_view to_string(PostingStatus s) noexcept;
std::string_view to_string(ProcessedAs p) noexcept;
ProcessedAs processed_as(std::string_view clp02) noexcept;

// One group/reason with its amounts and quantities summed.
struct AdjustmentTotal {
  std::string group;   // CO, PR, OA, PI
  std::string reason;  // CARC
  Money amount;
  std::string quantity;  // decimal text; empty when none was sent
  friend bool operator==(const AdjustmentTotal&, const AdjustmentTotal&) = default;
};

// The money of a claim or a line, split into the buckets an EOB posts.
struct Breakdown {
  Money charge, allowed, paid;
  Money patient_responsibility;  // sum of PR
  Money deductible, coinsurance, copay,
      other_patient;                         // PR-1, PR-2, PR-3, other PR
  Money contractual;                         // CO (CO-45 and other CO)
  Money payer_initiated, other_adjustment;   // PI, OA
  std::vector<AdjustmentTotal> adjustments;  // by group and reason, in first-seen order
  // Adds a CAS; amounts are summed per group+reason.
  void add(const tx::Adjustment& cas);
  Money adjusted() const noexcept;  // every adjustment
  Money non_patient() const noexcept { return contractual + payer_initiated + other_adjustment; }
};

struct LinePosting {
  std::string control_number;  // the matched submitted line's REF*6R (else the 835's)
  LineMatch match = LineMatch::none;
  bool code_changed = false;  // SVC06 present: the payer adjudicated another code
  tx::Procedure adjudicated;  // SVC01
  tx::Procedure billed;       // SVC06 when sent, else SVC01
  std::string units_paid;     // SVC05
  std::optional<Date> service_date;
  Breakdown money;
  std::vector<std::string> remarks;  // LQ*HE
};

struct ClaimPosting {
  std::string patient_control_number;      // CLP01
  std::string payer_claim_control_number;  // CLP07
  std::string matched_claim;               // CLM01 of the matched submitted claim, or empty
  bool matched = false;
  MatchMethod match = MatchMethod::none;
  std::string claim_status;  // CLP02 as sent
  ProcessedAs processed = ProcessedAs::other;
  PostingStatus status = PostingStatus::paid;
  std::string filing_indicator;                                // CLP06
  std::string frequency_code;                                  // CLP09
  Breakdown money;                                             // claim + line adjustments
  Money reported_patient_responsibility;                       // CLP05 as sent
  Money interest;                                              // AMT*I
  std::vector<std::string> remarks;                            // MOA03-07, MIA05/20-23, then each line's LQ*HE
  std::optional<Date> statement_from, statement_to, received;  // DTM 232/233/050
  std::vector<LinePosting> lines;
  // Reversals: the earlier posting this one nets out (the ledger's id), when
  // found.
  std::optional<std::int64_t> reverses;
};

struct ProviderAdjustmentPosting {
  std::string provider_id;  // PLB01
  std::optional<Date> fiscal_period;
  std::string reason;     // PLB03-1
  std::string reference;  // PLB03-2
  Money amount;           // PLB04 (positive reduces the payment)
  std::string claim;      // CLM01 of the claim the reference names (WO/FB by CLP07),
                          // when found
};

struct RemittancePosting {
  std::string payer;                    // N1*PR name
  std::string payer_id;                 // TRN03 (else BPR10, else N1*PR N104)
  std::string trace_number;             // TRN02
  std::string payee_id;                 // N1*PE N104
  Money payment_amount;                 // BPR02
  std::string payment_method;           // BPR04
  std::optional<Date> payment_date;     // BPR16
  std::optional<Date> production_date;  // DTM*405
  std::vector<ClaimPosting> claims;
  std::vector<ProviderAdjustmentPosting> provider_adjustments;
  std::vector<std::string> unmatched;  // CLP01 of the claim payments no submitted claim matched
  Money posted_total;                  // sum of CLP04 minus sum of PLB amounts
  bool balanced() const noexcept { return posted_total == payment_amount; }
  Money difference() const noexcept { return payment_amount - posted_total; }
  bool duplicate = false;  // the ledger had this payer + trace already: nothing was posted
};

// Adjustments posted at claim level only: the claim's totals by group and
// reason less what its lines carry (the 835 sums both into the claim).
std::vector<AdjustmentTotal> claim_level_adjustments(const ClaimPosting& c);

}  // namespace x12::billing
