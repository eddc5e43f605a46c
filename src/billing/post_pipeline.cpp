#include "x12/billing/post_pipeline.hpp"

#include <variant>
#include <vector>

#include "x12/billing/pieces.hpp"
#include "x12/syntax/splitter.hpp"
#include "x12/tx/read.hpp"

namespace x12::billing {

std::size_t add_claims(ClaimStore& store, syntax::Reader& reader) {
  syntax::Splitter split;
  syntax::Unit unit;
  std::size_t pieces = 0;
  while (split.next(reader, unit))
    read_in_pieces(unit, [&](tx::AnySet& set) {
      if (const auto* claims = std::get_if<tx::Claim837p>(&set)) {
        store.add(*claims);
        ++pieces;
      }
    });
  return pieces;
}

void add_submitted(Ledger& ledger, const ClaimStore& store) {
  std::vector<SubmittedClaim> chunk;
  auto flush = [&] {
    ledger.add_submitted(chunk);
    chunk.clear();
  };
  store.each([&](const SubmittedClaim& c) {
    chunk.push_back(c);
    if (chunk.size() == 4096) flush();
  });
  flush();
}

void prepare_remittances(syntax::Reader& reader, const Poster& matcher,
                         const std::function<bool(PreparedRemittance&&)>& post) {
  syntax::Splitter split;
  syntax::Unit unit;
  while (split.next(reader, unit))
    if (auto prepared = prepare_in_pieces(matcher, unit))
      if (!post(std::move(*prepared))) return;
}

}  // namespace x12::billing
