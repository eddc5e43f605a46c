// Where postings are kept: a small persistence interface with two
// implementations, in memory (tests, one-shot runs) and SQLite (a file the
// user names; the embedded default). Each 835 is recorded by payer + TRN02
// trace number, so posting the same 835 twice posts nothing the second time.
// Everything one 835 writes goes in one transaction: on any failure the
// ledger is left as it was.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "x12/billing/denials.hpp"
#include "x12/billing/posting.hpp"
#include "x12/billing/submitted_claim.hpp"
#include "x12/error.hpp"

namespace x12::billing {

// What the ledger knows of an earlier claim posting (for reversals and
// recoupments).
struct PriorPosting {
  std::int64_t id = 0;
  std::string patient_control_number, payer_claim_control_number, trace_number;
  Money charge, paid, patient_responsibility;
  bool reversed = false; // a later reversal already netted it out
};

// A submitted claim with what has been posted against it (for aging).
struct ClaimBalance {
  std::string patient_control_number, payer_id, payer_name;
  Money charge, paid;
  std::optional<Date> submitted, service_from;
  std::size_t postings =
      0; // claim postings that are not reversals, minus reversals
};

enum class StoreOutcome : std::uint8_t { posted, duplicate };

class Ledger {
public:
  virtual ~Ledger() = default;

  // Records submitted claims (a claim already known by CLM01 is replaced).
  virtual void add_submitted(std::span<const SubmittedClaim> claims) = 0;
  // Has this payer + trace number been posted?
  virtual bool has_remittance(std::string_view payer_id,
                              std::string_view trace_number) = 0;
  // The most recent posting of a claim not yet reversed, by CLP07 (then CLP01
  // when icn is empty or unknown).
  virtual std::optional<PriorPosting>
  find_posting(std::string_view payer_claim_control_number,
               std::string_view patient_control_number) = 0;
  // Writes one 835's postings and its denials in one transaction. A
  // duplicate (payer + trace already there) writes nothing. Reversal
  // postings with `reverses` set mark that posting reversed. Throws
  // std::runtime_error on a storage failure, after rolling back.
  virtual StoreOutcome store(const RemittancePosting &posting,
                             std::span<const Denial> denials) = 0;

  virtual std::vector<Denial> denials() = 0;
  virtual std::vector<ClaimBalance> balances() = 0;
  // Counts, for tests and reports.
  struct Counts {
    std::size_t remittances = 0, claims = 0, lines = 0,
                provider_adjustments = 0, denials = 0, submitted = 0;
    friend bool operator==(const Counts &, const Counts &) = default;
  };
  virtual Counts counts() = 0;

  // Test hook: called before every row is written, with the table's name;
  // throwing from it simulates a crash mid-posting.
  std::function<void(std::string_view table)> before_write;
};

std::unique_ptr<Ledger> make_memory_ledger();
// Opens (creating when needed) a SQLite ledger file. ":memory:" works too.
result<std::unique_ptr<Ledger>> open_sqlite_ledger(const std::string &path);

} // namespace x12::billing
