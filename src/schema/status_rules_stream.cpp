#include "schema/status_rules_stream.hpp"

#include "schema/segment_scan.hpp"

namespace x12::schema::detail {

namespace {

constexpr std::uint32_t kDMG = pack_segment_id("DMG"), kDTP = pack_segment_id("DTP"), kEQ = pack_segment_id("EQ"),
                        kEB = pack_segment_id("EB"), kAAA = pack_segment_id("AAA"), kQTY = pack_segment_id("QTY"),
                        kAMT = pack_segment_id("AMT");

Position with_element(Position p, std::uint16_t element) noexcept {
  p.element = element;
  p.component = 0;
  return p;
}

}  // namespace

StatusRulesStream::Facts& StatusRulesStream::at(std::uint32_t depth) {
  if (facts_.size() <= depth) facts_.resize(depth + 1);
  return facts_[depth];
}

void StatusRulesStream::set_begin(const Grammar* grammar) {
  guide_ = Guide::other;
  if (grammar != nullptr) {
    const auto& t = grammar->transaction;
    if (t == "270") guide_ = Guide::inquiry270;
    else if (t == "271") guide_ = Guide::response271;
    else if (t == "276") guide_ = Guide::request276;
    else if (t == "277" && grammar->version.rfind("005010X214", 0) == 0) guide_ = Guide::ack277ca;
  }
  patient_rejected_ = false;
  at(0) = Facts{};
}

void StatusRulesStream::loop_begin(const OpenLoop& loop) {
  if (guide_ == Guide::other) return;
  Facts& f = at(loop.depth);
  f = Facts{};
  f.id = loop.id;
  f.anchor = loop.anchor;
  if (loop.depth == 0) return;
  Facts& parent = at(loop.depth - 1);
  const std::string_view id = loop.id;
  switch (guide_) {
    case Guide::inquiry270:
      if (id == "2000D") parent.child_level = true;
      break;
    case Guide::response271:
      // A new patient level: the rejection of the one before does not carry over.
      if (id == "2000C" || id == "2000D") patient_rejected_ = false;
      break;
    case Guide::request276:
      if (id == "2000E") parent.child_level = true;
      if (id == "2200D") parent.claim = true;
      if (id == "2210D" || id == "2210E") parent.lines = true;
      break;
    default: break;
  }
}

void StatusRulesStream::segment(const syntax::Segment& s, std::uint32_t packed, const SegmentDef* def,
                                const OpenLoop& loop) {
  if (guide_ == Guide::other || def == nullptr) return;
  Facts& f = at(loop.depth);
  const std::string_view id = loop.id;
  switch (guide_) {
    case Guide::inquiry270:
      if ((id == "2100C" || id == "2100D") && packed == kNM1 && !f.name_seen) {
        f.name_seen = true;
        f.name_at = s.position();
        f.has_last = !element_at(s, 3).empty();
        f.has_id = !element_at(s, 9).empty();
      } else if ((id == "2100C" || id == "2100D") && packed == kDMG) {
        f.dmg = true;
      } else if ((id == "2110C" || id == "2110D") && packed == kEQ && !element_at(s, 1).empty() &&
                 !element_at(s, 2).empty()) {
        Sink::triggered_at(
            sink_.add_at(Code::element_situational_not_used, s.position(1), id,
                         "EQ01 (service type) is not sent when the inquiry names a procedure (EQ02)", element_at(s, 1)),
            s.position(2), id);
      }
      break;
    case Guide::response271:
      if ((id == "2100C" || id == "2100D") && packed == kAAA && !patient_rejected_) {
        patient_rejected_ = true;
        rejected_at_ = s.position();
        rejected_loop_ = id;
      } else if ((id == "2110C" || id == "2110D") && packed == kEB) {
        const std::string_view code = element_at(s, 1);
        if (code == "A" && element_at(s, 8).empty())
          Sink::triggered_at(sink_.add_at(Code::element_situational_missing, s.position(8), id,
                                          "a co-insurance benefit (EB01 = A) gives its percent in EB08"),
                             s.position(1), id);
        if (code == "B" && element_at(s, 7).empty())
          Sink::triggered_at(sink_.add_at(Code::element_situational_missing, s.position(7), id,
                                          "a co-payment benefit (EB01 = B) gives its amount in EB07"),
                             s.position(1), id);
        if (patient_rejected_)
          Sink::triggered_at(
              sink_.add_at(Code::segment_situational_not_used, s.position(), id,
                           "no benefits (EB) are sent for a patient whose request was rejected (AAA in the name loop)"),
              rejected_at_, rejected_loop_);
      }
      break;
    case Guide::request276:
      if (id == "2000D" && packed == kDMG) f.dmg = true;
      if ((id == "2200D" || id == "2200E") && packed == kDTP && element_at(s, 1) == "472") f.date = true;
      break;
    case Guide::ack277ca:
      if (id == "2200B" || id == "2200C") {
        const std::string_view q = element_at(s, 1);
        if (packed == kQTY && (q == "90" || q == "QA")) f.qty_accepted = true, f.qty_accepted_at = s.position();
        if (packed == kQTY && (q == "AA" || q == "QC")) f.qty_rejected = true, f.qty_rejected_at = s.position();
        if (packed == kAMT && q == "YU") f.amt_accepted = true;
        if (packed == kAMT && q == "YY") f.amt_rejected = true;
      }
      break;
    default: break;
  }
}

void StatusRulesStream::loop_end(const OpenLoop& loop) {
  if (guide_ == Guide::other || loop.depth == 0) return;
  Facts& f = at(loop.depth);
  Facts& parent = at(loop.depth - 1);
  const std::string_view id = loop.id;
  switch (guide_) {
    case Guide::inquiry270:
      if (id == "2100C" && parent.id == "2000C") {
        parent.sub_name_seen = f.name_seen;
        parent.sub_has_last = f.has_last;
        parent.sub_has_id = f.has_id;
        parent.sub_dmg = f.dmg;
        parent.sub_name_at = f.name_at;
        parent.sub_name_id = id;
      } else if (id == "2000C" && !f.child_level && f.sub_name_seen && !f.sub_has_id) {
        // The subscriber is the patient and has no member id: name and birth date.
        if (!f.sub_has_last)
          sink_.add_at(Code::element_situational_missing, with_element(f.sub_name_at, 3), f.sub_name_id,
                       "without a member id (NM109) the subscriber who is the patient is named (NM103)");
        if (!f.sub_dmg)
          Sink::triggered_at(
              sink_.add_at(Code::segment_situational_missing, f.sub_name_at, f.sub_name_id,
                           "without a member id (NM109) the patient's birth date (DMG) is required", {}, "DMG"),
              with_element(f.sub_name_at, 9), f.sub_name_id);
      } else if (id == "2100D" && f.name_seen) {
        if (!f.has_last)
          sink_.add_at(Code::element_situational_missing, with_element(f.name_at, 3), id,
                       "the dependent is named (NM103): the payer finds a dependent by name and birth date");
        if (!f.dmg)
          sink_.add_at(
              Code::segment_situational_missing, f.name_at, id,
              "the dependent's birth date (DMG) is required: the payer finds a dependent by name and birth date", {},
              "DMG");
      }
      break;
    case Guide::request276:
      if (id == "2000D" && !f.child_level) {
        // The subscriber is the patient.
        if (!f.dmg)
          sink_.add_at(Code::segment_situational_missing, f.anchor, id,
                       "subscriber demographics (DMG) are required when the subscriber is the patient (no 2000E)", {},
                       "DMG");
        if (!f.claim)
          sink_.add_at(Code::segment_situational_missing, f.anchor, id,
                       "a claim (2200D TRN) is required when the subscriber is the patient (no 2000E)", {}, "TRN");
      } else if ((id == "2200D" || id == "2200E") && !f.date && !f.lines) {
        sink_.add_at(Code::segment_situational_missing, f.anchor, id,
                     "the claim's service date (DTP*472) is required when no service line (2210) gives its own", {},
                     "DTP");
      }
      break;
    case Guide::ack277ca:
      if (id == "2200B" || id == "2200C") {
        if (f.qty_accepted && !f.amt_accepted)
          Sink::triggered_at(
              sink_.add_at(Code::segment_situational_missing, f.anchor, id,
                           "the accepted claims' count (QTY) comes with their amount (AMT*YU)", {}, "AMT"),
              f.qty_accepted_at, id);
        if (f.qty_rejected && !f.amt_rejected)
          Sink::triggered_at(
              sink_.add_at(Code::segment_situational_missing, f.anchor, id,
                           "the rejected claims' count (QTY) comes with their amount (AMT*YY)", {}, "AMT"),
              f.qty_rejected_at, id);
      }
      break;
    default: break;
  }
}

}  // namespace x12::schema::detail
