// SNIP 4 for the eligibility, claim status and claim acknowledgment guides
// (270/271 005010X279A1, 276/277 005010X212, 277CA 005010X214), on the
// streaming engine's events like situational_stream.cpp does for the 837P
// and 835. Each rule keeps the few facts it needs in the open loop (one slot
// per nesting depth, reused) and decides when the loop closes.
//
// The rules (finding code in brackets; tests/schema/status_rules_test.cpp):
//   270 2100C, subscriber who is the patient (no 2000D): without a member id
//       (NM109) the name (NM103) and the birth date (DMG) identify him
//       [element_situational_missing NM103, segment_situational_missing DMG].
//   270 2100D: the dependent is found by name and birth date: NM103 and DMG
//       [element_situational_missing, segment_situational_missing].
//   270 2110C/D: EQ01 (service type) is not sent with EQ02 (procedure)
//       [element_situational_not_used EQ01].
//   271 2110C/D: co-insurance (EB01 A) carries its percent (EB08), co-payment
//       (EB01 B) its amount (EB07) [element_situational_missing].
//   271 2100C/D: a request rejected for the patient (AAA in the name loop)
//       carries no benefits for him [segment_situational_not_used EB].
//   276 2000D, subscriber who is the patient (no 2000E): DMG and at least one
//       claim (2200D TRN) [segment_situational_missing DMG / TRN].
//   276 2200D/E: a service date on the claim (DTP*472) or service lines that
//       carry theirs [segment_situational_missing DTP].
//   277CA 2200B/2200C: a count of accepted (QTY*90, QTY*QA) or rejected
//       (QTY*AA, QTY*QC) claims comes with its amount (AMT*YU, AMT*YY)
//       [segment_situational_missing AMT].
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "schema/validator_detail.hpp"
#include "x12/schema/engine.hpp"

namespace x12::schema::detail {

class StatusRulesStream {
 public:
  explicit StatusRulesStream(Sink& sink) : sink_(sink) {}

  void set_begin(const Grammar* grammar);
  void loop_begin(const OpenLoop& loop);
  void segment(const syntax::Segment& s, std::uint32_t packed, const SegmentDef* def, const OpenLoop& loop);
  void loop_end(const OpenLoop& loop);

 private:
  enum class Guide : std::uint8_t { other, inquiry270, response271, request276, ack277ca };
  // What one open loop has seen; which fields matter depends on the loop.
  struct Facts {
    std::string_view id;
    Position anchor;
    bool child_level = false;  // 270 2000C / 276 2000D: a dependent level (2000D / 2000E) under it
    bool claim = false;        // 276 2000D: a 2200D under it
    bool dmg = false;          // 270 2100C/D, 276 2000D: a DMG
    bool name_seen = false;    // 270 2100C/D: the NM1
    bool has_last = false, has_id = false;
    Position name_at;
    bool date = false, lines = false;                 // 276 2200D/E: DTP*472, a 2210 line
    bool qty_accepted = false, qty_rejected = false;  // 277CA 2200B/C
    bool amt_accepted = false, amt_rejected = false;
    Position qty_accepted_at, qty_rejected_at;
    // 270 2000C: the facts of its 2100C, kept when it closes.
    bool sub_name_seen = false, sub_has_last = false, sub_has_id = false, sub_dmg = false;
    Position sub_name_at;
    std::string_view sub_name_id;
  };

  Facts& at(std::uint32_t depth);

  Sink& sink_;
  Guide guide_ = Guide::other;
  std::vector<Facts> facts_;
  // 271: the open patient's name loop rejected the request (AAA).
  bool patient_rejected_ = false;
  Position rejected_at_;
  std::string_view rejected_loop_;
};

}  // namespace x12::schema::detail
