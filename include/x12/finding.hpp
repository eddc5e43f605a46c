// Findings: what is wrong with the input, where, and which TA1/999 code it
// maps to. Every layer reports through these; the code table lives in
// src/finding.cpp, in one place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "x12/position.hpp"

namespace x12 {

enum class Severity : std::uint8_t { info, warning, error };

// Where a finding's acknowledgment code goes.
enum class AckLevel : std::uint8_t {
  none,  // layout tolerance, no acknowledgment code
  ta1,   // TA105 interchange note
  ak9,   // AK905-AK909 functional group error
  ik5,   // IK502-IK506 transaction set error
  ik3,   // IK304 segment error
  ik4,   // IK403 element error
};

// Named after what went wrong. Grouped by the acknowledgment they feed.
enum class Code : std::uint16_t {
  // Layout tolerances (warnings, no ack code).
  byte_order_mark,
  line_break_after_terminator,
  whitespace_before_segment,
  component_separator_mismatch,
  repetition_separator_legacy,
  // Interchange (TA1).
  interchange_control_mismatch,            // ISA13 != IEA02            TA1 001
  interchange_version_unsupported,         // ISA12                      TA1 017
  interchange_control_invalid,             // ISA13 not 9 digits         TA1 018
  interchange_ack_requested_invalid,       // ISA14                    TA1 019
  interchange_test_indicator_invalid,      // ISA15                   TA1 020
  interchange_date_invalid,                // ISA09                      TA1 014
  interchange_time_invalid,                // ISA10                      TA1 015
  interchange_auth_qualifier_invalid,      // ISA01                   TA1 010
  interchange_security_qualifier_invalid,  // ISA03               TA1 012
  interchange_sender_qualifier_invalid,    // ISA05               TA1 005
  interchange_receiver_qualifier_invalid,  // ISA07               TA1 007
  interchange_group_count_mismatch,        // IEA01                     TA1 021
  interchange_structure_invalid,           // trailer without header, segment outside an envelope  TA1 022
  interchange_trailer_missing,             // no IEA                    TA1 023
  interchange_control_duplicate,           // ISA13 repeated            TA1 025
  segment_terminator_missing,              // last segment unterminated TA1 023
  // Functional group (AK9).
  group_trailer_missing,     // GE missing                AK9 3
  group_control_mismatch,    // GS06 != GE02              AK9 4
  group_set_count_mismatch,  // GE01                      AK9 5
  group_control_invalid,     // GS06 not numeric          AK9 6
  group_control_duplicate,   // GS06 repeated             AK9 19
  // Transaction set (IK5).
  set_not_supported,           // no grammar for ST01/GS08  IK5 1
  set_trailer_missing,         // SE missing                IK5 2
  set_control_mismatch,        // ST02 != SE02              IK5 3
  set_segment_count_mismatch,  // SE01                      IK5 4
  set_has_segment_errors,      //                           IK5 5
  set_id_invalid,              // ST01                      IK5 6
  set_control_invalid,         // ST02                      IK5 7
  set_outside_group,           // ST without GS             IK5 18
  set_version_invalid,         // ST03                      IK5 19
  set_control_duplicate,       // ST02 repeated in group    IK5 23
  set_guide_segment_errors,    //                           IK5 I5
  // Segment (IK3).
  segment_unrecognized,          // IK3 1
  segment_unexpected,            // IK3 2
  segment_required_missing,      // IK3 3
  loop_over_max,                 // IK3 4
  segment_over_max_use,          // IK3 5
  segment_not_in_set,            // IK3 6
  segment_out_of_order,          // IK3 7
  segment_has_element_errors,    // IK3 8
  segment_not_used,              // IK3 I4
  segment_situational_missing,   // IK3 I6
  loop_under_min,                // IK3 I7
  segment_under_min,             // IK3 I8
  segment_situational_not_used,  // IK3 I9
  segment_too_long,              // over the reader's limit, IK3 8
  // Element (IK4).
  element_required_missing,      // IK4 1
  element_conditional_missing,   // IK4 2
  too_many_elements,             // IK4 3
  element_too_short,             // IK4 4
  element_too_long,              // IK4 5
  element_invalid_character,     // IK4 6
  element_invalid_code,          // IK4 7
  element_invalid_date,          // IK4 8
  element_invalid_time,          // IK4 9
  element_exclusion_violated,    // IK4 10
  too_many_repetitions,          // IK4 12
  too_many_components,           // IK4 13
  element_code_not_used,         // IK4 I6
  element_situational_missing,   // IK4 I9
  element_not_used,              // IK4 I10
  too_few_repetitions,           // IK4 I11
  element_pattern_mismatch,      // IK4 I12
  element_situational_not_used,  // IK4 I13
  delimiter_in_data,             // writer: a value holds a delimiter, IK4 6
  // Typed models (tx): balancing (SNIP 3) and values the typed model keeps aside.
  balance_claim_charge,     // 837P CLM02 != sum SV102            IK4 I12
  balance_cob_claim,        // 837P 2320: CLM02 != AMT*D + CAS    IK4 I12
  balance_cob_line,         // 837P 2430: SV102 != SVD02 + CAS    IK4 I12
  balance_service_payment,  // 835 SVC02 - CAS != SVC03           IK4 I12
  balance_claim_payment,    // 835 CLP03 - CAS != CLP04           IK4 I12
  balance_claim_lines,      // 835 sum SVC03 != CLP04 (warning)   IK4 I12
  balance_transaction,      // 835 BPR02 != sum CLP04 - sum PLB   IK4 I12
  balance_reversal,         // 835 reversal does not net to zero  IK4 I12
  tx_segment_unmodelled,    // kept as an unmodelled segment (info)
  tx_value_unreadable,      // a typed field could not be read    IK4 8/6
  findings_dropped,         // Diagnostics::max_findings reached; the rest are counted
  // Gateway limits (docs/security.md): past each one a finding, never an abort.
  element_over_limit,      // ReaderOptions::max_element_length; segment skipped  IK3 8
  set_over_segment_limit,  // TreeLimits::max_segments; rest of the set not kept   IK5 5
  loop_over_depth_limit,   // TreeLimits::max_depth (loops, HL02 chains)           IK3 2
  sets_over_limit,         // ValidateOptions::max_sets; reading stops             TA1 024
  // Issue 16: front-end conformance.
  trailing_separator,              // REF*EI*123*~, SV101 HC:H0015: (trailing empty element/component)  IK4 6
  address_po_box,                  // 2010AA N301 looks like a post office or lock box (warning)         IK4 I12
  date_implausible,                // a date before 1900 or more than a year ahead (warning)            IK4 8
  set_guide_mismatch,              // ST03 names another guide than GS08 (warning)                      IK5 19
  balance_patient_responsibility,  // 835 CLP05 != sum of PR adjustments (warning)                       IK4 I12
  code_unknown,                    // CARC/RARC/ICD-10-CM code not in its code list (schema/external_codes.hpp) IK4 7
  code_retired,                    // CARC/RARC used after the stop date its loaded list gives (warning)     IK4 7
  diagnosis_not_billable,          // HI ICD-10-CM header (category) code, per the loaded --codes list       IK4 7
  // Keep last.
  count_
};

struct CodeInfo {
  AckLevel level;
  std::string_view ack_code;  // "001", "4", "I5", ... ; empty for AckLevel::none
  Severity severity;          // default severity
  std::string_view name;      // stable machine name, e.g. "set_segment_count_mismatch"
  std::string_view summary;   // plain words, no values
};

const CodeInfo& info(Code code) noexcept;

struct Finding {
  Code code{};
  Severity severity = Severity::error;
  Position where;
  std::string loop;       // loop id, e.g. "2300"; empty when unknown
  std::string reference;  // guide reference, e.g. "2300/CLM05-01"
  std::string message;    // plain words, never an element value
  std::string value;      // the offending value; only filled when the caller asked
  // For implementation-guide situational rules: the segment (and element)
  // whose content made the rule apply, e.g. CLM05-03 = 7 for a missing REF*F8.
  // A 999 sends it as CTX*SITUATIONAL TRIGGER. trigger.set_index 0 = none.
  Position trigger;
  std::string trigger_loop;

  bool has_trigger() const noexcept { return trigger.set_index != 0; }

  std::string_view ack_code() const noexcept { return info(code).ack_code; }
  AckLevel ack_level() const noexcept { return info(code).level; }
};

// Renders "byte 1234, segment 17 (CLM), element CLM05-01: message" and the value
// only when show_values is set.
std::string format(const Finding& f, bool show_values = false);

class Diagnostics {
 public:
  Finding& add(Code code, const Position& where, std::string message);
  Finding& add(Finding f);

  const std::vector<Finding>& all() const noexcept { return findings_; }
  std::vector<Finding>& all() noexcept { return findings_; }
  std::size_t size() const noexcept { return findings_.size(); }
  bool empty() const noexcept { return findings_.empty(); }
  std::size_t count(Severity s) const noexcept;
  bool has_errors() const noexcept { return dropped_errors_ > 0 || count(Severity::error) > 0; }
  // Forgets the findings and the counts of dropped ones: the list starts over.
  void clear() noexcept {
    findings_.clear();
    dropped_ = dropped_errors_ = 0;
    dropped_by_code_.clear();
  }

  // Values are captured into findings only when this is set (patient data).
  bool capture_values = false;
  // Past this many findings the rest are only counted (one last finding says
  // so), so hostile input cannot grow the list without bound.
  std::size_t max_findings = 100'000;
  std::uint64_t dropped() const noexcept { return dropped_; }
  std::uint64_t dropped_errors() const noexcept { return dropped_errors_; }
  // Findings counted past the limit, by code, in the order first met.
  const std::vector<std::pair<Code, std::uint64_t>>& dropped_by_code() const noexcept { return dropped_by_code_; }

  // True when the next finding would only be counted: a caller that knows
  // this can skip building it and call drop() instead.
  bool full() const noexcept { return findings_.size() >= max_findings + (dropped_ ? 1 : 0); }
  // Counts a finding past the limit without building it. The last kept
  // finding (findings_dropped) says how many only after settle().
  void drop(Code code, const Position& where);
  // Words the findings_dropped finding with the exact counts, by code.
  void settle();

 private:
  Finding& overflow(const Finding& f);
  void count_drop(Code code, Severity severity, const Position& where);
  std::vector<std::pair<Code, std::uint64_t>> dropped_by_code_;

  std::vector<Finding> findings_;
  std::uint64_t dropped_ = 0;
  std::uint64_t dropped_errors_ = 0;
  Finding discard_;  // what add() returns once the limit is reached
};

// Diagnostics' limit for a writer that streams findings out instead of
// keeping them: the first `max` findings are admitted (the caller writes
// them), the rest are counted by code. summary() is then the findings_dropped
// finding Diagnostics would list last, with the same words and counts.
class FindingLimit {
 public:
  explicit FindingLimit(std::size_t max = Diagnostics{}.max_findings) : max_(max) {}
  // True: within the limit. False: counted only.
  bool admit(const Finding& f);
  std::uint64_t dropped() const noexcept { return dropped_; }
  std::uint64_t dropped_errors() const noexcept { return dropped_errors_; }
  // The findings_dropped finding once something was dropped.
  std::optional<Finding> summary() const;

 private:
  std::size_t max_;
  std::size_t admitted_ = 0;
  std::uint64_t dropped_ = 0, dropped_errors_ = 0;
  Position first_dropped_;
  std::vector<std::pair<Code, std::uint64_t>> by_code_;
};

}  // namespace x12
