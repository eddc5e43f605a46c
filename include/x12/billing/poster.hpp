// Posting 835 remittances against submitted claims (domain.md D): matches
// each claim payment (CLP01 = CLM01, then CLP07), each service payment (REF*6R,
// then procedure + modifiers + date + charge, then SVC06), splits the money
// into EOB buckets, nets reversals out of the ledger's earlier posting, posts
// every PLB pair on its own, and proves the batch against BPR02.
#pragma once

#include <optional>

#include "x12/billing/denials.hpp"
#include "x12/billing/ledger.hpp"
#include "x12/billing/posting.hpp"
#include "x12/billing/submitted_claim.hpp"
#include "x12/tx/remittance_835.hpp"

namespace x12::billing {

// One 835 matched against the claims, with what the ledger step still needs
// of the 835 (its model is not kept: it is many times the size of the posting).
struct PreparedRemittance {
  RemittancePosting posting;  // no provider adjustments, unmatched or reverses yet
  std::vector<tx::ProviderAdjustment> provider_adjustments;
  // Claim payments no claim matched that an earlier posting's CLP07 may
  // match, by their index in posting.claims.
  std::vector<std::pair<std::size_t, tx::ClaimPayment>> rematch;
};

struct PostResult {
  RemittancePosting posting;
  std::vector<Denial> denials;
  StoreOutcome outcome = StoreOutcome::posted;
};

class Poster {
 public:
  // `claims` (and `ledger`, when given) must outlive the poster.
  explicit Poster(const ClaimSource& claims, Ledger* ledger = nullptr, DenialSettings settings = {});

  // Builds the postings of one 835 without storing them.
  RemittancePosting post(const tx::Remittance835& remittance) const;
  // Builds and, with a ledger, stores them (one transaction). A payer +
  // trace the ledger already has posts nothing: the posting comes back as
  // the file gives it, with `duplicate` set, no `reverses`, and no denials.
  PostResult post_and_store(const tx::Remittance835& remittance);

  // post_and_store in two steps, so 835s can be posted on several threads
  // with the ledger written in input order. prepare() reads the claims only
  // (any thread, each with a Poster and a ClaimSource of its own; its ledger
  // is not used); finish() does what reads or writes the ledger (matching by
  // an earlier posting's CLP07, reversals, PLB claims, storing) and must see
  // the 835s in input order. finish(prepare(r)) == post_and_store(r), and
  // the 835's model can be freed in between.
  PreparedRemittance prepare(const tx::Remittance835& remittance) const;
  PostResult finish(PreparedRemittance prepared);

 private:
  ClaimPosting post_claim(const tx::ClaimPayment& clp) const;
  ClaimPosting post_claim(const tx::ClaimPayment& clp, const SubmittedClaim* claim, MatchMethod how) const;
  // The ledger's part of post(): claims matched through an earlier posting,
  // reversals, provider adjustments, unmatched.
  void settle(PreparedRemittance& p) const;
  const ClaimSource& claims_;
  Ledger* ledger_;
  DenialSettings settings_;
};

// Line matching, exposed for tests: the index of the submitted line this
// service payment matches, and how.
struct LineMatchResult {
  const SubmittedLine* line = nullptr;
  LineMatch how = LineMatch::none;
};
LineMatchResult match_line(const tx::ServicePayment& svc, const SubmittedClaim& claim, std::vector<bool>& taken);

}  // namespace x12::billing
