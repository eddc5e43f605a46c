#include "x12/billing/lifecycle.hpp"

#include <array>
#include <utility>

namespace x12::billing {

namespace {

struct StateRow {
  ClaimState state;
  std::string_view name, words;
  int stage;
};
// One row per state: its name, its words, its stage (decide()).
constexpr std::array<StateRow, claim_state_count> states{{
    {ClaimState::submitted, "submitted", "submitted, no answer yet", 0},
    {ClaimState::rejected_by_clearinghouse, "rejected_by_clearinghouse", "rejected by the clearinghouse", 1},
    {ClaimState::acknowledged, "acknowledged", "acknowledged by the clearinghouse", 1},
    {ClaimState::rejected_by_payer, "rejected_by_payer", "rejected by the payer", 2},
    {ClaimState::accepted_by_payer, "accepted_by_payer", "accepted by the payer", 2},
    {ClaimState::pending, "pending", "pending at the payer", 3},
    {ClaimState::paid, "paid", "paid", 4},
    {ClaimState::partially_paid, "partially_paid", "partially paid", 4},
    {ClaimState::denied, "denied", "denied", 4},
    {ClaimState::reversed, "reversed", "payment reversed", 4},
    {ClaimState::corrected, "corrected", "replaced by a corrected claim", 7},
    {ClaimState::voided, "voided", "voided", 7},
    {ClaimState::closed, "closed", "closed, nothing left to collect", 6},
    {ClaimState::forwarded_to_secondary, "forwarded_to_secondary", "forwarded to the secondary payer", 5},
}};

const StateRow& row(ClaimState s) noexcept { return states[static_cast<std::size_t>(s)]; }

using Words = std::pair<std::string_view, std::string_view>;

template <std::size_t N> std::string_view look_up(const std::array<Words, N>& table, std::string_view code) noexcept {
  for (const auto& [k, v] : table)
    if (k == code) return v;
  return {};
}

// Code list 507 (claim status category).
constexpr std::array<Words, 40> categories{{
    {"A0", "acknowledgment: forwarded"},
    {"A1", "acknowledgment: received"},
    {"A2", "acknowledgment: accepted into adjudication"},
    {"A3", "acknowledgment: returned as unprocessable"},
    {"A4", "acknowledgment: not found"},
    {"A5", "acknowledgment: split claim"},
    {"A6", "acknowledgment: rejected for missing information"},
    {"A7", "acknowledgment: rejected for invalid information"},
    {"A8", "acknowledgment: rejected for relational field in error"},
    {"P0", "pending: adjudication details"},
    {"P1", "pending: in process"},
    {"P2", "pending: payer review"},
    {"P3", "pending: provider requested information"},
    {"P4", "pending: patient requested information"},
    {"P5", "pending: payer administrative or system hold"},
    {"F0", "finalized"},
    {"F1", "finalized: payment"},
    {"F2", "finalized: denial"},
    {"F3", "finalized: revised"},
    {"F3F", "finalized: forwarded"},
    {"F3N", "finalized: not forwarded"},
    {"F4", "finalized: adjudication complete, no payment forthcoming"},
    {"R0", "requests for additional information: general"},
    {"R1", "requests for additional information: entity requests"},
    {"R3", "requests for additional information: claim or line"},
    {"R4", "requests for additional information: documentation"},
    {"R5", "request for more specific detail"},
    {"R6", "requests for additional information: regulatory requirements"},
    {"R7", "requests for additional information: confirm care is consistent with health plan policy"},
    {"R8", "requests for additional information: confirm care is consistent with health plan coverage"},
    {"R9", "requests for additional information: confirm care is consistent with provider expectations"},
    {"R10", "requests for additional information: confirm patient is covered"},
    {"R11", "requests for additional information: confirm health plan"},
    {"R12", "requests for additional information: medical records"},
    {"R13", "requests for additional information: claim"},
    {"E0", "response not possible: error on the submitted request data"},
    {"E1", "response not possible: system status"},
    {"E2", "information holder is not responding, resubmit at a later time"},
    {"E3", "correction required: relational fields in error"},
    {"D0", "data search unsuccessful"},
}};

// Code list 508 (claim status), the codes 277CA rejections and 277 answers
// use most; the rest are shown as their number.
constexpr std::array<Words, 42> status_codes{{
    {"0", "cannot provide further status electronically"},
    {"1", "for more detailed information, see the remittance advice"},
    {"2", "more detailed information in a letter"},
    {"3", "claim has been adjudicated and is awaiting the payment cycle"},
    {"6", "requested information was not provided or was insufficient"},
    {"12", "one or more submitted procedure codes have been combined"},
    {"15", "one or more submitted procedure codes have been modified"},
    {"16", "claim has been forwarded to the entity"},
    {"17", "claim has been forwarded by a third party to the entity"},
    {"19", "entity acknowledges receipt of the claim"},
    {"20", "accepted for processing"},
    {"21", "missing or invalid information"},
    {"23", "returned to the entity"},
    {"24", "entity not approved as an electronic submitter"},
    {"25", "entity not approved"},
    {"26", "entity not found"},
    {"27", "policy canceled"},
    {"29", "subscriber and policy number mismatched"},
    {"30", "subscriber and subscriber id mismatched"},
    {"31", "subscriber and policyholder name mismatched"},
    {"32", "subscriber and policy number not found"},
    {"33", "subscriber and subscriber id not found"},
    {"35", "claim not found"},
    {"41", "special handling required at the payer site"},
    {"54", "duplicate of a previously processed claim or line"},
    {"65", "claim or line has been paid"},
    {"88", "entity not eligible for benefits for the submitted dates of service"},
    {"97", "patient eligibility not found with the entity"},
    {"128", "entity's tax id"},
    {"145", "entity's specialty or taxonomy code"},
    {"153", "entity's id number"},
    {"158", "entity's date of birth"},
    {"164", "entity's contract or member number"},
    {"187", "dates of service"},
    {"189", "facility type code"},
    {"254", "principal diagnosis code"},
    {"255", "diagnosis code"},
    {"400", "claim is out of balance"},
    {"454", "procedure code for services rendered"},
    {"484", "business application currently not available"},
    {"510", "future date"},
    {"562", "entity's National Provider Identifier (NPI)"},
}};

constexpr std::array<Words, 18> entities{{
    {"1P", "provider"},
    {"03", "dependent"},
    {"40", "receiver"},
    {"41", "submitter"},
    {"71", "attending provider"},
    {"77", "service location"},
    {"82", "rendering provider"},
    {"85", "billing provider"},
    {"87", "pay-to provider"},
    {"DK", "ordering provider"},
    {"DN", "referring provider"},
    {"GB", "other insured"},
    {"HK", "subscriber"},
    {"IL", "subscriber"},
    {"PR", "payer"},
    {"QC", "patient"},
    {"TT", "transfer-to entity"},
    {"AY", "clearinghouse"},
}};

constexpr std::array<Words, 7> ack_codes{{
    {"A", "accepted"},
    {"E", "accepted, but errors were noted"},
    {"M", "rejected, message authentication code failed"},
    {"P", "partially accepted, at least one set was rejected"},
    {"R", "rejected"},
    {"W", "rejected, assurance failed validity tests"},
    {"X", "rejected, content after decryption could not be analyzed"},
}};

constexpr std::array<Words, 32> ta1_notes{{
    {"000", "no error"},
    {"001", "the interchange control numbers in the header and trailer do not match"},
    {"002", "this standard as noted in the control standards identifier is not supported"},
    {"003", "this version of the controls is not supported"},
    {"004", "the segment terminator is invalid"},
    {"005", "invalid interchange id qualifier for the sender"},
    {"006", "invalid interchange sender id"},
    {"007", "invalid interchange id qualifier for the receiver"},
    {"008", "invalid interchange receiver id"},
    {"009", "unknown interchange receiver id"},
    {"010", "invalid authorization information qualifier value"},
    {"011", "invalid authorization information value"},
    {"012", "invalid security information qualifier value"},
    {"013", "invalid security information value"},
    {"014", "invalid interchange date value"},
    {"015", "invalid interchange time value"},
    {"016", "invalid interchange standards identifier value"},
    {"017", "invalid interchange version id value"},
    {"018", "invalid interchange control number value"},
    {"019", "invalid acknowledgment requested value"},
    {"020", "invalid test indicator value"},
    {"021", "invalid number of included groups value"},
    {"022", "invalid control structure"},
    {"023", "improper (premature) end-of-file (transmission)"},
    {"024", "invalid interchange content (e.g. an invalid GS segment)"},
    {"025", "duplicate interchange control number"},
    {"026", "invalid data element separator"},
    {"027", "invalid component element separator"},
    {"028", "invalid delivery date in deferred delivery request"},
    {"029", "invalid delivery time in deferred delivery request"},
    {"030", "invalid delivery time code in deferred delivery request"},
    {"031", "invalid grade of service code"},
}};

}  // namespace

std::string_view to_string(ClaimState s) noexcept { return row(s).name; }
std::string_view describe(ClaimState s) noexcept { return row(s).words; }
int stage(ClaimState s) noexcept { return row(s).stage; }

std::optional<Move> parse_move(std::string_view s) noexcept {
  for (auto m : {Move::moved, Move::same, Move::late, Move::noted})
    if (to_string(m) == s) return m;
  return std::nullopt;
}

std::optional<ClaimState> parse_claim_state(std::string_view s) noexcept {
  for (const auto& r : states)
    if (r.name == s) return r.state;
  return std::nullopt;
}

std::string_view to_string(Move m) noexcept {
  switch (m) {
    case Move::moved: return "moved";
    case Move::same: return "same";
    case Move::late: return "late";
    case Move::noted: break;
  }
  return "noted";
}

Move decide(ClaimState current, ClaimState proposed) noexcept {
  if (current == proposed) return Move::same;
  if (current == ClaimState::corrected || current == ClaimState::voided) return Move::late;
  if (proposed == ClaimState::corrected || proposed == ClaimState::voided) return Move::moved;
  if (proposed == ClaimState::reversed) return stage(current) >= 4 ? Move::moved : Move::late;
  return stage(proposed) >= stage(current) ? Move::moved : Move::late;
}

std::string_view describe_status_category(std::string_view code) noexcept {
  auto w = look_up(categories, code);
  return w.empty() ? std::string_view("unknown status category") : w;
}

std::string describe_status_code(std::string_view code) {
  auto w = look_up(status_codes, code);
  return w.empty() ? "status code " + std::string(code) : std::string(w);
}

std::string describe_entity(std::string_view code) {
  auto w = look_up(entities, code);
  return w.empty() ? "entity " + std::string(code) : std::string(w);
}

std::string_view describe_ack_code(std::string_view code) noexcept {
  auto w = look_up(ack_codes, code);
  return w.empty() ? std::string_view("unknown acknowledgment code") : w;
}

std::string_view describe_ta1_note(std::string_view code) noexcept {
  auto w = look_up(ta1_notes, code);
  return w.empty() ? std::string_view("unknown interchange note code") : w;
}

}  // namespace x12::billing
