// Where an acknowledgment goes: its envelope is taken from the interchange it
// answers (the sender and receiver swapped back, the usage indicator copied),
// with control numbers the caller keeps between runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "x12/ack/ack.hpp"
#include "x12/error.hpp"
#include "x12/syntax/envelope.hpp"

namespace x12::ack {

// An interchange party: ISA05/ISA06 (or ISA07/ISA08), and GS02 (GS03).
struct Party {
  std::string qualifier = "ZZ";  // ISA05 / ISA07
  std::string id;                // ISA06 / ISA08 and GS02 / GS03
};

// "ZZ:ACME" or "ACME" (qualifier ZZ). Nullopt when the qualifier is not two
// characters or the id is empty or longer than 15.
std::optional<Party> parse_party(std::string_view text);

struct RouteOptions {
  // Overrides. By default the acknowledgment comes from the receiver of the
  // acknowledged interchange (its ISA07/ISA08 and GS03) and goes back to its
  // sender (ISA05/ISA06 and GS02).
  std::optional<Party> sender, receiver;
  std::string date;           // CCYYMMDD; empty: today (UTC)
  std::string time;           // HHMM; empty: now (UTC)
  std::optional<char> usage;  // ISA15; default: copied from the acknowledged interchange
};

// Sets route.date and route.time from CCYYMMDD or YYYY-MM-DD, optionally
// followed by the time HHMM (CCYYMMDDHHMM, YYYY-MM-DDTHH:MM; without it
// 0000). False, route unchanged, when `text` is not such a date.
bool parse_route_date(std::string_view text, RouteOptions& route);

// The next control numbers to use; advanced as acknowledgments are written
// (ISA13 per interchange, GS06 per group, ST02 per 999 set), so a caller
// that keeps them between runs never repeats one. x12 validate keeps them in
// the same counter file as x12 claims (billing::load_control_file).
struct ControlNumbers {
  std::uint64_t interchange = 1;  // ISA13, 1 to 999999999 (wraps to 1)
  std::uint64_t group = 1;        // GS06
  std::uint64_t set = 1;          // ST02, written with at least 4 digits
};

// The envelope options of the acknowledgment to `received`: `base` (the
// delimiters, include_values, ...) with the parties swapped back (or
// overridden), `group` GS02/GS03 when given, the date and time, the usage
// indicator, and ISA13 taken from `next` (advanced). A received id that
// cannot be written in an ISA (empty, over 15 characters, holding a
// delimiter) falls back to the override, else to base's. The group and set
// numbers are left to the caller (take_group / take_set).
AckOptions respond_to(const syntax::InterchangeInfo& received, const AckOptions& base, const RouteOptions& route,
                      ControlNumbers& next);
// GS06 / ST02 from `next`, advanced.
std::string take_group(ControlNumbers& next);
std::string take_set(ControlNumbers& next);

// What could be read of an ISA that the reader could not take (cut short,
// fields of the wrong width, clashing delimiters): the fields split on the
// byte after "ISA", each kept only when it has a plausible form (ISA13 nine
// digits, ISA09 a YYMMDD date, ...); the others are left empty.
syntax::InterchangeInfo salvage_isa(std::string_view head);

// The TA105 note code for a reader stop at an ISA: 023 (cut short), 026 / 027
// / 004 (an element separator, component separator or segment terminator
// that cannot be one), the field's own code for a field of the wrong width
// (ISA13 018, ISA09 014, ...), else 022. Empty for a stop that is no ISA
// problem (the input is not X12 at all, or a later segment).
std::string_view ta1_note(const Error& stop);

// The TA1 for an interchange whose ISA could not be read: TA104 R with
// ta1_note(stop), TA101-TA103 what salvage_isa could read (left empty
// otherwise), the envelope as respond_to makes it from the salvaged header.
std::string make_ta1_unreadable(std::string_view head, const Error& stop, const AckOptions& base,
                                const RouteOptions& route, ControlNumbers& next);

}  // namespace x12::ack
