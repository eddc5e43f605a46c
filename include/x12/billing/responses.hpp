// What the clearinghouse and the payer say back about submitted claims, read
// from TA1, 999, 277CA (005010X214) and 277 (005010X212) files with the
// syntax reader: interchange answers, set answers, and one ClaimResponse per
// claim-level STC group. Values are copied out (they are few), so the input
// may go once read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "x12/billing/lifecycle.hpp"
#include "x12/error.hpp"
#include "x12/money.hpp"
#include "x12/syntax/reader.hpp"

namespace x12::billing {

using Date = boost::gregorian::date;

// A TA1: the answer to one interchange.
struct InterchangeAnswer {
  std::string interchange_control;  // TA101, the ISA13 answered
  std::string code;                 // TA104: A, E, R
  std::string note;                 // TA105
  std::optional<Date> date;         // TA102
};

// A 999 AK2/IK5 (or an AK9 answering a group with no AK2): one set answered.
struct SetAnswer {
  std::string functional_id;        // AK101 (HC for 837s)
  std::string group_control;        // AK102, the GS06 answered
  std::string set_id;               // AK201 (837); empty: the whole group (AK9)
  std::string set_control;          // AK202, the ST02 answered
  std::string code;                 // IK501 or AK901: A, E, R, M, W, X, P
  std::vector<std::string> errors;  // IK502-IK506 or AK905-AK909, and IK3 segment ids
  std::optional<Date> date;         // GS04 of the 999
  bool accepted() const noexcept { return code == "A" || code == "E" || code == "P"; }
};

// One STC (with its status code triplets) at claim level of a 277CA or 277.
struct StatusTriplet {
  std::string category, status, entity;  // STC01-1..3 (also STC10, STC11)
};
struct ClaimResponse {
  bool claim_acknowledgment = false;       // a 277CA (X214); else a 277 (X212)
  std::string patient_control_number;      // 277CA TRN02; 277 REF*EJ, else TRN02
  std::string payer_claim_control_number;  // REF*1K
  std::string clearinghouse_trace;         // REF*D9
  std::string payer_id, payer_name;        // NM1*PR (or AY) at HL 20
  std::string billing_npi;                 // NM1*85/1P NM109
  std::string member_id;                   // NM1*IL/QC NM109
  std::vector<StatusTriplet> statuses;     // every claim-level STC's codes, in order
  std::string action;                      // STC03 of the first STC
  std::optional<Date> status_date;         // STC02 of the first STC
  Money charge, paid;                      // STC04, STC05
  std::optional<Date> service_from;        // DTP*472
  std::string set_control;                 // ST02 of the 277 set
  // The state the first claim-level STC's category implies: A1/A2 accepted,
  // A3/A4/A6/A7/A8 rejected, P pending, F1 paid in full or partly (STC05),
  // F2/F4 denied; none for the others (A0, F0, F3, R, E, D0).
  std::optional<ClaimState> implied_state() const;
  // "A7 acknowledgment: rejected for invalid information: entity's National
  // Provider Identifier (NPI) (billing provider)" for each triplet, "; " joined.
  std::string reason() const;
  // The codes, "A7:562:85 A7:21:QC".
  std::string codes() const;
};

struct Responses {
  std::vector<InterchangeAnswer> interchanges;
  std::vector<SetAnswer> sets;
  std::vector<ClaimResponse> claims;
  // Sets of other types met (835, 837...) by ST01; not read here.
  std::vector<std::string> other_sets;
  // The interchange control number (ISA13) of the first interchange read, and
  // the sender: what a report names the file by.
  std::string interchange_control, sender;
};

// Where a streaming read puts what it finds, as it finds it (memory does not
// grow with the file). Every segment is shown to segment() first.
class ResponseSink {
 public:
  virtual ~ResponseSink() = default;
  virtual void segment(const syntax::Segment&) {}
  virtual void interchange_header(std::string_view /*isa13*/, std::string_view /*sender*/) {}
  virtual void interchange(const InterchangeAnswer& a) = 0;
  virtual void set(const SetAnswer& a) = 0;
  virtual void claim(const ClaimResponse& c) = 0;
  virtual void other_set(std::string_view /*st01*/) {}
};

// Streams the input into the sink; a stop comes back as the error.
std::optional<Error> read_responses(syntax::Reader& reader, ResponseSink& sink);

// Reads every TA1, 999 and 277 of the input. A stop (no ISA, a broken
// header) comes back as the error; 835/837 sets are listed in other_sets.
result<Responses> read_responses(syntax::Reader& reader);
result<Responses> read_responses(std::string_view text);

}  // namespace x12::billing
