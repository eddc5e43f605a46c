// SNIP 4 rules of the 837P guide where one loop's value is judged against
// another's: the HL child code, the line place of service, the line
// rendering provider and service facility.
#include "schema/segment_scan.hpp"
#include "schema/validator_detail.hpp"

namespace x12::schema::detail {

namespace {

bool starts_with_hl(const TreeLoop& loop) noexcept {
  const TreeSegment* first = loop.first();
  return first != nullptr && first->def != nullptr && first->is(kHL);
}

// NM102 through NM109 (entity type, name, identifier) all equal.
bool same_provider(const TreeSegment& a, const TreeSegment& b) noexcept {
  for (std::size_t n = 2; n <= 9; ++n)
    if (element_at(a.segment, n) != element_at(b.segment, n)) return false;
  return !element_at(a.segment, 9).empty();
}

// A service facility (2310C, 2420C): the same NM1 from NM102 on, and the
// same address segments (both absent counts as the same).
bool same_location(const TreeLoop& a, const TreeLoop& b) noexcept {
  const TreeSegment* name_a = a.first();
  const TreeSegment* name_b = b.first();
  if (name_a == nullptr || name_b == nullptr) return false;
  for (std::size_t n = 2; n <= 9; ++n)
    if (element_at(name_a->segment, n) != element_at(name_b->segment, n)) return false;
  for (const char* id : {"N3", "N4"}) {
    const TreeSegment* x = a.find(id);
    const TreeSegment* y = b.find(id);
    if ((x == nullptr) != (y == nullptr)) return false;
    if (x != nullptr && x->segment.content() != y->segment.content()) return false;
  }
  return true;
}

}  // namespace

// HL04 says whether subordinate HL levels follow (1) or not (0); receivers
// walk the hierarchy by it, so it must agree with the levels actually sent.
void check_hierarchy_child_code(Sink& sink, const TreeLoop& loop) {
  if (!starts_with_hl(loop)) return;
  const TreeSegment& hl = *loop.first();
  const std::string_view code = element_at(hl.segment, 4);
  bool has_child = false;
  for (const auto* l : loop.loops) has_child = has_child || starts_with_hl(*l);
  if (code == "1" && !has_child)
    sink.add(Code::element_pattern_mismatch, hl, loop.id,
             "HL04 says subordinate levels follow (1) but no HL level is nested under this one", 4, 0, 0, code);
  else if (code == "0" && has_child)
    Sink::triggered_by(sink.add(Code::element_pattern_mismatch, hl, loop.id,
                                "HL04 says no subordinate levels follow (0) but an HL level is nested under this one",
                                4, 0, 0, code),
                       *loop.loops.front()->first(), loop.loops.front()->id, 1);
}

// 2400 SV105 is sent only when the line's place of service differs from the
// claim's (CLM05-01); 2420A only when the line's rendering provider differs
// from the claim's (2310B); 2420C only when the line's service facility
// differs from the claim's (2310C).
void check_line_consistency(Sink& sink, const TreeLoop& claim) {
  const TreeSegment* clm = claim.first();
  if (clm == nullptr || !clm->is(kCLM)) return;
  const std::string_view claim_place = component_at(clm->segment, 5, 1);
  const TreeLoop* claim_rendering = claim.child("2310B");
  const TreeSegment* claim_provider = claim_rendering ? claim_rendering->first() : nullptr;
  const TreeLoop* claim_facility = claim.child("2310C");

  for (const auto* line : claim.loops) {
    if (line->id != "2400") continue;
    if (const TreeSegment* sv1 = line->find("SV1")) {
      const std::string_view place = element_at(sv1->segment, 5);
      if (!place.empty() && place == claim_place)
        Sink::triggered_by(
            sink.add(Code::element_situational_not_used, *sv1, line->id,
                     "SV105 is sent only when the line's place of service differs from the claim's (CLM05-01)", 5, 0, 0,
                     place),
            *clm, claim.id, 5, 1);
    }
    const TreeLoop* line_rendering = line->child("2420A");
    const TreeSegment* line_provider = line_rendering ? line_rendering->first() : nullptr;
    if (claim_provider != nullptr && line_provider != nullptr && same_provider(*line_provider, *claim_provider))
      Sink::triggered_by(
          sink.add(Code::segment_situational_not_used, *line_provider, line_rendering->id,
                   "the line's rendering provider (2420A) is sent only when it differs from the claim's (2310B)"),
          *claim_provider, claim_rendering->id, 9);
    const TreeLoop* line_facility = line->child("2420C");
    if (claim_facility != nullptr && line_facility != nullptr && line_facility->first() != nullptr &&
        claim_facility->first() != nullptr && same_location(*line_facility, *claim_facility))
      Sink::triggered_by(
          sink.add(Code::segment_situational_not_used, *line_facility->first(), line_facility->id,
                   "the line's service facility (2420C) is sent only when it differs from the claim's (2310C)"),
          *claim_facility->first(), claim_facility->id, 3);
  }
}

}  // namespace x12::schema::detail
