// Cutting a transaction set at 837P subscriber (HL level 22) or 835 claim
// payment (CLP) boundaries.
#include "x12/billing/pieces.hpp"

#include <cstdint>

namespace x12::billing {

namespace {

enum class Kind { whole, claims_837, remittance_835 };

struct Cutter {
  Kind kind;
  bool context(const syntax::Segment& s) const {
    return kind == Kind::claims_837 ? s.is("HL") && s.element(3) == "20" : s.is("LX");
  }
  bool item(const syntax::Segment& s) const {
    return kind == Kind::claims_837 ? s.is("HL") && s.element(3) == "22" : s.is("CLP");
  }
};

void append(std::string& to, const syntax::Segment& s) {
  to += s.content();
  if (s.terminated()) to += s.delimiters().segment;
}

// Segments one piece reads into its model. A piece is at most `per_piece`
// (64) subscribers or claim payments, a few thousand segments in real files;
// past this the piece is hostile (millions of empty or unknown segments in
// one claim) and the rest of it is not read, so its model stays bounded.
constexpr std::uint64_t kPieceMaxSegments = 50'000;

// Gives a large buffer's memory back, keeps a small one's for reuse.
void release(std::string& s) {
  if (s.capacity() > (1u << 20)) std::string().swap(s);
  else s.clear();
}

}  // namespace

void read_piece(std::string_view piece, const std::function<void(tx::AnySet&)>& f) {
  syntax::ReaderOptions ro;
  ro.max_segment_length = std::max<std::size_t>(ro.max_segment_length, piece.size());
  syntax::Reader reader(piece, ro);
  // The unit was read once already (and its findings reported there): a
  // flood of bad segments is not collected again.
  reader.diagnostics().max_findings = 0;
  tx::ReadOptions options;
  options.max_segments = kPieceMaxSegments;
  options.borrow_input = true;  // `piece` outlives the reading
  options.max_findings = 0;     // the models' findings are not used here
  tx::SetReader sets(reader, options);
  tx::AnySet set;
  while (sets.next(set)) f(set);
}

void cut_in_pieces(const syntax::Unit& unit, const std::function<void(std::string&& piece, bool last)>& f,
                   std::size_t per_piece) {
  syntax::ReaderOptions ro;
  ro.max_segment_length = std::max<std::size_t>(ro.max_segment_length, unit.bytes.size());
  syntax::Reader reader(std::string_view(unit.bytes), ro);
  reader.diagnostics().max_findings = 0;  // as in read_piece
  const std::string envelope = unit.bytes.substr(0, unit.set_begin);
  std::string header, context, items;
  std::size_t count = 0;
  bool pending = false;  // segments not in a piece yet
  // Held back one piece, so the last one can be marked.
  std::optional<std::string> ready;
  auto cut = [&] {
    if (ready) f(std::move(*ready), false);
    // The header is complete by the first cut: a hostile one (millions of
    // segments before the first HL or LX) is kept without its doubling slack.
    if (header.size() > (1u << 20) && header.capacity() - header.size() > header.size() / 4) header.shrink_to_fit();
    if (!ready) ready.emplace();
    ready->clear();
    ready->reserve(envelope.size() + header.size() + context.size() + items.size());
    ready->append(envelope).append(header).append(context).append(items);
    release(items);  // a piece of one huge claim is not held twice
    count = 0;
    pending = false;
  };
  auto flush = [&] {
    if (count > 0) cut();
  };
  Cutter cutter{Kind::whole};
  enum { in_header, in_context, in_items } at = in_header;
  std::uint64_t index = 0;
  for (syntax::Segment s; reader.next(s);) {
    if (++index <= unit.header_segments) continue;  // ISA, GS: in `envelope`
    if (s.is("ST")) {
      auto id = s.element(1);
      cutter.kind = id == "837" ? Kind::claims_837 : id == "835" ? Kind::remittance_835 : Kind::whole;
    }
    if (cutter.kind != Kind::whole && cutter.context(s)) {
      flush();
      context.clear();
      at = in_context;
    } else if (cutter.kind != Kind::whole && cutter.item(s)) {
      if (count == per_piece) flush();
      ++count;
      at = in_items;
    }
    append(at == in_header ? header : at == in_context ? context : items, s);
    pending = true;
  }
  // The last piece (with what follows the last claim: PLB, SE), or the whole
  // set when it had nothing to cut at.
  if (pending || !ready) cut();
  f(std::move(*ready), true);
}

void read_in_pieces(const syntax::Unit& unit, const std::function<void(tx::AnySet&)>& f, std::size_t per_piece) {
  cut_in_pieces(
      unit, [&](std::string&& piece, bool) { read_piece(piece, f); }, per_piece);
}

std::optional<PreparedRemittance> prepare_piece(const Poster& poster, std::string_view piece) {
  std::optional<PreparedRemittance> out;
  read_piece(piece, [&](tx::AnySet& set) {
    if (const auto* r = std::get_if<tx::Remittance835>(&set)) merge(out, poster.prepare(*r));
  });
  return out;
}

void merge(std::optional<PreparedRemittance>& whole, PreparedRemittance&& piece) {
  if (!whole) {
    whole = std::move(piece);
    return;
  }
  auto& p = whole->posting;
  const std::size_t offset = p.claims.size();
  for (auto& c : piece.posting.claims) p.claims.push_back(std::move(c));
  p.posted_total += piece.posting.posted_total;
  for (auto& [i, clp] : piece.rematch) whole->rematch.emplace_back(i + offset, std::move(clp));
  for (auto& a : piece.provider_adjustments) whole->provider_adjustments.push_back(std::move(a));
}

std::optional<PreparedRemittance> prepare_in_pieces(const Poster& poster, const syntax::Unit& unit,
                                                    std::size_t per_piece) {
  std::optional<PreparedRemittance> out;
  cut_in_pieces(
      unit,
      [&](std::string&& piece, bool) {
        if (auto p = prepare_piece(poster, piece)) merge(out, std::move(*p));
      },
      per_piece);
  return out;
}

}  // namespace x12::billing
