// Cutting a transaction set at 837P subscriber (HL level 22) or 835 claim
// payment (CLP) boundaries.
#include "x12/billing/pieces.hpp"

namespace x12::billing {

namespace {

enum class Kind { whole, claims_837, remittance_835 };

struct Cutter {
  Kind kind;
  bool context(const syntax::Segment &s) const {
    return kind == Kind::claims_837 ? s.is("HL") && s.element(3) == "20"
                                    : s.is("LX");
  }
  bool item(const syntax::Segment &s) const {
    return kind == Kind::claims_837 ? s.is("HL") && s.element(3) == "22"
                                    : s.is("CLP");
  }
};

void append(std::string &to, const syntax::Segment &s) {
  to += s.content();
  if (s.terminated())
    to += s.delimiters().segment;
}

void read_piece(const std::string &bytes,
                const std::function<void(tx::AnySet &)> &f) {
  syntax::ReaderOptions ro;
  ro.max_segment_length = std::max<std::size_t>(ro.max_segment_length, bytes.size());
  syntax::Reader reader(std::string_view(bytes), ro);
  tx::SetReader sets(reader);
  tx::AnySet set;
  while (sets.next(set))
    f(set);
}

} // namespace

void read_in_pieces(const syntax::Unit &unit,
                    const std::function<void(tx::AnySet &)> &f,
                    std::size_t per_piece) {
  syntax::ReaderOptions ro;
  ro.max_segment_length = std::max<std::size_t>(ro.max_segment_length, unit.bytes.size());
  syntax::Reader reader(std::string_view(unit.bytes), ro);
  const std::string envelope = unit.bytes.substr(0, unit.set_begin);
  std::string header, context, items;
  std::size_t count = 0;
  bool emitted = false, pending = false; // pending: segments not read yet
  Cutter cut{Kind::whole};
  enum { in_header, in_context, in_items } at = in_header;
  auto read = [&] {
    read_piece(envelope + header + context + items, f);
    items.clear();
    count = 0;
    emitted = true;
    pending = false;
  };
  auto flush = [&] {
    if (count > 0)
      read();
  };
  std::uint64_t index = 0;
  for (syntax::Segment s; reader.next(s);) {
    if (++index <= unit.header_segments)
      continue; // ISA, GS: in `envelope`
    if (s.is("ST")) {
      auto id = s.element(1);
      cut.kind = id == "837" ? Kind::claims_837
                 : id == "835" ? Kind::remittance_835
                               : Kind::whole;
    }
    if (cut.kind != Kind::whole && cut.context(s)) {
      flush();
      context.clear();
      at = in_context;
    } else if (cut.kind != Kind::whole && cut.item(s)) {
      if (count == per_piece)
        flush();
      ++count;
      at = in_items;
    }
    append(at == in_header ? header : at == in_context ? context : items, s);
    pending = true;
  }
  // The last piece (with what follows the last claim: PLB, SE), or the whole
  // set when it had nothing to cut at.
  if (pending || !emitted)
    read();
}

std::optional<PreparedRemittance> prepare_in_pieces(const Poster &poster,
                                                    const syntax::Unit &unit,
                                                    std::size_t per_piece) {
  std::optional<PreparedRemittance> out;
  read_in_pieces(unit, [&](tx::AnySet &set) {
    const auto *r = std::get_if<tx::Remittance835>(&set);
    if (!r)
      return;
    PreparedRemittance piece = poster.prepare(*r);
    if (!out) {
      out = std::move(piece);
      return;
    }
    auto &p = out->posting;
    const std::size_t offset = p.claims.size();
    for (auto &c : piece.posting.claims)
      p.claims.push_back(std::move(c));
    p.posted_total += piece.posting.posted_total;
    for (auto &[i, clp] : piece.rematch)
      out->rematch.emplace_back(i + offset, std::move(clp));
    for (auto &a : piece.provider_adjustments)
      out->provider_adjustments.push_back(std::move(a));
  }, per_piece);
  return out;
}

} // namespace x12::billing
