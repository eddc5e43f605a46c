// Eligibility before the visit: 270 inquiries built from a list of patients,
// and 271 responses read into what a behavioral-health office needs (is the
// plan active, what does the patient pay per service type and network, how
// many visits are left, is an authorization required, who administers a
// carve-out). Transactions: 005010X279A1 (domain.md I.1). JSON shapes:
// docs/json.md "Eligibility".
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "x12/billing/encounter.hpp"
#include "x12/billing/practice.hpp"
#include "x12/error.hpp"
#include "x12/money.hpp"

namespace x12::billing {

// ---- 270 requests --------------------------------------------------------

// The service types asked for when an inquiry names none: health benefit plan
// coverage, mental health, psychotherapy, substance abuse.
std::span<const std::string_view> default_service_types() noexcept;

struct EligibilityInquiry {
  std::string payer;                   // a key of the practice's payers
  std::string member_id, last, first;  // the patient (the subscriber when "self")
  std::optional<Date> birth_date;
  std::optional<Date> date;  // the date asked about (DTP*291)
  Relationship relationship = Relationship::self;
  // For a dependent (relationship other than self): the subscriber, whose
  // member_id is the one the payer knows.
  std::optional<Subscriber> subscriber;
  std::vector<std::string> service_types;  // empty: default_service_types()
  std::string trace;                       // TRN02; the 271 echoes it
};

// {"inquiries": [...]} (docs/json.md "Eligibility inquiries").
result<std::vector<EligibilityInquiry>> parse_inquiries(std::string_view json);

struct EligibilityRequestOptions {
  std::uint64_t interchange_control = 1;  // ISA13 of the first interchange (one per payer)
  std::string date;                       // CCYYMMDD; empty: today (UTC)
  std::string time;                       // HHMM; empty: now (UTC)
};

// One interchange per payer (in the order payers first appear), each with
// one 270 holding one 2000C per inquiry (and a 2000D under it for a
// dependent). Fails, writing nothing, on an inquiry naming an unknown payer,
// lacking a member id, a name or a trace, or on a service type that is not
// one or two letters or digits.
result<std::string> build_eligibility_requests(const Practice& practice, std::span<const EligibilityInquiry> inquiries,
                                               const EligibilityRequestOptions& options = {});

// ---- 271 responses -------------------------------------------------------

// An AAA: the payer could not answer, and why.
struct EligibilityRejection {
  std::string level;           // payer, receiver, subscriber, dependent, benefit
  bool valid_request = false;  // AAA01: Y the request was valid, N it was not
  std::string reason_code;     // AAA03
  std::string reason;          // in words ("" when the code is unknown; the code is kept)
  std::string action_code;     // AAA04
  std::string action;          // in words
};

struct EligibilityDate {
  std::string qualifier;         // DTP01 (346 plan begin, 347 plan end, 356 eligibility begin, ...)
  std::string meaning;           // in words
  std::optional<Date> from, to;  // D8: from == to
  std::string text;              // DTP03 as sent
};

struct ContactNumber {
  std::string qualifier;  // TE, FX, EM, UR, WP, EX
  std::string number;
};

// A benefit-related entity (2120C/D): a carve-out payer, a managed care or
// utilization management organization, a primary care provider.
struct BenefitEntity {
  std::string role_code;         // NM101 (PRP, Y2, X3, VN, P3, ...)
  std::string role;              // in words
  std::string name;              // NM103 (and NM104 for a person)
  std::string id_qualifier, id;  // NM108, NM109
  Address address;
  std::string contact_name;
  std::vector<ContactNumber> contacts;  // PER
};

// One EB segment with what follows it in its 2110 loop.
struct Benefit {
  std::string code;                                             // EB01
  std::string meaning;                                          // in words
  std::string coverage_level;                                   // EB02 (IND, FAM, ...)
  std::vector<std::string> service_types;                       // EB03 (repeated)
  std::string insurance_type;                                   // EB04
  std::string plan;                                             // EB05
  std::string period_code;                                      // EB06
  std::string period;                                           // in words
  std::optional<Money> amount;                                  // EB07
  std::optional<std::string> percent;                           // EB08 as sent (".2" = 20%)
  std::string quantity_qualifier;                               // EB09 (VS visits, 99 used, ...)
  std::optional<std::string> quantity;                          // EB10
  std::string authorization_required;                           // EB11: yes, no, unknown, or ""
  std::string network;                                          // EB12: in, out, not_applicable, unknown
  std::string procedure;                                        // EB13 qualifier:code(:modifiers)
  std::vector<std::string> deliveries;                          // HSD, in words ("12 visits per calendar year")
  std::vector<std::pair<std::string, std::string>> references;  // REF (G1 prior authorization, ...)
  std::vector<EligibilityDate> dates;
  std::vector<EligibilityRejection> rejections;
  std::vector<std::string> messages;    // MSG
  std::vector<BenefitEntity> entities;  // 2120
};

// Deductible or out-of-pocket for one coverage level and period.
struct Accumulator {
  std::string coverage_level;  // IND, FAM, or ""
  std::string period;          // calendar year, service year, ...
  std::optional<Money> total, remaining;
};

// A visit or unit limit.
struct BenefitLimit {
  std::string unit;  // visits, units, days, ...
  std::string period;
  std::optional<std::string> total, used, remaining;
  std::string text;  // an HSD or MSG wording when that is all there is
};

// What one service type costs the patient in one network. Absent values are
// "not given" (CAQH CORE lets a plan leave behavioral-health cost share out),
// never zero.
struct ServiceBenefits {
  std::string service_type;  // EB03 code ("" when the EB named none)
  std::string service;       // in words
  std::string network;       // in, out, not_applicable, unknown
  std::string status;        // active, inactive, non_covered, "" (not said)
  std::optional<Money> copay;
  std::string copay_period;
  std::optional<std::string> coinsurance;  // as sent (".2")
  std::vector<Accumulator> deductible, out_of_pocket;
  std::vector<BenefitLimit> limits;
  std::string authorization_required;  // yes, no, unknown, ""
  std::vector<BenefitEntity> entities;
  std::vector<std::string> messages;
};

enum class EligibilityStatus : std::uint8_t { active, inactive, rejected, unknown };
std::string_view to_string(EligibilityStatus s) noexcept;

struct EligibilityPatient {
  std::string trace;  // TRN02 of the TRN*2 (the inquiry's trace), else of the first TRN
  bool dependent = false;
  std::string last, first, middle, member_id;
  std::optional<Date> birth_date;
  std::string sex;
  std::string subscriber_last, subscriber_first, subscriber_member_id;  // for a dependent
  std::string payer_name, payer_id;
  std::string provider_name, provider_id;
  EligibilityStatus status = EligibilityStatus::unknown;
  std::vector<EligibilityRejection> rejections;      // 2100C/D AAA
  std::string plan;                                  // EB05 of an active EB, or a REF*18/6P description
  std::string group_number;                          // REF*6P
  std::string plan_description;                      // REF03 of REF*18 / REF*6P
  std::optional<Date> coverage_begin, coverage_end;  // DTP 346/347, 356/357, or 291/307 ranges
  std::vector<EligibilityDate> dates;
  std::vector<Benefit> benefits;          // every EB, in order
  std::vector<ServiceBenefits> services;  // per service type and network
  std::vector<BenefitEntity> carve_outs;  // benefit-related entities that administer or pay behavioral health
  std::vector<std::string> messages;
};

struct EligibilityResponse {
  std::vector<EligibilityPatient> patients;
  // AAAs above the patient: the payer (2000A/2100A) or the practice (2100B).
  std::vector<EligibilityRejection> rejections;
  std::string payer_name, payer_id;
  // Reading problems (not a 271, unreadable segments); empty when clean.
  std::vector<std::string> problems;
};

// Reads every 271 in the bytes (other sets are reported in problems). Fails
// only when the bytes hold no interchange at all.
result<EligibilityResponse> read_eligibility(std::string_view bytes);

std::string eligibility_text(const EligibilityResponse& r);
std::string eligibility_json(const EligibilityResponse& r);  // docs/json.md
std::string eligibility_csv(const EligibilityResponse& r);   // one row per patient, service type and network

// Words for the codes (empty when unknown: callers keep the code).
std::string_view benefit_code_name(std::string_view eb01) noexcept;
std::string_view service_type_name(std::string_view code) noexcept;
std::string_view time_period_name(std::string_view eb06) noexcept;
std::string_view aaa_reason_name(std::string_view aaa03) noexcept;
std::string_view follow_up_action_name(std::string_view aaa04) noexcept;
std::string_view entity_role_name(std::string_view nm101) noexcept;
std::string_view eligibility_date_name(std::string_view dtp01) noexcept;
bool behavioral_health_service(std::string_view service_type) noexcept;

}  // namespace x12::billing
