// SNIP 3 (balancing) as part of validation: the typed models are read from the
// same input and their balancing findings filed under the matching
// transaction sets of a schema::Report, so statuses and 999s include them.
#pragma once

#include "x12/schema/validator.hpp"
#include "x12/syntax/source.hpp"

namespace x12::tx {

// Reads every transaction set of `source` (the same input the report was made
// from, read again from its start) one at a time, runs check_balancing on each
// 837P and 835, and adds the findings to the report: to the set's summary (its
// error/warning counts and status are updated) and to report.diagnostics,
// which stays in input order.
void add_balancing(schema::Report& report, syntax::Source& source);

}  // namespace x12::tx
