// Acknowledgment codes in words (X12 code lists 620, 621, 717/715, TA1 I17/I18).
#include <array>
#include <utility>

#include "page.hpp"

namespace x12::view::detail {

namespace {

using Table = std::pair<std::string_view, std::string_view>;

template <std::size_t N> std::string_view find(const std::array<Table, N>& t, std::string_view code) {
  for (const auto& [c, w] : t)
    if (c == code) return w;
  return "code not known to this view";
}

constexpr std::array<Table, 13> segment_errors{{
    {"1", "Unrecognized segment ID"},
    {"2", "Unexpected segment"},
    {"3", "Required segment missing"},
    {"4", "Loop occurs over maximum times"},
    {"5", "Segment exceeds maximum use"},
    {"6", "Segment not in defined transaction set"},
    {"7", "Segment not in proper sequence"},
    {"8", "Segment has data element errors"},
    {"I4", "Implementation \"Not Used\" segment present"},
    {"I6", "Implementation dependent segment missing"},
    {"I7", "Implementation loop occurs under minimum times"},
    {"I8", "Implementation segment below minimum use"},
    {"I9", "Implementation dependent \"Not Used\" segment present"},
}};

constexpr std::array<Table, 19> element_errors{{
    {"1", "Required data element missing"},
    {"2", "Conditional required data element missing"},
    {"3", "Too many data elements"},
    {"4", "Data element too short"},
    {"5", "Data element too long"},
    {"6", "Invalid character in data element"},
    {"7", "Invalid code value"},
    {"8", "Invalid date"},
    {"9", "Invalid time"},
    {"10", "Exclusion condition violated"},
    {"11", "Too many repetitions"},
    {"12", "Too many components"},
    {"13", "Data element not used by the implementation"},
    {"I6", "Code value not used in implementation"},
    {"I9", "Implementation dependent data element missing"},
    {"I10", "Implementation \"Not Used\" data element present"},
    {"I11", "Implementation too few repetitions"},
    {"I12", "Implementation pattern match failure"},
    {"I13", "Implementation dependent \"Not Used\" data element present"},
}};

constexpr std::array<Table, 7> set_statuses{{
    {"A", "Accepted"},
    {"E", "Accepted, but errors were noted"},
    {"M", "Rejected, message authentication code failed"},
    {"P", "Partially accepted, at least one transaction set rejected"},
    {"R", "Rejected"},
    {"W", "Rejected, assurance failed validity tests"},
    {"X", "Rejected, content after decryption could not be analyzed"},
}};

constexpr std::array<Table, 32> interchange_notes{{
    {"000", "No error"},
    {"001", "The interchange control numbers in the header and trailer do not match"},
    {"002", "This standard as noted in the control standards identifier is not supported"},
    {"003", "This version of the controls is not supported"},
    {"004", "The segment terminator is invalid"},
    {"005", "Invalid interchange ID qualifier for sender"},
    {"006", "Invalid interchange sender ID"},
    {"007", "Invalid interchange ID qualifier for receiver"},
    {"008", "Invalid interchange receiver ID"},
    {"009", "Unknown interchange receiver ID"},
    {"010", "Invalid authorization information qualifier value"},
    {"011", "Invalid authorization information value"},
    {"012", "Invalid security information qualifier value"},
    {"013", "Invalid security information value"},
    {"014", "Invalid interchange date value"},
    {"015", "Invalid interchange time value"},
    {"016", "Invalid interchange standards identifier value"},
    {"017", "Invalid interchange version ID value"},
    {"018", "Invalid interchange control number value"},
    {"019", "Invalid acknowledgment requested value"},
    {"020", "Invalid test indicator value"},
    {"021", "Invalid number of included groups value"},
    {"022", "Invalid control structure"},
    {"023", "Improper (premature) end-of-file (transmission)"},
    {"024", "Invalid interchange content (e.g., invalid GS segment)"},
    {"025", "Duplicate interchange control number"},
    {"026", "Invalid data element separator"},
    {"027", "Invalid component element separator"},
    {"028", "Invalid delivery date in deferred delivery request"},
    {"029", "Invalid delivery time in deferred delivery request"},
    {"030", "Invalid delivery time code in deferred delivery request"},
    {"031", "Invalid grade of service code"},
}};

}  // namespace

std::string_view segment_error_words(std::string_view code) { return find(segment_errors, code); }
std::string_view element_error_words(std::string_view code) { return find(element_errors, code); }
std::string_view set_status_words(std::string_view code) { return find(set_statuses, code); }
std::string_view interchange_note_words(std::string_view code) { return find(interchange_notes, code); }

}  // namespace x12::view::detail
