// SNIP 4 on the streaming engine's events: rules that span segments and
// loops, each keeping only the facts it needs in the open loop they belong
// to and deciding when that loop closes (not installed). Facts live in one
// slot per nesting depth, reused from loop to loop, so nothing grows with
// the set.
//
// The rules see a loop in input order, not whole. They judge it as a look
// at the whole loop would whenever the segments a rule compares come in
// guide order (the HI and the 2310B/2310C loops before the service lines,
// SBR before the patient loop), which the placement itself requires: a
// segment of the claim met after its lines is out of order and reported
// as such.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/diagnosis_rules.hpp"
#include "schema/validator_detail.hpp"
#include "x12/schema/engine.hpp"

namespace x12::schema::detail {

class SituationalStream {
 public:
  explicit SituationalStream(Sink& sink) : sink_(sink) {}

  void set_begin(const Grammar* grammar);
  void loop_begin(const OpenLoop& loop);
  void segment(const syntax::Segment& s, std::uint32_t packed, const SegmentDef* def, const OpenLoop& loop);
  void loop_end(const OpenLoop& loop);

 private:
  // One NM1 as the line/claim comparisons need it: NM102..NM109.
  struct Party {
    bool seen = false;
    Position at;
    std::array<std::string, 8> elements;  // NM102..NM109
    void take(const syntax::Segment& s);
    bool same_as(const syntax::Segment& s) const noexcept;
  };
  // A service facility: its NM1 and the first N3 and N4 (content), as 2420C
  // is compared with 2310C.
  struct Location {
    Party name;
    bool has_n3 = false, has_n4 = false;
    std::string n3, n4;
    void clear() { name.seen = has_n3 = has_n4 = false; }
    bool same_as(const Location& other) const noexcept;
  };
  // The loops the rules look at, told apart once when the loop opens rather
  // than by comparing loop ids on every segment.
  enum class Role : std::uint8_t {
    other,
    subscriber,       // 2000B
    patient,          // 2000C
    subscriber_name,  // 2010BA
    patient_name,     // 2010CA
    claim,            // 2300
    line,             // 2400
    claim_rendering,  // 2310B
    line_rendering,   // 2420A
    claim_facility,   // 2310C
    line_facility,    // 2420C
    claim_payment,    // 2100 (835)
  };
  static Role role_of(std::string_view loop_id) noexcept;

  // What one open loop has seen so far. Which fields matter depends on the loop.
  struct Facts {
    std::string_view id;
    Role role = Role::other;
    Position anchor;
    bool hl = false;
    std::string hl04;
    // Child loops.
    bool has_child = false, has_hl_child = false;
    Position first_child;
    std::string_view first_child_id;
    // 2000B: the subscriber.
    bool sbr = false;
    std::string sbr02;
    Position sbr_at;
    bool has_patient = false, has_claim = false;
    bool has_name = false, name_has_dmg = false;  // the first 2010BA
    Position name_at;
    std::string_view name_id;
    // 2010BA, 2010CA: the first DMG's birth date (DMG02).
    bool dmg = false;
    std::string birth;
    Position birth_at;
    // 2000B, 2000C: the birth date of their first 2010BA / 2010CA.
    bool has_birth_name = false;
    std::string name_birth;
    Position name_birth_at;
    std::string_view name_birth_loop;
    // 2300: the claim.
    std::string frequency, place;  // CLM05-03, CLM05-01
    bool f8 = false;
    Position f8_at;
    bool principal_hi = false;
    std::size_t diagnoses = 0;
    Position hi_at;             // the principal HI
    DiagnosisCodeSet code_set;  // its code set (ICD-9-CM or ICD-10-CM)
    ServiceDates dates;         // the claim's and its lines' first DTP*472
    bool claim_date = false, line_lacks_date = false;
    std::size_t lines = 0;
    Party rendering;    // the first 2310B
    Location facility;  // the first 2310C
    bool has_rendering_loop = false, has_facility_loop = false;
    // 2400: a line.
    bool line_date = false, sv1 = false, has_line_rendering = false, has_line_facility = false;
    // 2310C / 2420C while open.
    Location location;
  };

  // The facts of the open loop at this depth; inline: asked for every segment.
  Facts& at(std::uint32_t depth) {
    if (facts_.size() <= depth) [[unlikely]]
      facts_.resize(depth + 1);
    return facts_[depth];
  }
  Facts* claim_of(std::uint32_t depth);  // the open 2300 above this depth

  Sink& sink_;
  bool is837_ = false, is835_ = false;
  std::vector<Facts> facts_;  // by depth; slots are reused
};

}  // namespace x12::schema::detail
