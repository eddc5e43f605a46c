// SNIP 4, 837P: which diagnosis code set the claim's principal HI may use
// (not installed). ICD-10-CM (ABK, ABF) replaced ICD-9-CM (BK, BF) for
// services from 2015-10-01; one HI segment uses one of them. The streaming
// rules (situational_stream.cpp) gather the facts and decide here.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "schema/segment_scan.hpp"
#include "schema/validator_detail.hpp"

namespace x12::schema::detail {

enum class IcdEdition : std::uint8_t { none, icd9, icd10 };

inline IcdEdition icd_edition(std::string_view qualifier) noexcept {
  if (qualifier == "ABK" || qualifier == "ABF") return IcdEdition::icd10;
  if (qualifier == "BK" || qualifier == "BF") return IcdEdition::icd9;
  return IcdEdition::none;
}

// The first date of service on which ICD-10-CM applies (CCYYMMDD).
inline constexpr std::string_view kIcd10FirstDate = "20151001";

// The start date of a DTP*472 (D8 `CCYYMMDD` or RD8 `CCYYMMDD-CCYYMMDD`),
// or empty when DTP03 holds no readable date (SNIP 1 reports that).
inline std::string_view service_start(const syntax::Segment& dtp) noexcept {
  std::string_view v = element_at(dtp, 3);
  if (v.size() < 8 || !valid_date(v.substr(0, 8))) return {};
  return v.substr(0, 8);
}

// What the principal HI says about its code set: for each edition the first
// element (1-12) using it and its qualifier. Read once, when the HI is met.
struct DiagnosisCodeSet {
  std::uint16_t first9 = 0, first10 = 0;  // 0: none
  std::string q9, q10;
  std::uint16_t mixed = 0;  // the first element whose edition differs from HI01's
  std::string mixed_q;

  void clear() {
    first9 = first10 = mixed = 0;
    q9.clear(), q10.clear(), mixed_q.clear();
  }
  void take(const syntax::Segment& hi) {
    clear();
    std::uint16_t n = 0;
    IcdEdition principal = IcdEdition::none;
    for (auto v : hi.elements()) {
      if (++n > 12) break;
      std::string_view q = piece(piece(v, hi.delimiters().repetition, 1), hi.delimiters().component, 1);
      IcdEdition e = icd_edition(q);
      if (n == 1) principal = e;
      if (e == IcdEdition::icd9 && first9 == 0) first9 = n, q9.assign(q);
      if (e == IcdEdition::icd10 && first10 == 0) first10 = n, q10.assign(q);
      if (e != IcdEdition::none && principal != IcdEdition::none && e != principal && mixed == 0)
        mixed = n, mixed_q.assign(q);
    }
  }
};

// The earliest and latest start dates of the claim's services (the claim's
// DTP*472 and the first DTP*472 of each line), as CCYYMMDD, and where the
// earliest stands (DTP03; the first in the input among equal dates, so the
// order the engines meet them in does not matter).
struct ServiceDates {
  std::string earliest, latest;
  Position earliest_at;
  std::string earliest_loop;
  void clear() { earliest.clear(), latest.clear(); }
  void add(std::string_view d, const Position& at, std::string_view loop) {
    if (d.empty()) return;
    if (earliest.empty() || d < earliest || (d == earliest && at.offset < earliest_at.offset)) {
      earliest.assign(d);
      earliest_at = at;
      earliest_loop.assign(loop);
    }
    if (latest.empty() || d > latest) latest.assign(d);
  }
};

// The birth date of DMG*D8 (DMG02), or empty.
inline std::string_view birth_date(const syntax::Segment& dmg) noexcept {
  if (element_at(dmg, 1) != "D8") return {};
  std::string_view v = element_at(dmg, 2);
  return v.size() == 8 && valid_date(v) ? v : std::string_view{};
}

// A service that starts before the patient's birth date: reported at the
// earliest DTP03 through add_at(code, where, loop, message), the DMG02 as trigger.
template <class AddAt>
void check_birth_before_service(std::string_view birth, const Position& birth_at, std::string_view birth_loop,
                                const ServiceDates& dates, AddAt&& add_at) {
  if (birth.empty() || dates.earliest.empty() || !(std::string_view(dates.earliest) < birth)) return;
  Finding& f = add_at(Code::element_invalid_date, dates.earliest_at, std::string_view(dates.earliest_loop),
                      std::string("DTP03 is a date of service before the patient's birth date (DMG02)"));
  Sink::triggered_at(f, birth_at, birth_loop);
}

// Decides, and reports through add(code, element, component, message, value)
// at the HI segment.
template <class Add> void check_diagnosis_code_set(const DiagnosisCodeSet& hi, const ServiceDates& dates, Add&& add) {
  if (hi.mixed != 0)
    add(Code::element_invalid_code, hi.mixed, std::uint16_t{1},
        fmt::format("HI{:02}-01 mixes ICD-9-CM (BK, BF) and ICD-10-CM (ABK, ABF) qualifiers in one HI segment; "
                    "HI01-01 decides which code set the segment uses",
                    hi.mixed),
        std::string_view(hi.mixed_q));
  if (dates.latest.empty()) return;  // no readable date of service: nothing to compare
  if (hi.first9 != 0 && std::string_view(dates.latest) >= kIcd10FirstDate)
    add(Code::element_invalid_code, hi.first9, std::uint16_t{1},
        fmt::format("HI{:02}-01 is an ICD-9-CM qualifier, but the claim has services on or after 2015-10-01, "
                    "which take ICD-10-CM codes (ABK, ABF)",
                    hi.first9),
        std::string_view(hi.q9));
  if (hi.first10 != 0 && std::string_view(dates.earliest) < kIcd10FirstDate)
    add(Code::element_invalid_code, hi.first10, std::uint16_t{1},
        fmt::format("HI{:02}-01 is an ICD-10-CM qualifier, but the claim has services before 2015-10-01, "
                    "which take ICD-9-CM codes (BK, BF)",
                    hi.first10),
        std::string_view(hi.q10));
}

}  // namespace x12::schema::detail
