// The claim lifecycle (domain.md I.4): the states a claim passes through from
// submission to its end, and the one rule that decides whether a response
// moves a claim. Responses repeat and arrive out of order (an 835 before its
// 277CA), so a state is only left for one at least as far along; an older
// response is kept in the claim's history without moving it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace x12::billing {

enum class ClaimState : std::uint8_t {
  submitted,                  // the 837 was sent
  rejected_by_clearinghouse,  // a TA1 or 999 rejected its interchange or set
  acknowledged,               // a 999 accepted its set (IK5 A or E)
  rejected_by_payer,          // 277CA A3/A4/A6/A7/A8
  accepted_by_payer,          // 277CA A1/A2 (payer claim number kept)
  pending,                    // 277 P category
  paid,                       // 835 paid in full
  partially_paid,             // 835 paid less (a line paid nothing)
  denied,                     // 835 paid nothing, or 277 F2/F4
  reversed,                   // 835 CLP02 22
  corrected,                  // a frequency 7 claim replaced it (REF*F8)
  voided,                     // a frequency 8 claim voided it (REF*F8)
  closed,                     // nothing left to collect from the payer or patient
  forwarded_to_secondary,     // sent on to the secondary payer (835 CLP02 19-21, x12 secondary)
};
inline constexpr int claim_state_count = 14;

// The state's name as the issue spells it ("rejected_by_payer").
std::string_view to_string(ClaimState s) noexcept;
std::optional<ClaimState> parse_claim_state(std::string_view s) noexcept;
// A line a biller reads ("rejected by the payer").
std::string_view describe(ClaimState s) noexcept;

// What a response does to a claim in state `current`.
enum class Move : std::uint8_t {
  moved,  // the claim goes to the proposed state
  same,   // it is in that state already (a repeated response): nothing to record
  late,   // the claim is further along already: recorded in its history only
  noted,  // the response implies no state (277 F0, R, E; TA1 E): history only
};
std::string_view to_string(Move m) noexcept;
std::optional<Move> parse_move(std::string_view s) noexcept;

// The transition rule, a table over (current, proposed):
// - corrected and voided are ends: a replaced claim moves no more;
// - a reversal reopens any adjudicated, forwarded or closed claim;
// - otherwise a claim moves to a state at least as far along (submitted <
//   the clearinghouse's answer < the payer's acknowledgment < pending <
//   adjudicated (paid, partially paid, denied, reversed) < forwarded <
//   closed), and a state of the same stage replaces another (a claim
//   rejected by the payer and then accepted after a correction).
Move decide(ClaimState current, ClaimState proposed) noexcept;

// The stage used by decide(): 0 submitted ... 7 corrected/voided.
int stage(ClaimState s) noexcept;

// Claim status category codes (STC01-1, code list 507) in words.
std::string_view describe_status_category(std::string_view code) noexcept;
// Claim status codes (STC01-2, code list 508) common in 277CA rejections, in
// words; an unknown code comes back as "status code NNN".
std::string describe_status_code(std::string_view code);
// Entity identifier codes (STC01-3, NM101) in words; unknown: "entity XX".
std::string describe_entity(std::string_view code);
// 999 IK5/AK9 and TA1 codes in words.
std::string_view describe_ack_code(std::string_view code) noexcept;
std::string_view describe_ta1_note(std::string_view code) noexcept;

}  // namespace x12::billing
