// SNIP 4: implementation-guide rules that span segments and loops (domain.md G.1, G.2).
#include <fmt/format.h>

#include <array>
#include <charconv>

#include "schema/diagnosis_rules.hpp"
#include "schema/segment_scan.hpp"
#include "schema/validator_detail.hpp"

namespace x12::schema::detail {

bool is_positive_amount(std::string_view v) noexcept {
  if (v.empty() || v.front() == '-') return false;
  for (char c : v)
    if (c >= '1' && c <= '9') return true;
  return false;
}

bool line_date_required(const LoopDef& line) {
  for (const auto& s : line.segments)
    if (s.id == "DTP" && s.usage == Usage::required)
      for (const auto& c : s.when)
        if (c.position == 1 && c.matches("472")) return true;
  return false;
}

namespace {

// NPIs: NM1 with NM108 = XX (any loop), N1 with N103 = XX (835 payee).
void check_npis(Sink& sink, const TreeLoop& loop) {
  for (const auto& s : loop.segments) {
    if (s.def == nullptr) continue;
    std::size_t qual = 0;
    if (s.is(kNM1)) qual = 8;
    else if (s.is(kN1)) qual = 3;
    else continue;
    // The qualifier first: most names carry no NPI, and then the id is never read.
    if (element_at(s.segment, qual) != "XX") continue;
    std::string_view id = element_at(s.segment, qual + 1);
    if (id.empty() || valid_npi(id)) continue;
    sink.add(Code::element_pattern_mismatch, s, loop.id,
             fmt::format("{}{:02} is not a valid NPI (ten digits with a Luhn check digit)", s.id(), qual + 1),
             static_cast<std::uint16_t>(qual + 1), 0, 0, id);
  }
}

// 2000B: SBR02 = 18 (patient is the subscriber) versus the 2000C patient loop and 2010BA DMG.
void check_subscriber(Sink& sink, const TreeLoop& loop) {
  const TreeSegment* sbr = loop.find("SBR");
  if (sbr == nullptr) return;
  std::string_view rel = element_at(sbr->segment, 2);
  bool has_patient = loop.child("2000C") != nullptr;
  if (rel == "18") {
    for (const auto* l : loop.loops)
      if (l->id == "2000C" && l->first())
        Sink::triggered_by(
            sink.add(Code::segment_situational_not_used, *l->first(), l->id,
                     "a patient loop (2000C) must not follow when SBR02 says the patient is the subscriber (18)"),
            *sbr, loop.id, 2);
    if (const TreeLoop* name = loop.child("2010BA"); name && name->first() && !name->find("DMG"))
      Sink::triggered_by(
          sink.add(Code::segment_situational_missing, *name->first(), name->id,
                   "subscriber demographics (DMG) are required when the subscriber is the patient (SBR02 = 18)", 0, 0,
                   0, {}, "DMG"),
          *sbr, loop.id, 2);
  } else if (rel.empty() && !has_patient && loop.child("2300") != nullptr) {
    sink.add(Code::element_situational_missing, *sbr, loop.id,
             "SBR02 must be 18 when the claim sits under the subscriber (no patient loop 2000C)", 2);
  }
}

// 2300: frequency 7/8 needs REF*F8; DTP*472 at claim or on every line;
// SV107 pointers within the HI list; LX counting 1, 2, 3...
void check_claim(Sink& sink, const TreeLoop& claim) {
  const TreeSegment* clm = claim.first();
  if (clm == nullptr || !clm->is(kCLM)) return;
  std::string_view freq = component_at(clm->segment, 5, 3);
  const TreeSegment* f8 = claim.find("REF", 1, "F8");
  if ((freq == "7" || freq == "8") && f8 == nullptr)
    Sink::triggered_by(
        sink.add(Code::segment_situational_missing, *clm, claim.id,
                 "a replacement or void (CLM05-03 = 7 or 8) requires the payer claim control number (REF*F8)", 0, 0, 0,
                 {}, "REF"),
        *clm, claim.id, 5, 3);
  if (freq == "1" && f8 != nullptr)
    Sink::triggered_by(sink.add(Code::segment_situational_not_used, *f8, claim.id,
                                "REF*F8 is not sent on an original claim (CLM05-03 = 1)"),
                       *clm, claim.id, 5, 3);

  // Diagnoses in the principal HI (ABK or BK).
  std::size_t diagnoses = 0;
  const TreeSegment* principal_hi = nullptr;
  for (const auto& s : claim.segments) {
    if (!s.is(kHI)) continue;
    std::string_view code_list = component_at(s.segment, 1, 1);
    if (code_list != "ABK" && code_list != "BK") continue;
    principal_hi = &s;
    std::size_t n = 0;  // the last of HI01..HI12 filled, in one pass over the elements
    for (auto v : s.segment.elements()) {
      if (++n > 12) break;
      if (!v.empty()) diagnoses = n;
    }
    break;
  }

  const TreeSegment* claim_dtp = claim.find("DTP", 1, "472");
  bool claim_date = claim_dtp != nullptr;
  ServiceDates dates;
  if (claim_dtp != nullptr) dates.add(service_start(claim_dtp->segment), claim_dtp->position(3), claim.id);
  bool lines_need_date = false;
  std::size_t expected_lx = 0;
  for (const auto* line : claim.loops) {
    if (line->id != "2400" || line->first() == nullptr) continue;
    ++expected_lx;
    const TreeSegment& lx = *line->first();
    std::string_view n = element_at(lx.segment, 1);
    if (!n.empty() && !counts_to(n, expected_lx))
      sink.add(Code::element_pattern_mismatch, lx, line->id,
               "LX01 does not count the claim's service lines 1, 2, 3... in order", 1, 0, 0, n);
    const TreeSegment* line_dtp = line->find("DTP", 1, "472");
    if (line_dtp != nullptr) dates.add(service_start(line_dtp->segment), line_dtp->position(3), line->id);
    if (!claim_date && line_dtp == nullptr) {
      bool grammar_covers = sink.rules.snip2 && line->def && line_date_required(*line->def);
      if (!grammar_covers) lines_need_date = true;
    }
    if (const TreeSegment* sv1 = line->find("SV1"))
      for_each_pointer_past(sv1->segment, diagnoses, [&](std::uint16_t c, std::string_view p) {
        sink.add(Code::element_invalid_code, *sv1, line->id,
                 "SV107 points at a diagnosis position that the claim's HI segment does not fill", 7, c, 0, p);
      });
  }
  if (lines_need_date)
    sink.add(Code::segment_situational_missing, *clm, claim.id,
             "the service date (DTP*472) must be sent on the claim or on every service line", 0, 0, 0, {}, "DTP");
  // The patient's birth date: DMG of the first 2010BA (claim under the
  // subscriber) or 2010CA (under the patient), when it comes before the claim.
  if (const TreeLoop* hl = claim.parent; hl != nullptr && (hl->id == "2000B" || hl->id == "2000C")) {
    const TreeLoop* name = hl->child(hl->id == "2000B" ? "2010BA" : "2010CA");
    if (name != nullptr && name->first() != nullptr && name->first()->position().offset < clm->position().offset)
      if (const TreeSegment* dmg = name->find("DMG"))
        check_birth_before_service(
            birth_date(dmg->segment), dmg->position(2), name->id, dates,
            [&](Code code, const Position& where, std::string_view loop, std::string message) -> Finding& {
              return sink.add_at(code, where, loop, std::move(message));
            });
  }
  if (principal_hi != nullptr) {
    DiagnosisCodeSet code_set;
    code_set.take(principal_hi->segment);
    check_diagnosis_code_set(
        code_set, dates,
        [&](Code code, std::uint16_t element, std::uint16_t component, std::string message, std::string_view value) {
          sink.add(code, *principal_hi, claim.id, std::move(message), element, component, 0, value);
        });
  }
}

// 835 2100: a reversal (CLP02 = 22) carries negated amounts.
void check_claim_payment(Sink& sink, const TreeLoop& loop) {
  const TreeSegment* clp = loop.first();
  if (clp == nullptr || !clp->is(kCLP) || element_at(clp->segment, 2) != "22") return;
  for (std::uint16_t n : {3, 4}) {
    std::string_view v = element_at(clp->segment, n);
    if (is_positive_amount(v))
      Sink::triggered_by(
          sink.add(Code::element_pattern_mismatch, *clp, loop.id,
                   fmt::format("CLP{:02} must be zero or negative on a reversal (CLP02 = 22)", n), n, 0, 0, v),
          *clp, loop.id, 2);
  }
}

}  // namespace

void check_situational(Sink& sink) {
  const Grammar* g = sink.tree.grammar;
  if (g == nullptr) return;
  const bool is837 = g->transaction == "837", is835 = g->transaction == "835";
  if (sink.tree.root == nullptr) return;
  // Depth first, parents before children (TransactionTree::for_each_loop's
  // order) without a std::function call and a work list per set.
  auto visit = [&](const TreeLoop& loop, auto& self) -> void {
    if (loop.def != nullptr) {
      check_npis(sink, loop);
      if (is837) check_hierarchy_child_code(sink, loop);
      if (is837 && loop.id == "2000B") check_subscriber(sink, loop);
      if (is837 && loop.id == "2300") {
        check_claim(sink, loop);
        check_line_consistency(sink, loop);
      }
      if (is835 && loop.id == "2100") check_claim_payment(sink, loop);
    }
    for (const auto* child : loop.loops) self(*child, self);
  };
  for (const auto* l : sink.tree.root->loops) visit(*l, visit);
}

}  // namespace x12::schema::detail
