// Following each claim through its lifecycle in the ledger (domain.md I.4):
// claims enter as submitted (a submitted 837P, or a claim another command
// wrote to the ledger's `submitted` table), then TA1, 999, 277CA, 277 and
// 835 files move them, each move kept in the claim's history with its date,
// source file, control numbers and reason codes. A claim is keyed by its
// patient control number (CLM01) and payer; responses find it by CLM01 (the
// 277CA TRN02, the 277 REF*EJ, the 835 CLP01), by the payer claim number
// (REF*1K, CLP07), or, for a 999 or TA1 that names no claim, by the
// interchange, group and set that carried it.
//
// Tracking is idempotent per file (a file already tracked moves nothing) and
// per response (a claim already in the state a response implies records
// nothing). A response that finds no claim is reported and kept in the
// ledger's unmatched list, never dropped. Each file's moves are one SQLite
// transaction: on a failure the ledger is left as it was. An 835 is posted
// through the ledger's own posting first (its own transaction, idempotent by
// payer + trace number), so tracking an 835 that `x12 post` already posted
// moves the claims without posting twice.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/billing/ledger.hpp"
#include "x12/billing/lifecycle.hpp"
#include "x12/billing/responses.hpp"
#include "x12/syntax/reader.hpp"
#include "x12/tx/claim_837p.hpp"

namespace x12::billing {

// A claim as the ledger follows it.
struct TrackedClaim {
  std::int64_t id = 0;
  std::string patient_control_number, payer_id, payer_name, payer_sequence;  // SBR01 P/S/T
  std::string member_id, subscriber_last, subscriber_first, patient_last, patient_first, gender;
  std::optional<Date> birth_date;  // of the patient
  std::string billing_npi, billing_name;
  Money charge;
  std::optional<Date> service_from, service_to, submitted;
  std::string frequency;                                        // CLM05-3
  std::string payer_claim_control_number;                       // REF*1K / CLP07 once known (REF*F8 on a replacement)
  std::string interchange_control, group_control, set_control;  // ISA13, GS06, ST02 it was sent in
  std::string source_file;                                      // the 837 it was read from, when known
  ClaimState state = ClaimState::submitted;
  std::optional<Date> state_date;
  std::string reason;                  // of the last move, in words
  Money paid, patient_responsibility;  // from its postings
  bool active = true;                  // false once corrected or voided
};

// One line of a claim's history.
struct HistoryEntry {
  ClaimState state = ClaimState::submitted;
  Move move = Move::moved;  // moved, or late (recorded only)
  std::optional<Date> date;
  std::string source;                                           // 837, TA1, 999, 277CA, 277, 835, secondary
  std::string file;                                             // the file's name as given
  std::string interchange_control, group_control, set_control;  // of the response
  std::string codes;                                            // STC triplets, IK5/AK9/TA1 codes, CLP02 and CARCs
  std::string reason;                                           // in words
};

// A response no claim in the ledger matches.
struct UnmatchedResponse {
  std::string source;  // TA1, 999, 277CA, 277, 835
  std::string key;     // what it names: "set 0001 of group 12", "claim PCN0001"
  std::string detail;  // its codes in words
};

struct TrackReport {
  std::string file;
  std::vector<std::string> kinds;   // 837, TA1, 999, 277CA, 277, 835 met in the file
  bool duplicate_file = false;      // tracked before: nothing moved
  std::size_t claims_recorded = 0;  // 837 claims entered as submitted
  std::size_t responses = 0;        // claim- or set-level answers read
  std::size_t moved = 0, same = 0, late = 0;
  std::size_t remittances_posted = 0, remittances_already_posted = 0;
  std::vector<UnmatchedResponse> unmatched;  // the first unmatched_listed of them
  std::size_t unmatched_total = 0;           // all are kept in the ledger
  static constexpr std::size_t unmatched_listed = 1000;
  std::string to_text() const;
};

struct TrackOptions {
  // The submission date of an 837 (x12 track --submitted); BHT04 when unset.
  std::optional<Date> submitted;
  // The ISA13 and GS06 an 837 built in memory was written with (its model
  // carries no envelope); the model's own are used when it has them.
  std::string interchange_control, group_control;
  // Record 837 claims in the ledger's `submitted` table too (aging, posting).
  // Off for secondary claims: that table keeps one claim per CLM01.
  bool record_in_submitted_table = true;
  // Denial settings for the postings of 835s.
  DenialSettings denials{};
};

class ClaimTracker {
 public:
  // `ledger` must come from open_sqlite_ledger and outlive the tracker;
  // throws usage_error for any other ledger.
  explicit ClaimTracker(Ledger& ledger);
  ~ClaimTracker();
  ClaimTracker(const ClaimTracker&) = delete;
  ClaimTracker& operator=(const ClaimTracker&) = delete;

  // Reads one file (any of 837P, TA1, 999, 277CA, 277, 835; the transaction
  // types are read from the file) and moves the claims. `name` is what the
  // history records as the source file. An 837P is recorded as submitted.
  // A stop in the input (no ISA, a cut header) moves nothing and comes back
  // as the error. Throws std::runtime_error on a ledger failure (after
  // rolling back that file's moves).
  result<TrackReport> track_file(const std::string& path, const TrackOptions& options = {});
  result<TrackReport> track_text(std::string_view text, std::string_view name, const TrackOptions& options = {});

  // Records the claims of one 837P model as submitted (as track_text does
  // for the 837s of a file).
  TrackReport record_submitted(const tx::Claim837p& set, std::string_view file, const TrackOptions& options = {});

  // Claims another command put in the ledger's `submitted` table (x12
  // claims --db, x12 post) and not followed yet enter as submitted.
  std::size_t adopt_submitted();

  // A claim sent on to its secondary payer (x12 secondary): the primary
  // claim moves to forwarded_to_secondary.
  void forward_to_secondary(std::int64_t claim_id, Date date, std::string_view note);

  // A line in a claim's history that moves nothing (a 276 sent, say).
  void note(std::int64_t claim_id, Date date, std::string_view source, std::string_view reason);

  // Every claim (active and replaced), in ledger order.
  void each_claim(const std::function<void(const TrackedClaim&)>& f) const;
  std::optional<TrackedClaim> find(std::string_view patient_control_number, std::string_view payer_id = {}) const;
  std::vector<HistoryEntry> history(std::int64_t claim_id) const;
  std::vector<UnmatchedResponse> unmatched() const;
  // Claims per state, for reports and tests.
  std::vector<std::pair<ClaimState, std::size_t>> state_counts() const;

  struct Impl;  // the ledger statements (claim_tracker.cpp)

 private:
  Ledger& ledger_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace x12::billing
