// Private: the SQLite connection behind a ledger from open_sqlite_ledger(),
// for the stores that keep their own tables in the same file (claims built
// by `x12 claims --db`). nullptr for any other ledger.
#pragma once

#include <sqlite3.h>

#include "x12/billing/ledger.hpp"

namespace x12::billing::detail {

sqlite3* sqlite_handle(Ledger& ledger) noexcept;

}  // namespace x12::billing::detail
