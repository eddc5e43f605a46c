// Submitted claims kept on disk, for posting against claim files too large to
// hold: a SQLite file with one row per claim (the fields matching and posting
// read, lines packed into one blob, money in cents, dates as day numbers).
// Memory stays at SQLite's page cache whatever the number of claims; a lookup
// is one B-tree search. Built by streaming an 837P one transaction set at a
// time; readers, one per thread, then match against it.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "x12/billing/submitted_claim.hpp"
#include "x12/error.hpp"

struct sqlite3;

namespace x12::billing {

class ClaimStore {
 public:
  // An empty path makes a temporary store: SQLite's private temporary
  // database, whose file is unlinked as soon as it is opened (nothing is left
  // in TMPDIR even after kill -9); its readers share one connection.
  static result<ClaimStore> create(std::string path = {});
  ClaimStore(ClaimStore&&) noexcept;
  ClaimStore& operator=(ClaimStore&&) noexcept;
  ~ClaimStore();

  // Every claim of a set (as ClaimIndex::add: a later CLM01 replaces an
  // earlier one). Writes go in one transaction until commit().
  void add(const tx::Claim837p& set);
  void add(const SubmittedClaim& claim);
  void commit();
  std::size_t size() const noexcept { return size_; }

  // A source for one thread. A returned claim stays valid until the reader's
  // next lookup (the poster holds one at a time). Call after commit().
  std::unique_ptr<ClaimSource> reader() const;
  // Every claim, in CLM01 order, without its lines (what a ledger records).
  void each(const std::function<void(const SubmittedClaim&)>& f) const;

 private:
  ClaimStore() = default;
  std::string path_;
  bool temporary_ = false;
  sqlite3* db_ = nullptr;
  struct Insert;
  std::unique_ptr<Insert> insert_;
  std::unique_ptr<std::mutex> shared_;  // the temporary store's readers' lock
  std::size_t size_ = 0;
};

}  // namespace x12::billing
