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
// A value once masked is remembered: any element (or component) that
// contains it is masked too, whatever the field (a REF*6R line control
// number built from CLM01, a date equal to a birth date, a name in a free
// text). Values shorter than 4 characters and amounts are not matched.
// Streaming alone only catches the copies that come after the segment that
// marks a value; redact_two_pass() first learns every value of the input, so
// an earlier copy (a submitter id equal to a later member id) or a copy in
// another transaction set is masked too. What is remembered is bounded
// (RedactOptions::max_remembered_bytes); past it, values are still masked
// where their field says so and after it within their transaction set.
#pragma once

#include <bitset>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>

#include "x12/syntax/reader.hpp"
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
  // Memory for original values kept for matching (counted with the set's
  // overhead), for the whole input (learned in a first pass) and again for
  // the transaction set being written.
  std::size_t max_remembered_bytes = std::size_t{8} << 20;
  // 42 CFR Part 2 (x12 redact --part2): codes that tell of substance-use
  // treatment, masked where they stand, for files shared outside the
  // program: a diagnosis in HI for which `part2_diagnosis` is true, a
  // procedure code in SV1, SV2 or SVC for which `part2_procedure` is true.
  // Empty: codes stay.
  std::function<bool(std::string_view)> part2_diagnosis;
  std::function<bool(std::string_view)> part2_procedure;
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

  // The first of two passes: remembers the values `s` would have masked,
  // for the whole input (not one transaction set), and writes nothing.
  void learn(const Segment& s);

  // Values masked so far.
  std::uint64_t values_redacted() const noexcept { return redacted_; }
  // True when a value could not be remembered because the bound was reached.
  bool memory_full() const noexcept { return learned_.full || set_.full; }
  const RedactOptions& options() const noexcept { return options_; }

  // What a value becomes (same length), exposed for tests and embedders.
  static void mask(std::string_view value, char component, char repetition, std::string& out);

 private:
  enum class How : std::uint8_t { keep, mask, date, postal, year, hi, procedure };
  How rule(const Segment& s, std::size_t element) const noexcept;
  // Masks `value` as `how` says into `out`; remembers what it hid.
  void apply(How how, std::string_view value, const Delimiters& d, std::string& out);
  // Original values to look for, with their lengths (for substring probes).
  struct Memory {
    struct Hash {
      using is_transparent = void;
      std::size_t operator()(std::string_view v) const noexcept { return std::hash<std::string_view>{}(v); }
    };
    std::unordered_set<std::string, Hash, std::equal_to<>> values;
    std::set<std::size_t> lengths;
    // Which 4-byte beginnings some value has (hashed to 16 bits): most
    // positions of a probed value are passed over without a lookup.
    std::bitset<std::size_t{1} << 16> starts;
    std::size_t bytes = 0;  // the values' bytes and their set's overhead, roughly
    bool full = false;
    void add(std::string_view value, std::size_t max_bytes);
    bool holds(std::string_view value) const;
    void clear();
  };
  // Does the value (an element or a component) hold a remembered one?
  bool holds_masked(std::string_view value) const;
  void remember(std::string_view value);
  // Appends `value` with the components that hold a remembered value
  // masked; false (and nothing appended) when none does.
  bool hide_components(std::string_view value, const Delimiters& d, std::string& out) const;

  RedactOptions options_;
  std::string scratch_;
  std::uint64_t redacted_ = 0;
  Memory learned_;           // the whole input's, from learn()
  Memory set_;               // masked so far in the transaction set being written
  bool learning_ = false;    // remember() fills learned_
  bool remembering_ = true;  // false inside BPR: bank accounts are not a person's
};

// What redact_two_pass() did.
struct RedactRun {
  std::uint64_t values_redacted = 0;
  std::uint64_t segments = 0;
  bool memory_full = false;  // see RedactOptions::max_remembered_bytes
};

// Redacts one input in two passes. `learn` and `write` read the same input,
// each from its first byte: every segment of `learn` is learned, then every
// segment of `write` is handed to `on_segment` (checks beside the copy) and
// appended, masked, to the text given to `out` in pieces of about 1 MiB
// (the last one with the reader's trailing bytes, unless it stopped).
RedactRun redact_two_pass(Reader& learn, Reader& write, Redactor& redactor,
                          const std::function<void(const Segment&)>& on_segment,
                          const std::function<void(std::string_view)>& out);

}  // namespace x12::syntax
