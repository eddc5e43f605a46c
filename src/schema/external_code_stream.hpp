// SNIP 2 against external code lists, on the streaming engine's events (not
// installed). The grammar says which elements hold a CARC or a RARC: those
// whose code list is the open list `adjustment_reasons` or `remark_codes`
// (835 and 837P CAS02/05/08/11/14/17, MOA03-07, MIA05 and MIA20-23). LQ02
// holds a RARC only when LQ01 is HE (RX: an NCPDP code), which a code list
// on one element cannot say, so LQ is named here. HI's ICD-10-CM codes are
// checked when a diagnosis list is given (ValidateOptions::diagnoses).
//
// The rules (finding code in brackets; tests/schema/external_codes_test.cpp):
//   a CARC or RARC a complete (loaded) list does not hold, or, with the
//       partial built-in lists, one not shaped like a code of its set
//       [code_unknown, IK4 7];
//   a CARC or RARC the list retired (stop date) in a remittance dated
//       after that date: DTM*405, else BPR16 [code_retired, warning];
//   an ICD-10-CM code (HI qualifiers ABK, ABF, ABJ, ABN, APR) the diagnosis
//       list does not hold [code_unknown], or holds as a header
//       [diagnosis_not_billable]. Codes not written as ICD-10-CM codes are
//       the segment checker's (element_pattern_mismatch).
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "schema/validator_detail.hpp"
#include "x12/schema/engine.hpp"
#include "x12/schema/external_codes.hpp"

namespace x12::schema::detail {

class ExternalCodeStream {
 public:
  ExternalCodeStream(Sink& sink, const ValidateOptions& options);

  void set_begin(const Grammar* grammar);
  void segment(const syntax::Segment& s, const SegmentDef* def, const OpenLoop& loop);

 private:
  enum class Kind : std::uint8_t { carc, rarc };
  // The elements of one segment definition that hold codes of a list. Fixed
  // sizes (CAS has six, MOA five, MIA five): planning a grammar allocates
  // nothing, so a validation's allocations stay per set, not per call.
  struct Plan {
    const SegmentDef* def = nullptr;
    struct Element {
      std::uint16_t position = 0;
      Kind kind = Kind::carc;
      std::uint16_t max_length = 0;  // a longer value is element_too_long's, not looked up
    };
    std::array<Element, 8> elements{};
    std::uint8_t count = 0;
  };

  void plan(const LoopDef& loop);
  void check(const syntax::Segment& s, std::uint16_t element, Kind kind, std::string_view code, std::string_view loop);
  void diagnoses(const syntax::Segment& s, std::string_view loop);

  Sink& sink_;
  const ExternalCodeList& carc_;
  const ExternalCodeList& rarc_;
  const ExternalCodeList* diagnoses_;
  const Grammar* planned_ = nullptr;  // the grammar plans_ were made for
  std::array<Plan, 16> plans_{};      // segment definitions with coded elements (835: 4, 837P: 3)
  std::size_t plan_count_ = 0;
  // The last code looked up in each list and what the list holds for it: a
  // remittance repeats a few codes (45, 1, 2, 3) many times.
  struct Last {
    std::array<char, 8> code{};
    std::size_t size = 0;
    bool valid = false;
    const ExternalCode* entry = nullptr;
  };
  std::array<Last, 2> last_{};
  const ExternalCode* lookup(Kind kind, std::string_view code);

  // The 835's dates: production (DTM*405) and payment (BPR16).
  std::optional<boost::gregorian::date> production_, payment_;
};

}  // namespace x12::schema::detail
