#include "x12/billing/post_pipeline.hpp"

#include <memory>
#include <mutex>
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

namespace {

// The claim-store readers of the worker threads (a SQLite connection each),
// reused from one piece to the next.
class Readers {
 public:
  explicit Readers(const ClaimStore& store) : store_(store) {}
  std::unique_ptr<ClaimSource> take() {
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        auto r = std::move(free_.back());
        free_.pop_back();
        return r;
      }
    }
    return store_.reader();
  }
  void give(std::unique_ptr<ClaimSource> r) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(r));
  }

 private:
  const ClaimStore& store_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<ClaimSource>> free_;
};

}  // namespace

void prepare_remittances(syntax::Reader& reader, const ClaimStore& store, const DenialSettings& settings, unsigned jobs,
                         const std::function<bool(PreparedRemittance&&)>& post) {
  if (jobs <= 1) {
    const auto claims = store.reader();
    prepare_remittances(reader, Poster(*claims, nullptr, settings), post);
    return;
  }
  struct Piece {
    std::string bytes;
    bool last = false;
  };
  struct Prepared {
    std::optional<PreparedRemittance> piece;
    bool last = false;
  };
  Readers readers(store);
  std::optional<PreparedRemittance> set;
  bool going = true;
  syntax::OrderedPool<Piece, Prepared> pool(
      jobs,
      [&](Piece& p) {
        auto claims = readers.take();
        Prepared out{prepare_piece(Poster(*claims, nullptr, settings), p.bytes), p.last};
        readers.give(std::move(claims));
        return out;
      },
      [&](Prepared& p) {
        if (!going) return;
        if (p.piece) merge(set, std::move(*p.piece));
        if (p.last && set) {
          going = post(std::move(*set));
          set.reset();
        }
      },
      4 * std::size_t{jobs});
  syntax::Splitter split;
  syntax::Unit unit;
  while (going && split.next(reader, unit))
    cut_in_pieces(unit, [&](std::string&& bytes, bool last) { pool.submit(Piece{std::move(bytes), last}); });
  pool.close();
}

}  // namespace x12::billing
