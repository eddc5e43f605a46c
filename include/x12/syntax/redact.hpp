// Redaction: a copy of an interchange with patient data masked and
// everything else kept, so the copy can be shared (a bug report, a test
// file) and still reads, validates and balances as the original did.
//
// Works one segment at a time (streaming). Each masked value keeps its
// length: letters become 'X', digits '9', other bytes that are not ASCII
// punctuation or space become 'X'; separators inside a value (components,
// repetitions) stay. Dates of birth and death become 19000101 so they stay
// valid dates. Envelopes, control numbers, codes, amounts, provider ids
// (NPIs, tax ids) and dates of service are kept.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "x12/syntax/segment.hpp"

namespace x12::syntax {

struct RedactOptions {
  bool names = true;            // NM103-NM107 (every entity), N102, PER02, SBR04
  bool member_ids = true;       // NM109 of IL/QC/74, REF02 of SY/1W/EA/IG/1L/6P/F6/HJ/4A/23/3H/Y4, SBR03
  bool dates_of_birth = true;   // DMG02, PAT06 (date of death)
  bool addresses = true;        // N301, N302, N401, N403 past its first three digits
  bool contacts = true;         // PER04, PER06, PER08 (phone, fax, e-mail)
  bool notes = true;            // NTE02, K301, MSG01
  bool account_numbers = true;  // CLM01 and CLP01 (patient account), BPR09/BPR15 (bank accounts)
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
  enum class How : std::uint8_t { keep, mask, date, postal };
  How rule(const Segment& s, std::size_t element) const noexcept;

  RedactOptions options_;
  std::string scratch_;
  std::uint64_t redacted_ = 0;
};

}  // namespace x12::syntax
