// The steps of `x12 post` as calls an embedding program (or the Python
// package) makes in the same order: submitted 837Ps into a claim store, the
// store into the ledger, then each 835 transaction set prepared (reads the
// claims only) and finished (writes the ledger) in input order.
#pragma once

#include <functional>

#include "x12/billing/claim_store.hpp"
#include "x12/billing/ledger.hpp"
#include "x12/billing/poster.hpp"
#include "x12/syntax/reader.hpp"

namespace x12::billing {

// Every 837P set `reader` yields into `store`, a few subscribers at a time
// (memory does not grow with the file). The caller checks reader.stop().
// Returns how many pieces of 837P were added: 0 when the input holds no 837P
// (a caller that expected claims says so rather than post against nothing).
std::size_t add_claims(ClaimStore& store, syntax::Reader& reader);

// Every claim of the (committed) store into the ledger as submitted, in
// chunks of 4096. Throws what the ledger throws.
void add_submitted(Ledger& ledger, const ClaimStore& store);

// Prepares each 835 set of `reader` with `matcher` and hands it to `post`,
// one set at a time in input order, while `post` returns true.
void prepare_remittances(syntax::Reader& reader, const Poster& matcher,
                         const std::function<bool(PreparedRemittance&&)>& post);

// The same on `jobs` worker threads (`x12 post --jobs`): the calling thread
// cuts each 835 set into pieces of a few claim payments (pieces.hpp),
// workers match them against the claims of `store` (a reader of the store
// each, reused), and `post` gets each set put back together, on the calling
// thread and in input order, so a ledger and a report written from it are
// the same bytes as with one job. Pieces, not whole sets, are in flight:
// memory is one set's posting whatever `jobs`. Once `post` returns false,
// nothing more is read, and what is still in flight is dropped.
// jobs <= 1: prepare_remittances with a Poster over one reader of the store.
void prepare_remittances(syntax::Reader& reader, const ClaimStore& store, const DenialSettings& settings, unsigned jobs,
                         const std::function<bool(PreparedRemittance&&)>& post);

}  // namespace x12::billing
