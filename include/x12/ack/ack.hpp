// Acknowledgments built from findings: the 999 (005010X231A1) answers a
// functional group, the TA1 answers an interchange envelope.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "x12/finding.hpp"
#include "x12/syntax/delimiters.hpp"
#include "x12/syntax/envelope.hpp"

namespace x12::ack {

// A business unit (a claim, a patient) that a run of segments belongs to,
// for the 999's business-unit context, CTX*CLM01:PCN0001234. Its value
// identifies a patient, so it is written only with AckOptions::include_values.
struct BusinessUnit {
  std::string name;         // CTX01-01: CLM01, NM109, TRN02, ENT01, "PATIENT NAME NM109", ...
  std::string value;        // CTX01-02: the claim's patient control number, ...
  std::uint32_t first = 0;  // set positions (ST = 1) of the segments it covers, inclusive
  std::uint32_t last = 0;
};

// One transaction set as received, with every finding whose position lies in it.
struct SetResult {
  std::string id;         // ST01
  std::string control;    // ST02
  std::string reference;  // ST03 (may be empty)
  std::vector<Finding> findings;
  std::vector<BusinessUnit> units;  // optional; the first that covers a segment in error is written
};

// One functional group as received.
struct GroupResult {
  std::string functional_id;        // GS01
  std::string control;              // GS06
  std::string version;              // GS08
  std::uint64_t sets_declared = 0;  // GE01 as read (0 when GE is missing)
  std::vector<SetResult> sets;
  std::vector<Finding> findings;  // group-level findings (AK9 codes)
};

struct AckOptions {
  // Envelope of the acknowledgment: the original receiver answers the sender.
  std::string sender_qualifier = "ZZ", sender = "X12";
  std::string receiver_qualifier = "ZZ", receiver = "SENDER";
  std::string interchange_control = "000000001";  // ISA13 of the acknowledgment, 9 digits
  std::string group_control = "1";
  std::string group_sender, group_receiver;  // GS02/GS03; empty: the same as sender/receiver
  std::string set_control = "0001";          // ST02/SE02 of the 999 (4 to 9 characters)
  std::string date = "20260101";             // CCYYMMDD
  std::string time = "1200";                 // HHMM
  char usage = 'P';                          // ISA15
  syntax::Delimiters delimiters{};
  bool include_values = false;        // IK404 copies of bad values (patient data): off by default
  bool include_accepted_sets = true;  // an AK2/IK5 for every set, not only those in error
  // Claim-level rejections go in the 277CA, not the 999: the 999 leaves out
  // the errors that make_277ca gives to a claim, in the sets the 277CA
  // answers (ack::leave_claims_to_277ca, x12/ack/claim_ack.hpp). Needs the
  // input read again for its claims, so only make_acks given the whole input
  // honours it; AckSink throws usage_error; make_999 and make_ta1 ignore it.
  bool claims_in_277ca = false;
  // False: GroupAckWriter writes the functional group only (GS ... GE), for a
  // caller that puts several groups in one interchange (ack::AckSink).
  bool envelope = true;
};

// The 999 for one functional group, as a complete interchange (ISA ... IEA).
// Element findings (AckLevel::ik4) go in IK4s under one IK3*...*8 per
// segment; segment findings in IK3s; set findings in IK502-IK506 (plus 5 when
// the set has IK3s); group findings in AK905-AK909; ta1/none findings are left
// out. Errors reject (R); warnings are reported but accept (E); info is left
// out. AK901 is P when some sets are rejected and some accepted, R when all
// are or the group has an error (AK904 is then 0). No values (IK404, CTX) are
// written unless options.include_values. See docs/acknowledgments.md.
// Throws usage_error for options no interchange can carry; never for findings.
std::string make_999(const GroupResult& group, const AckOptions& options = {});

// make_999 one set at a time, for a group too large to hold: begin() with the
// group's GS01, GS06 and GS08, add() for each set in order, finish() with GE01
// as read and the group-level findings. take() hands over the text written so
// far (the caller writes it out as it grows); after finish() the text taken is
// the whole 999 interchange, as make_999 writes it. begin() may follow
// finish() for the next group. Memory is one set's, whatever the group's size.
class GroupAckWriter {
 public:
  explicit GroupAckWriter(const AckOptions& options = {});  // throws usage_error as make_999
  ~GroupAckWriter();
  GroupAckWriter(GroupAckWriter&&) noexcept;
  GroupAckWriter& operator=(GroupAckWriter&&) noexcept;

  void begin(std::string_view functional_id, std::string_view control, std::string_view version);
  void add(const SetResult& set);
  void finish(std::uint64_t sets_declared, const std::vector<Finding>& group_findings);
  std::string take();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The TA1 for one interchange (ISA13/ISA09/ISA10 of the received header, and
// its findings' TA105 code), as a complete interchange with no functional group.
// TA104 is R with the first TA1-level error's code, E with the first
// warning's code when there are only warnings, else A and 000.
std::string make_ta1(const syntax::InterchangeInfo& received, const std::vector<Finding>& findings,
                     const AckOptions& options = {});

}  // namespace x12::ack
