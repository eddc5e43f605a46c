// Reading a transaction set a few claims at a time. The typed model of a
// 5000-claim 837P set takes about 85 MB and that of an 835 set about 35 MB;
// posting needs neither whole. A set (a syntax::Splitter unit) is cut into
// pieces of a few 837P subscribers (2000B with their patients) or 835 claim
// payments (2100), each behind a copy of the set's header and of its current
// 2000A billing provider or 2000 LX header, so each piece reads as a set of
// its own and gives the same claims as the whole set would.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>

#include "x12/billing/poster.hpp"
#include "x12/syntax/splitter.hpp"
#include "x12/tx/read.hpp"

namespace x12::billing {

// The pieces of `unit` as bytes, in order, each a set of its own; `last`
// marks the unit's last piece. A set other than an 837 or 835 comes whole.
void cut_in_pieces(const syntax::Unit& unit, const std::function<void(std::string&& piece, bool last)>& f,
                   std::size_t per_piece = 64);
// The typed model(s) read from a piece.
void read_piece(std::string_view piece, const std::function<void(tx::AnySet&)>& f);
// The typed model of each piece of `unit`, in order.
void read_in_pieces(const syntax::Unit& unit, const std::function<void(tx::AnySet&)>& f, std::size_t per_piece = 64);

// Poster::prepare of one piece of an 835 (nullopt when it is not an 835),
// and the pieces of a set put back together, in order.
std::optional<PreparedRemittance> prepare_piece(const Poster& poster, std::string_view piece);
void merge(std::optional<PreparedRemittance>& whole, PreparedRemittance&& piece);

// poster.prepare() of the 835 in `unit`, piece by piece (nullopt when the
// unit is not an 835).
std::optional<PreparedRemittance> prepare_in_pieces(const Poster& poster, const syntax::Unit& unit,
                                                    std::size_t per_piece = 64);

}  // namespace x12::billing
