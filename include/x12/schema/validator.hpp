// Implementation-guide validation: WEDI SNIP types 1, 2, 3 and 4, checked by
// the streaming engine (stream_validator.hpp) while the reader advances, plus
// the envelope checks of the syntax layer.
// Findings never quote element values unless Diagnostics::capture_values
// (ValidateOptions::capture_values) asks for them.
//
//   SNIP 1 (integrity): envelope (syntax::EnvelopeChecker), unplaceable
//     segments, element counts, lengths, data types (N0, N2, R, DT, TM, and
//     D8/RD8 dates in DTP/DMG/PAT), control characters, too many components
//     or repetitions.
//   SNIP 2 (requirement): usage R/S/N of segments, loops, elements and
//     components; max use and loop repeats; code values; X12 syntax rules
//     P/R/E/C/L; ST03 accepted by the registry; HL numbering; no grammar.
//   SNIP 4 (situational): NPI check digits, 2000C versus SBR02, DMG on the
//     subscriber-patient, REF*F8 on replacements and voids, DTP*472 at claim
//     or line, SV107 pointers, LX numbering, 835 reversals, HL04 against
//     the HL children, and line values that must differ from the claim's
//     (SV105 from CLM05-01, 2420A from 2310B, 2420C from 2310C).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/error.hpp"
#include "x12/finding.hpp"
#include "x12/schema/external_codes.hpp"
#include "x12/schema/loop_tree.hpp"
#include "x12/schema/registry.hpp"
#include "x12/syntax/envelope.hpp"
#include "x12/syntax/reader.hpp"
#include "x12/syntax/source.hpp"

namespace x12::schema {

// Which rule families run.
struct Rules {
  bool snip1 = true;
  bool snip2 = true;
  bool snip4 = true;
  // Balancing: running sums per open claim, line and payment, in the same pass.
  bool snip3 = true;
  // Trading-partner setting, not a rule family: bytes above 0x7E (UTF-8,
  // Latin-1) in values are accepted. Off by default: X12's basic and
  // extended character sets stop at 0x7E, and such a byte is IK403 6.
  bool extended_bytes = false;

  static Rules all() noexcept { return {}; }
  static Rules none() noexcept { return {false, false, false, false}; }
  // "snip1,snip2,snip3,snip4" (also "1,2,3,4"; "all"). Nullopt on an unknown name.
  static std::optional<Rules> parse(std::string_view list);
};

enum class SetStatus : std::uint8_t { accepted, accepted_with_errors, rejected };
std::string_view to_string(SetStatus s) noexcept;  // "accepted", "accepted with errors", "rejected"

// One transaction set: its ids, counts and findings. ack::to_result
// (x12/ack/results.hpp) converts it to an ack::SetResult.
struct SetSummary {
  std::string id, control, reference;  // ST01, ST02, ST03
  std::string guide;                   // grammar name and version, "" when none
  std::uint64_t offset = 0;            // of the ST
  std::uint64_t segment_index = 0;     // of the ST in the input
  std::uint64_t segments = 0;          // ST..SE inclusive
  SetStatus status = SetStatus::accepted;
  std::size_t errors = 0, warnings = 0;
  std::vector<Finding> findings;
};

// One functional group. ack::to_result (x12/ack/results.hpp) converts it to
// the ack::GroupResult that make_999 answers.
struct GroupSummary {
  std::string functional_id, control, version;  // GS01, GS06, GS08
  std::string sender, receiver;                 // GS02, GS03 (an acknowledgment swaps them back)
  std::uint64_t sets_declared = 0;              // GE01 as read
  std::uint64_t offset = 0;
  std::vector<SetSummary> sets;
  std::vector<Finding> findings;  // group-level (AK9) findings

  std::size_t accepted() const noexcept;
};

struct InterchangeSummary {
  syntax::InterchangeInfo header;  // ISA fields (for a TA1)
  std::vector<GroupSummary> groups;
  std::vector<Finding> findings;  // interchange-level (TA1) findings and layout warnings
};

struct ValidateOptions {
  Rules rules;
  bool capture_values = false;  // copy offending values into findings (patient data)
  // Gateway limits (docs/security.md): segment and element length here,
  // segments per set and loop depth in `tree`, sets per file below.
  syntax::ReaderOptions reader;
  TreeLimits tree;
  // Transaction sets per file. The ST past it is reported (sets_over_limit)
  // and reading stops there, so a report's summaries stay bounded.
  std::uint64_t max_sets = 1'000'000;
  // Findings kept per transaction set. Past it the rest are counted, not
  // kept (one last findings_dropped finding says how many), so a hostile
  // set cannot grow the report: memory stays bounded by one set's findings.
  std::size_t max_set_findings = 2'000;
  // Checking a part of a file on its own (validate_range): where the
  // envelope checks resume. Not owned; null for a whole input.
  const syntax::EnvelopeResume* envelope_resume = nullptr;
  // External code lists (x12/schema/external_codes.hpp), checked under SNIP 2
  // where the grammar names the open lists adjustment_reasons (CARC) and
  // remark_codes (RARC), and in LQ02 when LQ01 is HE. Null: the built-in,
  // partial lists. A CARC or RARC the list marks retired is a warning when
  // the 835 is dated (DTM*405, else BPR16) after its stop date. Not owned;
  // they must outlive the validation.
  const ExternalCodeList* carc = nullptr;
  const ExternalCodeList* rarc = nullptr;
  // ICD-10-CM (the CMS order file): when set, each ICD-10-CM code in HI must
  // be listed and billable. Not owned.
  const ExternalCodeList* diagnoses = nullptr;
};

struct Report {
  Diagnostics diagnostics;  // every finding, in input order as met
  std::vector<InterchangeSummary> interchanges;
  std::optional<Error> stop;  // the reader could not go on
  std::uint64_t segments = 0;

  bool has_errors() const noexcept { return stop.has_value() || diagnostics.has_errors(); }
  // Every set of every group, in input order.
  std::vector<const SetSummary*> sets() const;
};

// Validates a whole buffer (the buffer must outlive the call only).
Report validate(std::string_view buffer, const ValidateOptions& options = {},
                const Registry& registry = Registry::builtin());
// Validates a stream one transaction set at a time; memory is bounded by the
// largest transaction set (plus the findings).
Report validate(syntax::Source& source, const ValidateOptions& options = {},
                const Registry& registry = Registry::builtin());

}  // namespace x12::schema
