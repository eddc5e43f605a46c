// Validation on several threads: the reading thread checks the envelope and
// splits the input into transaction-set units (syntax::Splitter); workers
// build and check each set's loop tree; findings are merged back in input
// order. The Report equals that of schema::validate(source, options): the
// same findings, in the same order, with the same positions.
//
// Memory: at most a few units per worker are in flight, so it stays bounded
// by the largest transaction sets, not by the file.
#pragma once

#include "x12/schema/validator.hpp"

namespace x12::schema {

// `jobs` worker threads (0 or 1: one worker; the reading thread is extra).
Report validate_parallel(syntax::Source& source, const ValidateOptions& options, unsigned jobs,
                         const Registry& registry = Registry::builtin());

}  // namespace x12::schema
