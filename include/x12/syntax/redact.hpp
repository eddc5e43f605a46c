// Redaction: a copy of an interchange with patient data masked and
// everything else kept, so the copy can be shared (a bug report, a test
// file) and still reads, validates and balances as the original did.
//
// Works one segment at a time (streaming). Each masked value keeps its
// length: letters become 'X', digits '9', other bytes that are not ASCII
// punctuation or space become 'X'; separators inside a value (components,
// repetitions) stay. Dates of birth and death become 19000101 so they stay
// valid dates. Envelopes, control numbers, codes, amounts, provider ids
// (NPIs, tax ids) and, unless asked (dates = year), dates of service are kept.
//
// A value once masked is remembered: any later element (or component) that
// contains it is masked too, whatever the field (a REF*6R line control
// number built from CLM01, a date equal to a birth date, a name in a free
// text). Values shorter than 4 characters and amounts are not matched.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>

#include "x12/syntax/segment.hpp"

namespace x12::syntax {

// What becomes of dates. birth: dates of birth and death become 19000101
// (and any date equal to one of them); other dates are kept. year: every date
// of an individual (DTP, DTM but the 835's production date, DMG02, PAT06,
// dates in HI) becomes January 1 of its year, as HIPAA's Safe Harbor method
// asks; envelope dates (ISA, GS, BHT, BPR) stay.
enum class DateRedaction : std::uint8_t { birth, year };

struct RedactOptions {
  // member_ids: NM109 of people (NM101 IL/QC/74/GB/QD/03, or NM108 MI/II/34),
  // REF02 of SY/1W/EA/IG/1L/6P/F6/HJ/4A/23/3H/Y4, SBR03.
  bool names = true;  // NM103-NM107 (every entity), N102, PER02, SBR04
  bool member_ids = true;
  bool dates_of_birth = true;   // DMG02, PAT06 (date of death)
  bool addresses = true;        // N301, N302, N401, N403 past its first three digits
  bool contacts = true;         // PER04, PER06, PER08 (phone, fax, e-mail)
  bool notes = true;            // NTE02, K301, MSG01
  bool account_numbers = true;  // CLM01 and CLP01 (patient account), BPR09/BPR15 (bank accounts)
  DateRedaction dates = DateRedaction::birth;
};

class Redactor {
 public:
  explicit Redactor(RedactOptions options = {}) noexcept : options_(options) {}

  // The segment's content with the chosen values masked: a view of the
  // segment itself when nothing is masked, else of `scratch`. Same length.
  std::string_view content(const Segment& s, std::string& scratch);
  // Appends the segment as it stood in the input (gap, masked content,
  // terminator when it had one), so writing every segment and then the
  // reader's trailing() reproduces the file with only values changed.
  void append(const Segment& s, std::string& out);

  // Values masked so far.
  std::uint64_t values_redacted() const noexcept { return redacted_; }
  const RedactOptions& options() const noexcept { return options_; }

  // What a value becomes (same length), exposed for tests and embedders.
  static void mask(std::string_view value, char component, char repetition, std::string& out);

 private:
  enum class How : std::uint8_t { keep, mask, date, postal, year, hi };
  How rule(const Segment& s, std::size_t element) const noexcept;
  // Masks `value` as `how` says into `out`; remembers what it hid.
  void apply(How how, std::string_view value, const Delimiters& d, std::string& out);
  // Does the value (an element or a component) hold a remembered one?
  bool holds_masked(std::string_view value) const;
  void remember(std::string_view value);
  // Appends `value` with the components that hold a remembered value
  // masked; false (and nothing appended) when none does.
  bool hide_components(std::string_view value, const Delimiters& d, std::string& out) const;

  RedactOptions options_;
  std::string scratch_;
  std::uint64_t redacted_ = 0;
  std::unordered_set<std::string> masked_;  // original values masked so far
  std::set<std::size_t> masked_lengths_;
};

}  // namespace x12::syntax
