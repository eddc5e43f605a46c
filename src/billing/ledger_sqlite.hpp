// The SQLite connection under a ledger from open_sqlite_ledger, for the
// library's own tables kept beside the postings in the same file (the claim
// lifecycle, the claims built by `x12 claims --db`).
#pragma once

#include <sqlite3.h>

#include "x12/billing/ledger.hpp"

namespace x12::billing {

// Null for a ledger that is not SQLite.
sqlite3* sqlite_handle(Ledger& ledger) noexcept;

}  // namespace x12::billing
