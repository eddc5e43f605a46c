// Internals shared by the validator's source files (not installed).
#pragma once

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <string>
#include <string_view>

#include "schema/segment_scan.hpp"
#include "x12/date.hpp"

#include "x12/schema/validator.hpp"

namespace x12::schema::detail {

// Packed ids (pack_segment_id) of the segments the SNIP 4 rules look for.
inline constexpr std::uint32_t kHL = pack_segment_id("HL"), kCLM = pack_segment_id("CLM"),
                               kNM1 = pack_segment_id("NM1"), kN1 = pack_segment_id("N1"), kHI = pack_segment_id("HI"),
                               kCLP = pack_segment_id("CLP");

// Where the findings of one transaction set go, with the reference format "2300/CLM05-01".
struct Sink {
  Diagnostics& out;
  const Rules& rules;
  std::size_t added = 0;  // findings made through add(), kept or not (Diagnostics::max_findings)
  Finding scratch{};      // what add() returns for a finding only counted

  Finding& add(Code code, const TreeSegment& seg, std::string_view loop, std::string message, std::uint16_t element = 0,
               std::uint16_t component = 0, std::uint16_t repetition = 0, std::string_view value = {},
               std::string_view segment_id = {}) {
    return add_at(code, seg.position(element, component, repetition), loop, std::move(message), value, segment_id);
  }

  // The same at a position (the situational rules keep positions, not segments).
  Finding& add_at(Code code, const Position& where, std::string_view loop, std::string message,
                  std::string_view value = {}, std::string_view segment_id = {}) {
    ++added;
    if (out.full()) {  // past the limit only the count goes on: nothing is built
      out.drop(code, where);
      return scratch;
    }
    Finding f;
    f.code = code;
    f.severity = info(code).severity;
    f.where = where;
    if (!segment_id.empty()) f.where.set_id(segment_id);
    std::string ref = f.where.element_ref();
    if (ref.empty()) ref = std::string(f.where.id());
    f.reference = loop.empty() ? ref : fmt::format("{}/{}", loop, ref);
    f.loop = std::string(loop);
    f.message = std::move(message);
    if (out.capture_values) f.value = std::string(value);
    return out.add(std::move(f));
  }

  // Names the segment (element) whose content made a situational rule apply;
  // a 999 sends it as CTX*SITUATIONAL TRIGGER.
  static Finding& triggered_at(Finding& f, const Position& where, std::string_view loop) {
    f.trigger = where;
    f.trigger_loop = std::string(loop);
    return f;
  }
};

// An amount above zero ("12.50"; not "0", "-3", "0.00").
inline bool is_positive_amount(std::string_view v) noexcept {
  if (v.empty() || v.front() == '-') return false;
  for (char c : v)
    if (c >= '1' && c <= '9') return true;
  return false;
}

// Does the guide require DTP*472 on every service line of this loop (so
// SNIP 2 reports a line without it and SNIP 4 need not)?
inline bool line_date_required(const LoopDef& line) {
  for (const auto& s : line.segments)
    if (s.id == "DTP" && s.usage == Usage::required)
      for (const auto& c : s.when)
        if (c.position == 1 && c.matches("472")) return true;
  return false;
}

// Is `n` the number `expected` written plainly (LX01 counting 1, 2, 3...)?
inline bool counts_to(std::string_view n, std::size_t expected) noexcept {
  std::size_t number = 0;
  auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), number);
  return ec == std::errc() && end == n.data() + n.size() && number == expected && !n.empty() && n.front() != '0';
}

// SV107's diagnosis pointers (components 1-4 of its first repetition) that
// point past the last of the claim's `diagnoses`: visit(component, value)
// for each. Pointers that are no number from 1 to 12 are SNIP 1 and 2's.
template <class Visit> void for_each_pointer_past(const syntax::Segment& sv1, std::size_t diagnoses, Visit&& visit);

template <class Visit> void for_each_pointer_past(const syntax::Segment& sv1, std::size_t diagnoses, Visit&& visit) {
  // Split once: component(7, c) would rescan the segment for each.
  std::array<std::string_view, 5> pointers{};
  std::uint16_t k = 0;
  const std::string_view sv107 = piece(element_at(sv1, 7), sv1.delimiters().repetition, 1);
  for (auto p : sv1.components(sv107))
    if (++k <= 4) pointers[k] = p;
    else break;
  for (std::uint16_t c = 1; c <= 4; ++c) {
    const std::string_view p = pointers[c];
    int value = 0;
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
    if (p.empty() || ec != std::errc() || end != p.data() + p.size() || value < 1 || value > 12) continue;
    if (static_cast<std::size_t>(value) > diagnoses) visit(c, p);
  }
}

}  // namespace x12::schema::detail
