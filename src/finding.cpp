#include "x12/finding.hpp"

#include <fmt/format.h>
#include <array>

namespace x12 {

namespace {

using enum AckLevel;
constexpr Severity W = Severity::warning;
constexpr Severity E = Severity::error;

// The one table that ties each finding to its acknowledgment code. Order
// follows the Code enumeration; a static_assert keeps them in step.
constexpr std::array<CodeInfo, static_cast<std::size_t>(Code::count_)> kTable{{
    {none, "", W, "byte_order_mark", "the file starts with a UTF-8 byte-order mark, which X12 does not define"},
    {none, "", W, "line_break_after_terminator", "line breaks follow segment terminators; X12 ignores them"},
    {none, "", W, "whitespace_before_segment", "blanks or line breaks stand before a segment id"},
    {none, "", W, "component_separator_mismatch",
     "the data appears to use a different component separator than ISA16 declares; read as declared"},
    {none, "", W, "repetition_separator_legacy",
     "ISA11 holds a pre-5010 standards identifier, not a repetition separator"},
    {ta1, "001", E, "interchange_control_mismatch", "the interchange control number in IEA02 does not match ISA13"},
    {ta1, "017", W, "interchange_version_unsupported", "the interchange version in ISA12 is not supported"},
    {ta1, "018", E, "interchange_control_invalid", "the interchange control number in ISA13 is not nine digits"},
    {ta1, "019", E, "interchange_ack_requested_invalid", "ISA14 (acknowledgment requested) must be 0 or 1"},
    {ta1, "020", E, "interchange_test_indicator_invalid", "ISA15 (usage indicator) must be P or T"},
    {ta1, "014", E, "interchange_date_invalid", "the interchange date in ISA09 is not a valid YYMMDD date"},
    {ta1, "015", E, "interchange_time_invalid", "the interchange time in ISA10 is not a valid HHMM time"},
    {ta1, "010", E, "interchange_auth_qualifier_invalid",
     "ISA01 (authorization information qualifier) is not a valid code"},
    {ta1, "012", E, "interchange_security_qualifier_invalid",
     "ISA03 (security information qualifier) is not a valid code"},
    {ta1, "005", E, "interchange_sender_qualifier_invalid", "ISA05 (sender id qualifier) is not a valid code"},
    {ta1, "007", E, "interchange_receiver_qualifier_invalid", "ISA07 (receiver id qualifier) is not a valid code"},
    {ta1, "021", E, "interchange_group_count_mismatch",
     "IEA01 does not match the number of functional groups in the interchange"},
    {ta1, "022", E, "interchange_structure_invalid", "the envelope structure is invalid"},
    {ta1, "023", E, "interchange_trailer_missing", "the interchange has no IEA trailer (premature end of file)"},
    {ta1, "025", E, "interchange_control_duplicate", "the interchange control number is used twice in this file"},
    {ta1, "023", E, "segment_terminator_missing", "the last segment has no segment terminator (premature end of file)"},
    {ak9, "3", E, "group_trailer_missing", "the functional group has no GE trailer"},
    {ak9, "4", E, "group_control_mismatch", "the group control number in GE02 does not match GS06"},
    {ak9, "5", E, "group_set_count_mismatch", "GE01 does not match the number of transaction sets in the group"},
    {ak9, "6", E, "group_control_invalid", "the group control number in GS06 is not a number of 1 to 9 digits"},
    {ak9, "19", E, "group_control_duplicate", "the group control number is used twice in this interchange"},
    {ik5, "1", E, "set_not_supported", "no implementation guide is known for this transaction set"},
    {ik5, "2", E, "set_trailer_missing", "the transaction set has no SE trailer"},
    {ik5, "3", E, "set_control_mismatch", "the control number in SE02 does not match ST02"},
    {ik5, "4", E, "set_segment_count_mismatch", "SE01 does not match the number of segments from ST to SE"},
    {ik5, "5", E, "set_has_segment_errors", "one or more segments are in error"},
    {ik5, "6", E, "set_id_invalid", "the transaction set identifier in ST01 is missing or invalid"},
    {ik5, "7", E, "set_control_invalid", "the transaction set control number in ST02 is missing or invalid"},
    {ik5, "18", E, "set_outside_group", "the transaction set is not inside a functional group"},
    {ik5, "19", E, "set_version_invalid", "the implementation guide reference in ST03 is invalid"},
    {ik5, "23", E, "set_control_duplicate", "the transaction set control number is used twice in this group"},
    {ik5, "I5", E, "set_guide_segment_errors", "one or more segments break implementation-guide rules"},
    {ik3, "1", E, "segment_unrecognized", "the segment id is not recognized"},
    {ik3, "2", E, "segment_unexpected", "the segment is not expected here"},
    {ik3, "3", E, "segment_required_missing", "a required segment is missing"},
    {ik3, "4", E, "loop_over_max", "the loop occurs more often than allowed"},
    {ik3, "5", E, "segment_over_max_use", "the segment occurs more often than allowed"},
    {ik3, "6", E, "segment_not_in_set", "the segment is not defined in this transaction set"},
    {ik3, "7", E, "segment_out_of_order", "the segment is out of sequence"},
    {ik3, "8", E, "segment_has_element_errors", "the segment has element errors"},
    {ik3, "I4", E, "segment_not_used", "the implementation guide says this segment is not used"},
    {ik3, "I6", E, "segment_situational_missing", "a segment required in this situation is missing"},
    {ik3, "I7", E, "loop_under_min", "the loop occurs fewer times than the implementation guide requires"},
    {ik3, "I8", E, "segment_under_min", "the segment occurs fewer times than the implementation guide requires"},
    {ik3, "I9", E, "segment_situational_not_used", "the segment must not be sent in this situation"},
    {ik3, "8", E, "segment_too_long", "the segment is longer than the configured limit and was skipped"},
    {ik4, "1", E, "element_required_missing", "a required element is missing"},
    {ik4, "2", E, "element_conditional_missing", "a conditionally required element is missing"},
    {ik4, "3", E, "too_many_elements", "the segment has more elements than defined"},
    {ik4, "4", E, "element_too_short", "the element is shorter than its minimum length"},
    {ik4, "5", E, "element_too_long", "the element is longer than its maximum length"},
    {ik4, "6", E, "element_invalid_character", "the element holds a character that is not allowed"},
    {ik4, "7", E, "element_invalid_code", "the element holds a code that is not valid here"},
    {ik4, "8", E, "element_invalid_date", "the element is not a valid date"},
    {ik4, "9", E, "element_invalid_time", "the element is not a valid time"},
    {ik4, "10", E, "element_exclusion_violated", "elements that exclude each other are both present"},
    {ik4, "12", E, "too_many_repetitions", "the element repeats more often than allowed"},
    {ik4, "13", E, "too_many_components", "the composite has more components than defined"},
    {ik4, "I6", E, "element_code_not_used", "the code is valid in X12 but not used by this implementation guide"},
    {ik4, "I9", E, "element_situational_missing", "an element required in this situation is missing"},
    {ik4, "I10", E, "element_not_used", "the implementation guide says this element is not used"},
    {ik4, "I11", E, "too_few_repetitions", "the element repeats fewer times than required"},
    {ik4, "I12", E, "element_pattern_mismatch",
     "the element does not match the pattern the implementation guide requires"},
    {ik4, "I13", E, "element_situational_not_used", "the element must not be sent in this situation"},
    {ik4, "6", E, "delimiter_in_data", "a value contains a delimiter character, which X12 5010 cannot escape"},
    {ik4, "I12", E, "balance_claim_charge",
     "the claim total charge (CLM02) does not equal the sum of the line charges (SV102)"},
    {ik4, "I12", E, "balance_cob_claim",
     "for an other payer (2320), the claim charge does not equal the payer paid amount plus claim and line adjustments"},
    {ik4, "I12", E, "balance_cob_line",
     "for an other payer (2430), the line charge does not equal the line paid amount (SVD02) plus line adjustments"},
    {ik4, "I12", E, "balance_service_payment",
     "the line charge (SVC02) minus line adjustments does not equal the line payment (SVC03)"},
    {ik4, "I12", E, "balance_claim_payment",
     "the claim charge (CLP03) minus claim and line adjustments does not equal the claim payment (CLP04)"},
    {ik4, "I12", W, "balance_claim_lines",
     "the sum of the line payments (SVC03) does not equal the claim payment (CLP04)"},
    {ik4, "I12", E, "balance_transaction",
     "the total payment (BPR02) does not equal the sum of claim payments less provider adjustments"},
    {ik4, "I12", W, "balance_reversal",
     "a reversal claim (CLP02 22) does not net to zero against its original in the same file"},
    {none, "", Severity::info, "tx_segment_unmodelled", "the segment is kept as an unmodelled segment of its loop"},
    {none, "", W, "tx_value_unreadable", "a value of a modelled segment could not be read into the typed model"},
    {none, "", W, "findings_dropped",
     "the number of findings reached the configured limit; further findings were counted, not kept"},
    {ik3, "8", E, "element_over_limit",
     "an element is longer than the configured element length limit; the segment was skipped"},
    {ik5, "5", E, "set_over_segment_limit",
     "the transaction set has more segments than the configured limit; the rest were counted, not checked"},
    {ik3, "2", E, "loop_over_depth_limit",
     "loops or HL levels nest deeper than the configured limit; the segment was not placed"},
    {ta1, "024", E, "sets_over_limit",
     "the file holds more transaction sets than the configured limit; reading stopped"},
    {ik4, "6", E, "trailing_separator",
     "a segment or composite ends with a separator; trailing empty elements and components must be dropped"},
    {ik4, "I12", W, "address_po_box",
     "the billing provider address looks like a post office or lock box; it belongs in the pay-to address"},
    {ik4, "8", W, "date_implausible", "the date is before 1900 or more than a year in the future"},
    {ik5, "19", W, "set_guide_mismatch",
     "the transaction set's guide reference (ST03) names another implementation guide than its group's GS08"},
    {ik4, "I12", W, "balance_patient_responsibility",
     "the patient responsibility (CLP05) does not equal the sum of the patient responsibility (PR) adjustments"},
    {ik4, "7", E, "code_unknown",
     "an adjustment reason (CARC), remark (RARC) or diagnosis (ICD-10-CM) code is not in its code list"},
    {ik4, "7", W, "code_retired",
     "an adjustment reason (CARC) or remark (RARC) code is used after the stop date its code list gives"},
    {ik4, "7", E, "diagnosis_not_billable",
     "the diagnosis code is an ICD-10-CM header (category) code, not a billable one"},
}};

}  // namespace

const CodeInfo& info(Code code) noexcept { return kTable[static_cast<std::size_t>(code)]; }

std::string format(const Finding& f, bool show_values) {
  std::string out = f.where.describe();
  if (!f.loop.empty()) out += fmt::format(", loop {}", f.loop);
  if (!f.reference.empty() && f.reference != f.loop) out += fmt::format(" ({})", f.reference);
  out += fmt::format(": {}: {}",
                     f.severity == Severity::error     ? "error"
                     : f.severity == Severity::warning ? "warning"
                                                       : "note",
                     f.message.empty() ? std::string(info(f.code).summary) : f.message);
  const auto& ci = info(f.code);
  if (ci.level != AckLevel::none) {
    static constexpr std::array<std::string_view, 6> kLevel{"", "TA1", "AK9", "IK5", "IK3", "IK4"};
    out += fmt::format(" [{} {}]", kLevel[static_cast<std::size_t>(ci.level)], ci.ack_code);
  }
  if (show_values && !f.value.empty()) out += fmt::format(" (value: \"{}\")", f.value);
  return out;
}

namespace {

// The findings_dropped words, once the counts are final.
std::string dropped_words(std::size_t max, std::uint64_t dropped,
                          const std::vector<std::pair<Code, std::uint64_t>>& by_code) {
  std::string list;
  for (const auto& [c, n] : by_code) list += fmt::format("{}{} {}", list.empty() ? "" : ", ", info(c).name, n);
  return fmt::format("{} findings reached the limit; {} more were counted, not kept ({})", max, dropped, list);
}

void count_code(std::vector<std::pair<Code, std::uint64_t>>& by_code, Code code) {
  for (auto& [c, n] : by_code)
    if (c == code) return void(++n);
  by_code.emplace_back(code, 1);
}

}  // namespace

void Diagnostics::drop(Code code, const Position& where) { count_drop(code, info(code).severity, where); }

void Diagnostics::count_drop(Code code, Severity severity, const Position& where) {
  if (severity == Severity::error) ++dropped_errors_;
  if (dropped_++ == 0) {
    Finding last;
    last.code = Code::findings_dropped;
    last.severity = Severity::warning;
    last.where = where;
    last.message = fmt::format("{} findings reached the limit; later findings are counted, not kept", max_findings);
    findings_.push_back(std::move(last));
  }
  count_code(dropped_by_code_, code);
}

void Diagnostics::settle() {
  if (dropped_ == 0 || findings_.empty() || findings_.back().code != Code::findings_dropped) return;
  findings_.back().message = dropped_words(max_findings, dropped_, dropped_by_code_);
}

bool FindingLimit::admit(const Finding& f) {
  if (admitted_ < max_) return ++admitted_, true;
  if (dropped_++ == 0) first_dropped_ = f.where;
  if (f.severity == Severity::error) ++dropped_errors_;
  count_code(by_code_, f.code);
  return false;
}

std::optional<Finding> FindingLimit::summary() const {
  if (dropped_ == 0) return std::nullopt;
  Finding last;
  last.code = Code::findings_dropped;
  last.severity = Severity::warning;
  last.where = first_dropped_;
  last.message = dropped_words(max_, dropped_, by_code_);
  return last;
}

Finding& Diagnostics::overflow(const Finding& f) {
  count_drop(f.code, f.severity, f.where);
  settle();
  discard_ = f;
  return discard_;
}

Finding& Diagnostics::add(Code code, const Position& where, std::string message) {
  if (findings_.size() >= max_findings + (dropped_ ? 1 : 0)) {
    Finding f;
    f.code = code;
    f.severity = info(code).severity;
    f.where = where;
    return overflow(f);
  }
  Finding f;
  f.code = code;
  f.severity = info(code).severity;
  f.where = where;
  f.message = std::move(message);
  findings_.push_back(std::move(f));
  return findings_.back();
}

Finding& Diagnostics::add(Finding f) {
  if (findings_.size() >= max_findings + (dropped_ ? 1 : 0)) return overflow(f);
  findings_.push_back(std::move(f));
  return findings_.back();
}

std::size_t Diagnostics::count(Severity s) const noexcept {
  std::size_t n = 0;
  for (const auto& f : findings_) n += f.severity == s ? 1 : 0;
  return n;
}

}  // namespace x12
