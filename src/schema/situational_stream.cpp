#include "schema/situational_stream.hpp"

#include <charconv>

#include "schema/segment_scan.hpp"
#include "x12/npi.hpp"

namespace x12::schema::detail {

namespace {

constexpr std::uint32_t kREF = pack_segment_id("REF"), kDTP = pack_segment_id("DTP"), kSBR = pack_segment_id("SBR"),
                        kDMG = pack_segment_id("DMG"), kSV1 = pack_segment_id("SV1"), kN3 = pack_segment_id("N3"),
                        kN4 = pack_segment_id("N4");

// A kept segment position pointed at one of its elements.
Position with_element(Position p, std::uint16_t element, std::uint16_t component = 0) noexcept {
  p.element = element;
  p.component = component;
  return p;
}

// The number of the last of HI01..HI12 filled (an empty HI05 before HI06 counts).
std::size_t diagnoses_in(const syntax::Segment& s) {
  std::size_t n = 0, last = 0;
  for (auto v : s.elements()) {
    if (++n > 12) break;
    if (!v.empty()) last = n;
  }
  return last;
}

}  // namespace

void SituationalStream::Party::take(const syntax::Segment& s) {
  seen = true;
  at = s.position();
  for (auto& e : elements) e.clear();
  const char sep = s.delimiters().element;
  if (sep == '\0') {  // not a delimiter set the reader accepts: split as Segment does
    std::size_t n = 0;
    for (auto v : s.elements()) {
      if (++n > 9) break;
      if (n >= 2) elements[n - 2].assign(v);
    }
    return;
  }
  // One pass over the bytes, not a search per element (as element_at reads them).
  const std::string_view c = s.content();
  std::size_t n = 0, start = 0;  // element n (0: the id) starts at `start`
  for (std::size_t i = 0; i <= c.size() && n <= 9; ++i) {
    if (i != c.size() && c[i] != sep) continue;
    if (n >= 2) elements[n - 2].assign(c.substr(start, i - start));
    ++n;
    start = i + 1;
  }
}

bool SituationalStream::Party::same_as(const syntax::Segment& s) const noexcept {
  for (std::size_t n = 2; n <= 9; ++n)
    if (element_at(s, n) != elements[n - 2]) return false;
  return true;
}

bool SituationalStream::Location::same_as(const Location& other) const noexcept {
  if (!name.seen || !other.name.seen) return false;
  if (name.elements != other.name.elements) return false;
  if (has_n3 != other.has_n3 || (has_n3 && n3 != other.n3)) return false;
  if (has_n4 != other.has_n4 || (has_n4 && n4 != other.n4)) return false;
  return true;
}

SituationalStream::Role SituationalStream::role_of(std::string_view id) noexcept {
  if (id.size() < 4 || id.size() > 6) return Role::other;
  if (id == "2000B") return Role::subscriber;
  if (id == "2000C") return Role::patient;
  if (id == "2010BA") return Role::subscriber_name;
  if (id == "2010CA") return Role::patient_name;
  if (id == "2300") return Role::claim;
  if (id == "2400") return Role::line;
  if (id == "2310B") return Role::claim_rendering;
  if (id == "2420A") return Role::line_rendering;
  if (id == "2310C") return Role::claim_facility;
  if (id == "2420C") return Role::line_facility;
  if (id == "2100") return Role::claim_payment;
  return Role::other;
}

SituationalStream::Facts* SituationalStream::claim_of(std::uint32_t depth) {
  for (std::uint32_t d = depth; d-- > 0;)
    if (facts_[d].role == Role::claim) return &facts_[d];
  return nullptr;
}

void SituationalStream::set_begin(const Grammar* grammar) {
  is837_ = grammar != nullptr && grammar->transaction == "837";
  is835_ = grammar != nullptr && grammar->transaction == "835";
  at(0) = Facts{};
}

void SituationalStream::loop_begin(const OpenLoop& loop) {
  Facts& f = at(loop.depth);
  // Reset field by field: the strings keep their capacity from loop to loop.
  f.id = loop.id;
  f.role = role_of(loop.id);
  f.anchor = loop.anchor;
  f.hl = loop.hl;
  f.hl04.clear();
  f.has_child = f.has_hl_child = false;
  f.first_child_id = {};
  f.sbr = f.has_patient = f.has_claim = f.has_name = f.name_has_dmg = false;
  f.sbr02.clear();
  f.dmg = false;
  f.birth.clear();
  f.has_birth_name = false;
  f.name_birth.clear();
  f.frequency.clear();
  f.place.clear();
  f.f8 = f.principal_hi = f.claim_date = f.line_lacks_date = false;
  f.diagnoses = f.lines = 0;
  f.dates.clear();
  f.rendering.seen = false;
  f.facility.clear();
  f.has_rendering_loop = f.has_facility_loop = false;
  f.line_date = f.sv1 = f.has_line_rendering = f.has_line_facility = false;
  f.location.clear();
  if (loop.depth == 0) return;
  Facts& parent = at(loop.depth - 1);
  if (!parent.has_child) {
    parent.has_child = true;
    parent.first_child = loop.anchor;
    parent.first_child_id = loop.id;
  }
  if (loop.hl) parent.has_hl_child = true;
  if (!is837_) return;
  if (f.role == Role::patient && parent.role == Role::subscriber) {
    parent.has_patient = true;
    if (parent.sbr && parent.sbr02 == "18")
      Sink::triggered_at(
          sink_.add_at(Code::segment_situational_not_used, loop.anchor, loop.id,
                       "a patient loop (2000C) must not follow when SBR02 says the patient is the subscriber (18)"),
          with_element(parent.sbr_at, 2), parent.id);
  }
  if (f.role == Role::claim && parent.role == Role::subscriber) parent.has_claim = true;
}

void SituationalStream::segment(const syntax::Segment& s, std::uint32_t packed, const SegmentDef* def,
                                const OpenLoop& loop) {
  if (def == nullptr && packed == 0) return;
  Facts& f = at(loop.depth);
  if (def != nullptr) {
    // NPIs: NM1 with NM108 = XX (any loop), N1 with N103 = XX (835 payee).
    std::size_t qual = 0;
    if (packed == kNM1) qual = 8;
    else if (packed == kN1) qual = 3;
    // The qualifier first: most names carry no NPI, and then the id is never read.
    if (qual != 0 && element_at(s, qual) == "XX") {
      std::string_view id = element_at(s, qual + 1);
      if (!id.empty() && !npi_valid(id))
        sink_.add_at(Code::element_pattern_mismatch, s.position(static_cast<std::uint16_t>(qual + 1)), loop.id,
                     fmt::format("{}{:02} is not a valid NPI (ten digits with a Luhn check digit)", s.id(), qual + 1),
                     id);
    }
  }
  const bool trigger =
      def != nullptr && loop.def != nullptr && def == &loop.def->trigger() && s.offset() == loop.anchor.offset;
  if (trigger && f.hl) f.hl04.assign(element_at(s, 4));
  if (is835_) {
    // 2100: a reversal (CLP02 = 22) carries negated amounts.
    if (trigger && packed == kCLP && f.role == Role::claim_payment && element_at(s, 2) == "22")
      for (std::uint16_t n : {3, 4}) {
        std::string_view v = element_at(s, n);
        if (is_positive_amount(v))
          Sink::triggered_at(
              sink_.add_at(Code::element_pattern_mismatch, s.position(n), loop.id,
                           fmt::format("CLP{:02} must be zero or negative on a reversal (CLP02 = 22)", n), v),
              s.position(2), loop.id);
      }
    return;
  }
  if (!is837_) return;
  const std::string_view id = loop.id;
  if (f.role == Role::other) return;
  if (f.role == Role::subscriber) {
    if (packed == kSBR && def != nullptr && !f.sbr) {
      f.sbr = true;
      f.sbr02.assign(element_at(s, 2));
      f.sbr_at = s.position();
    }
  } else if (f.role == Role::subscriber_name || f.role == Role::patient_name) {
    if (packed == kDMG && def != nullptr && !f.dmg) {
      f.dmg = true;
      f.birth.assign(birth_date(s));
      f.birth_at = s.position(2);
    }
  } else if (f.role == Role::claim) {
    if (trigger && packed == kCLM) {
      f.frequency.assign(component_at(s, 5, 3));
      f.place.assign(component_at(s, 5, 1));
    }
    // Every segment the claim holds counts here, placed or not.
    if (packed == kREF && !f.f8 && element_at(s, 1) == "F8") f.f8 = true, f.f8_at = s.position();
    if (packed == kHI && !f.principal_hi) {
      std::string_view code_list = component_at(s, 1, 1);
      if (code_list == "ABK" || code_list == "BK") {
        f.principal_hi = true, f.diagnoses = diagnoses_in(s);
        f.hi_at = s.position();
        f.code_set.take(s);
      }
    }
    if (packed == kDTP && !f.claim_date && element_at(s, 1) == "472") {
      f.claim_date = true;
      f.dates.add(service_start(s), s.position(3), id);
    }
  } else if (f.role == Role::line) {
    Facts* claim = claim_of(loop.depth);
    if (trigger && claim != nullptr) {
      // LX counts the claim's lines 1, 2, 3...
      std::string_view n = element_at(s, 1);
      ++claim->lines;
      if (!n.empty() && !counts_to(n, claim->lines))
        sink_.add_at(Code::element_pattern_mismatch, s.position(1), id,
                     "LX01 does not count the claim's service lines 1, 2, 3... in order", n);
    }
    if (packed == kDTP && !f.line_date && element_at(s, 1) == "472") {
      f.line_date = true;
      // Only lines directly under the claim count.
      if (claim != nullptr && at(loop.depth - 1).role == Role::claim)
        claim->dates.add(service_start(s), s.position(3), id);
    }
    if (packed == kSV1 && def != nullptr && !f.sv1 && claim != nullptr) {
      f.sv1 = true;
      // SV107 pointers within the claim's principal HI list.
      for_each_pointer_past(s, claim->diagnoses, [&](std::uint16_t c, std::string_view p) {
        sink_.add_at(Code::element_invalid_code, s.position(7, c), id,
                     "SV107 points at a diagnosis position that the claim's HI segment does not fill", p);
      });
      // SV105 only when the line's place of service differs from the claim's.
      const std::string_view place = element_at(s, 5);
      if (!place.empty() && place == claim->place)
        Sink::triggered_at(
            sink_.add_at(Code::element_situational_not_used, s.position(5), id,
                         "SV105 is sent only when the line's place of service differs from the claim's (CLM05-01)",
                         place),
            with_element(claim->anchor, 5, 1), claim->id);
    }
  } else if (f.role == Role::claim_rendering) {
    Facts& parent = at(loop.depth - 1);
    if (trigger && parent.role == Role::claim && !parent.has_rendering_loop) {
      parent.has_rendering_loop = true;
      parent.rendering.take(s);
    }
  } else if (f.role == Role::line_rendering) {
    Facts& line = at(loop.depth - 1);
    Facts* claim = claim_of(loop.depth);
    if (trigger && line.role == Role::line && !line.has_line_rendering && claim != nullptr) {
      line.has_line_rendering = true;
      if (claim->rendering.seen && claim->rendering.same_as(s) && !element_at(s, 9).empty())
        Sink::triggered_at(
            sink_.add_at(Code::segment_situational_not_used, s.position(), id,
                         "the line's rendering provider (2420A) is sent only when it differs from the claim's (2310B)"),
            with_element(claim->rendering.at, 9), "2310B");
    }
  } else if (f.role == Role::claim_facility || f.role == Role::line_facility) {
    if (trigger) f.location.name.take(s);
    if (def != nullptr && packed == kN3 && !f.location.has_n3)
      f.location.has_n3 = true, f.location.n3.assign(s.content());
    if (def != nullptr && packed == kN4 && !f.location.has_n4)
      f.location.has_n4 = true, f.location.n4.assign(s.content());
  }
}

void SituationalStream::loop_end(const OpenLoop& loop) {
  if (loop.depth == 0 || !is837_) return;
  Facts& f = at(loop.depth);
  // HL04 says whether subordinate HL levels follow (1) or not (0).
  if (f.hl) {
    if (f.hl04 == "1" && !f.has_hl_child)
      sink_.add_at(Code::element_pattern_mismatch, with_element(f.anchor, 4), loop.id,
                   "HL04 says subordinate levels follow (1) but no HL level is nested under this one", f.hl04);
    else if (f.hl04 == "0" && f.has_hl_child)
      Sink::triggered_at(
          sink_.add_at(Code::element_pattern_mismatch, with_element(f.anchor, 4), loop.id,
                       "HL04 says no subordinate levels follow (0) but an HL level is nested under this one", f.hl04),
          with_element(f.first_child, 1), f.first_child_id);
  }
  Facts& parent = at(loop.depth - 1);
  const std::string_view id = loop.id;
  if (f.role == Role::subscriber) {
    if (f.sbr && f.sbr02 == "18" && f.has_name && !f.name_has_dmg)
      Sink::triggered_at(
          sink_.add_at(Code::segment_situational_missing, f.name_at, f.name_id,
                       "subscriber demographics (DMG) are required when the subscriber is the patient (SBR02 = 18)", {},
                       "DMG"),
          with_element(f.sbr_at, 2), id);
    else if (f.sbr && f.sbr02.empty() && !f.has_patient && f.has_claim)
      sink_.add_at(Code::element_situational_missing, with_element(f.sbr_at, 2), id,
                   "SBR02 must be 18 when the claim sits under the subscriber (no patient loop 2000C)");
  } else if (f.role == Role::patient_name) {
    if (parent.role == Role::patient && !parent.has_birth_name) {
      parent.has_birth_name = true;
      parent.name_birth = f.birth;
      parent.name_birth_at = f.birth_at;
      parent.name_birth_loop = id;
    }
  } else if (f.role == Role::subscriber_name) {
    if (parent.role == Role::subscriber && !parent.has_birth_name) {
      parent.has_birth_name = true;
      parent.name_birth = f.birth;
      parent.name_birth_at = f.birth_at;
      parent.name_birth_loop = id;
    }
    if (parent.role == Role::subscriber && !parent.has_name) {
      parent.has_name = true;
      parent.name_has_dmg = f.dmg;
      parent.name_at = f.anchor;
      parent.name_id = id;
    }
  } else if (f.role == Role::claim) {
    const bool replacement = f.frequency == "7" || f.frequency == "8";
    if (replacement && !f.f8)
      Sink::triggered_at(
          sink_.add_at(Code::segment_situational_missing, f.anchor, id,
                       "a replacement or void (CLM05-03 = 7 or 8) requires the payer claim control number (REF*F8)", {},
                       "REF"),
          with_element(f.anchor, 5, 3), id);
    if (f.frequency == "1" && f.f8)
      Sink::triggered_at(sink_.add_at(Code::segment_situational_not_used, f.f8_at, id,
                                      "REF*F8 is not sent on an original claim (CLM05-03 = 1)"),
                         with_element(f.anchor, 5, 3), id);
    if (f.line_lacks_date && !f.claim_date)
      sink_.add_at(Code::segment_situational_missing, f.anchor, id,
                   "the service date (DTP*472) must be sent on the claim or on every service line", {}, "DTP");
    if ((parent.role == Role::subscriber || parent.role == Role::patient) && parent.has_birth_name)
      check_birth_before_service(
          parent.name_birth, parent.name_birth_at, parent.name_birth_loop, f.dates,
          [&](Code code, const Position& where, std::string_view loop, std::string message) -> Finding& {
            return sink_.add_at(code, where, loop, std::move(message));
          });
    if (f.principal_hi)
      check_diagnosis_code_set(
          f.code_set, f.dates,
          [&](Code code, std::uint16_t element, std::uint16_t component, std::string message, std::string_view value) {
            sink_.add_at(code, with_element(f.hi_at, element, component), id, std::move(message), value);
          });
  } else if (f.role == Role::line) {
    if (parent.role == Role::claim && !f.line_date) {
      const bool grammar_covers = sink_.rules.snip2 && loop.def != nullptr && line_date_required(*loop.def);
      if (!grammar_covers) parent.line_lacks_date = true;
    }
  } else if (f.role == Role::claim_facility) {
    if (parent.role == Role::claim && !parent.has_facility_loop) {
      parent.has_facility_loop = true;
      parent.facility = f.location;
    }
  } else if (f.role == Role::line_facility) {
    Facts* claim = claim_of(loop.depth);
    if (parent.role == Role::line && !parent.has_line_facility && claim != nullptr) {
      parent.has_line_facility = true;
      if (claim->has_facility_loop && f.location.same_as(claim->facility))
        Sink::triggered_at(
            sink_.add_at(Code::segment_situational_not_used, f.anchor, id,
                         "the line's service facility (2420C) is sent only when it differs from the claim's (2310C)"),
            with_element(claim->facility.name.at, 3), "2310C");
    }
  }
}

}  // namespace x12::schema::detail
