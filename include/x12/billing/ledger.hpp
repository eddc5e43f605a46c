// Where postings are kept: a small persistence interface with two
// implementations, in memory (tests, one-shot runs) and SQLite (a file the
// user names; the embedded default). Each 835 is recorded by payer + TRN02
// trace number, so posting the same 835 twice posts nothing the second time.
// Everything one 835 writes goes in one transaction: on any failure the
// ledger is left as it was.
//
// Several programs may share one SQLite ledger: it is kept in WAL mode, so a
// reader (aging, denials) never blocks a writer, and a writer waits for
// another writer's transaction (busy timeout) instead of failing.
#pragma once

#include <chrono>
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
  bool reversed = false;  // a later reversal already netted it out
};

// A submitted claim with what has been posted against it (for aging).
struct ClaimBalance {
  std::string patient_control_number, payer_id, payer_name;
  Money charge, paid;
  std::optional<Date> submitted, service_from;
  std::size_t postings = 0;  // claim postings that are not reversals, minus reversals
};

enum class StoreOutcome : std::uint8_t { posted, duplicate };

class Ledger {
 public:
  virtual ~Ledger() = default;

  // Records submitted claims (a claim already known by CLM01 is replaced).
  virtual void add_submitted(std::span<const SubmittedClaim> claims) = 0;
  // Has this payer + trace number been posted?
  virtual bool has_remittance(std::string_view payer_id, std::string_view trace_number) = 0;
  // The most recent posting of a claim not yet reversed, by CLP07 (then CLP01
  // when icn is empty or unknown).
  virtual std::optional<PriorPosting> find_posting(std::string_view payer_claim_control_number,
                                                   std::string_view patient_control_number) = 0;
  // Writes one 835's postings and its denials in one transaction. A
  // duplicate (payer + trace already there) writes nothing. Reversal
  // postings with `reverses` set mark that posting reversed. Throws
  // std::runtime_error on a storage failure, after rolling back.
  virtual StoreOutcome store(const RemittancePosting& posting, std::span<const Denial> denials) = 0;

  virtual std::vector<Denial> denials() = 0;
  virtual std::vector<ClaimBalance> balances() = 0;
  // Counts, for tests and reports.
  struct Counts {
    std::size_t remittances = 0, claims = 0, lines = 0, provider_adjustments = 0, denials = 0, submitted = 0;
    friend bool operator==(const Counts&, const Counts&) = default;
  };
  virtual Counts counts() = 0;

  // Runs `f` as one write transaction: what it reads of the ledger cannot
  // change under it, and its store() calls commit together. The poster reads
  // earlier postings (reversals) and stores one 835 inside one of these.
  virtual void atomically(const std::function<void()>& f) { f(); }

  // Test hook: called before every row is written, with the table's name;
  // throwing from it simulates a crash mid-posting.
  std::function<void(std::string_view table)> before_write;
};

std::unique_ptr<Ledger> make_memory_ledger();

struct LedgerOptions {
  // How long to wait for another program's write transaction before giving
  // up with "the ledger is busy".
  std::chrono::milliseconds busy_timeout = std::chrono::seconds(60);
  // May an absent or empty file become a new ledger? (x12 post creates
  // ledgers; the commands that only read one do not.)
  bool create = true;
};

// The schema version this code writes (PRAGMA user_version, with PRAGMA
// application_id = ledger_application_id). Version 0 is the ledger shipped
// before versions were written; it is migrated on open.
inline constexpr int ledger_schema_version = 1;
inline constexpr std::int32_t ledger_application_id = 0x58313242;  // "X12B"

// Opens a SQLite ledger file, creating it when absent and options.create.
// ":memory:" and "" (a private temporary file) work too. Refused with
// errc::ledger_unusable, a message naming the file and the reason, and the
// file left byte for byte as it was: a file that is not SQLite, another
// program's database (its application_id, or tables the ledger does not
// have), a ledger of a newer version, one whose tables lack a column the
// code needs, or an empty file when !options.create.
result<std::unique_ptr<Ledger>> open_sqlite_ledger(const std::string& path, const LedgerOptions& options = {});

}  // namespace x12::billing
