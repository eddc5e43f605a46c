// The 837P (005010X222A1) professional claim transaction set as an owning,
// typed model. One Claim837p is one ST..SE. Loops follow the guide:
// Claim837p -> BillingProvider (2000A) -> Subscriber (2000B) -> [Patient
// (2000C)] -> Claim (2300) -> ServiceLine (2400) ...
//
// HL, LX, ST/SE numbers are not stored: the writer numbers them. Every loop
// keeps the segments it does not model in `extras` (see tx/common.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "x12/tx/common.hpp"
#include "x12/tx/envelope.hpp"

namespace x12::tx {

// PRV Provider information (BI billing, PE rendering, ...).
struct Specialty {
  std::string provider_code;           // PRV01
  std::string qualifier;               // PRV02 (PXC)
  std::string taxonomy;                // PRV03
  std::string state;                   // PRV04
  std::vector<std::string> specialty;  // PRV05 composite
  std::string organization_role;       // PRV06
  friend bool operator==(const Specialty&, const Specialty&) = default;
};

// DMG Demographic information.
struct Demographics {
  std::string format;                                                                    // DMG01 (D8)
  std::optional<Date> birth_date;                                                        // DMG02
  std::string gender;                                                                    // DMG03 F/M/U
  std::string marital_status, race_or_ethnicity, citizenship, country, basis, quantity;  // DMG04..09
  friend bool operator==(const Demographics&, const Demographics&) = default;
};

// An NM1-headed loop of the 837P: submitter, receiver, billing provider,
// pay-to, subscriber, payer, patient, and the 2310/2330/2420 providers.
struct Party {
  std::string loop;  // "2010AA", "2310B"...; set by the reader, used in JSON
  Name name;
  std::optional<Specialty> specialty;        // PRV (2310B, 2420A)
  std::optional<Address> address;            // N3/N4
  std::optional<Demographics> demographics;  // DMG (2010BA, 2010CA)
  std::vector<DateOrPeriod> dates;           // DTP (2330B 573)
  std::vector<Reference> references;         // REF
  std::vector<Contact> contacts;             // PER
  Extras extras;
  friend bool operator==(const Party&, const Party&) = default;
};

// BHT Beginning of hierarchical transaction.
struct TransactionHeader {
  std::string structure;     // BHT01 (0019)
  std::string purpose;       // BHT02 (00 original, 18 reissue)
  std::string reference;     // BHT03
  std::optional<Date> date;  // BHT04
  std::string time;          // BHT05
  std::string type;          // BHT06 (CH, RP)
  friend bool operator==(const TransactionHeader&, const TransactionHeader&) = default;
};

// CUR Foreign currency (837P 2000A and 835 header).
struct Currency {
  std::string entity;    // CUR01
  std::string currency;  // CUR02
  std::string rate;      // CUR03
  friend bool operator==(const Currency&, const Currency&) = default;
};

// SBR Subscriber information (2000B, 2320).
struct SubscriberInfo {
  std::string payer_responsibility;      // SBR01 P/S/T/A-H/U
  std::string relationship;              // SBR02 (18 self)
  std::string group_number;              // SBR03
  std::string group_name;                // SBR04
  std::string insurance_type;            // SBR05
  std::string coordination_of_benefits;  // SBR06
  std::string yes_no;                    // SBR07
  std::string employment_status;         // SBR08
  std::string claim_filing_indicator;    // SBR09
  friend bool operator==(const SubscriberInfo&, const SubscriberInfo&) = default;
};

// PAT Patient information.
struct PatientInfo {
  std::string relationship;       // PAT01
  std::string location;           // PAT02
  std::string employment_status;  // PAT03
  std::string student_status;     // PAT04
  std::string date_format;        // PAT05 (D8)
  std::string death_date;         // PAT06, as sent
  std::string weight_unit;        // PAT07
  std::string weight;             // PAT08
  std::string pregnancy;          // PAT09
  friend bool operator==(const PatientInfo&, const PatientInfo&) = default;
};

// CLM Claim information.
struct ClaimInfo {
  std::string patient_control_number;                           // CLM01
  Money total_charge;                                           // CLM02
  std::string clm03, clm04;                                     // not used in 837P
  std::string place_of_service;                                 // CLM05-1
  std::string facility_code_qualifier;                          // CLM05-2 (B)
  std::string frequency_code;                                   // CLM05-3 (1, 7, 8)
  std::string provider_signature;                               // CLM06
  std::string assignment;                                       // CLM07 (A, B, C)
  std::string benefits_assignment;                              // CLM08
  std::string release_of_information;                           // CLM09
  std::string patient_signature_source;                         // CLM10
  std::vector<std::string> related_causes;                      // CLM11 components (AA/EM/OA, AA, AA, state, country)
  std::string special_program;                                  // CLM12
  std::string clm13, clm14, clm15, clm16, clm17, clm18, clm19;  // not used in 837P
  std::string delay_reason;                                     // CLM20
  friend bool operator==(const ClaimInfo&, const ClaimInfo&) = default;
};

// PWK Paperwork (attachments).
struct Paperwork {
  std::string report_type;           // PWK01
  std::string transmission;          // PWK02
  std::string copies;                // PWK03
  std::string entity;                // PWK04
  std::string id_qualifier;          // PWK05 (AC)
  std::string control_number;        // PWK06
  std::string description;           // PWK07
  std::vector<std::string> actions;  // PWK08
  std::string request_category;      // PWK09
  friend bool operator==(const Paperwork&, const Paperwork&) = default;
};

// CN1 Contract information.
struct Contract {
  std::string type;             // CN101
  std::optional<Money> amount;  // CN102
  std::string percent;          // CN103
  std::string code;             // CN104
  std::string terms_discount;   // CN105
  std::string version;          // CN106
  friend bool operator==(const Contract&, const Contract&) = default;
};

// CR1 Ambulance transport.
struct Ambulance {
  std::string weight_unit, weight, cr103, transport_reason, distance_unit, distance, cr107, cr108, round_trip_purpose,
      stretcher_purpose;  // CR101..CR110
  friend bool operator==(const Ambulance&, const Ambulance&) = default;
};

// CR2 Spinal manipulation (kept field by field as text).
struct SpinalManipulation {
  std::string cr201, cr202, cr203, cr204, cr205, cr206, cr207, cr208, cr209, cr210, cr211, cr212;
  friend bool operator==(const SpinalManipulation&, const SpinalManipulation&) = default;
};

// CR3 Durable medical equipment certification.
struct DmeCertification {
  std::string type, unit, duration;  // CR301..CR303
  friend bool operator==(const DmeCertification&, const DmeCertification&) = default;
};

// CRC Conditions indicator.
struct ConditionIndicator {
  std::string category;                 // CRC01 (07, 75, ZZ, E1..., 70, 09)
  std::string applies;                  // CRC02 Y/N
  std::vector<std::string> conditions;  // CRC03..CRC07
  friend bool operator==(const ConditionIndicator&, const ConditionIndicator&) = default;
};

// One HI composite (C022).
struct HealthCode {
  std::string qualifier;  // ABK principal dx, ABF other dx, BK/BF (ICD-9), BP/BO, BG...
  std::string code;       // without the decimal point
  std::string date_format, date, amount, quantity, version, industry_code, indicator;  // components 3..9
  friend bool operator==(const HealthCode&, const HealthCode&) = default;
};

// HI Health care information codes: one segment, up to 12 codes.
struct HealthCodes {
  std::vector<HealthCode> codes;
  friend bool operator==(const HealthCodes&, const HealthCodes&) = default;
};

// HCP Pricing/repricing.
struct Repricing {
  std::string methodology;          // HCP01
  std::optional<Money> allowed;     // HCP02
  std::optional<Money> savings;     // HCP03
  std::string organization_id;      // HCP04
  std::string per_diem_rate;        // HCP05
  std::string apg_code;             // HCP06
  std::optional<Money> apg_amount;  // HCP07
  std::string product_id;           // HCP08
  std::string product_qualifier;    // HCP09
  std::string product_code;         // HCP10
  std::string unit_basis;           // HCP11
  std::string quantity;             // HCP12
  std::string reject_reason;        // HCP13
  std::string policy_compliance;    // HCP14
  std::string exception;            // HCP15
  friend bool operator==(const Repricing&, const Repricing&) = default;
};

// OI Other insurance coverage (2320).
struct OtherInsurance {
  std::string oi01, oi02;
  std::string benefits_assignment;       // OI03
  std::string patient_signature_source;  // OI04
  std::string oi05;
  std::string release_of_information;  // OI06
  friend bool operator==(const OtherInsurance&, const OtherInsurance&) = default;
};

// 2320 Other subscriber information (coordination of benefits), with 2330A-G.
struct OtherSubscriber {
  Origin origin;                                  // the SBR segment
  SubscriberInfo info;                            // SBR
  std::vector<Adjustment> adjustments;            // CAS (claim level, this payer)
  std::vector<Amount> amounts;                    // AMT D payer paid, A8 non-covered, EAF remaining liability
  std::optional<OtherInsurance> other_insurance;  // OI
  std::optional<OutpatientAdjudication> outpatient_adjudication;  // MOA
  std::vector<Party> parties;                                     // 2330A-G
  Extras extras;
  friend bool operator==(const OtherSubscriber&, const OtherSubscriber&) = default;
};

// SV1 Professional service.
struct ProfessionalService {
  Procedure procedure;           // SV101
  Money charge;                  // SV102
  std::string unit_basis;        // SV103 UN/MJ
  std::string quantity;          // SV104, decimal text
  std::string place_of_service;  // SV105 (only when different from CLM05-1)
  std::string sv106;
  std::vector<std::string> diagnosis_pointers;  // SV107 components
  std::string sv108;
  std::string emergency;  // SV109
  std::string sv110;
  std::string epsdt;            // SV111
  std::string family_planning;  // SV112
  std::string sv113, sv114;
  std::string copay_exempt;  // SV115
  friend bool operator==(const ProfessionalService&, const ProfessionalService&) = default;
};

// MEA Measurements.
struct Measurement {
  std::string reference;  // MEA01
  std::string qualifier;  // MEA02
  std::string value;      // MEA03
  friend bool operator==(const Measurement&, const Measurement&) = default;
};

// PS1 Purchased service.
struct PurchasedService {
  std::string provider_id;  // PS101
  Money amount;             // PS102
  friend bool operator==(const PurchasedService&, const PurchasedService&) = default;
};

// LIN Item identification (2410).
struct ItemId {
  std::string assigned;   // LIN01
  std::string qualifier;  // LIN02 (N4 NDC)
  std::string id;         // LIN03
  friend bool operator==(const ItemId&, const ItemId&) = default;
};

// CTP Pricing (2410: drug quantity).
struct Pricing {
  std::string ctp01, ctp02, ctp03;
  std::string quantity;           // CTP04
  std::vector<std::string> unit;  // CTP05 composite (unit code...)
  friend bool operator==(const Pricing&, const Pricing&) = default;
};

// 2410 Drug identification.
struct Drug {
  ItemId item;                        // LIN
  std::optional<Pricing> pricing;     // CTP
  std::vector<Reference> references;  // REF (VY, XZ)
  Extras extras;
  friend bool operator==(const Drug&, const Drug&) = default;
};

// SVD Service line adjudication (2430).
struct LineAdjudicationInfo {
  std::string payer_id;      // SVD01 (a 2330B NM109)
  Money paid;                // SVD02
  Procedure procedure;       // SVD03
  std::string revenue_code;  // SVD04
  std::string paid_units;    // SVD05
  std::string bundled_line;  // SVD06
  friend bool operator==(const LineAdjudicationInfo&, const LineAdjudicationInfo&) = default;
};

// 2430 Line adjudication.
struct LineAdjudication {
  Origin origin;  // the SVD segment
  LineAdjudicationInfo info;
  std::vector<Adjustment> adjustments;  // CAS
  std::vector<DateOrPeriod> dates;      // DTP 573
  std::vector<Amount> amounts;          // AMT EAF
  Extras extras;
  friend bool operator==(const LineAdjudication&, const LineAdjudication&) = default;
};

// FRM Supporting documentation.
struct FormAnswer {
  std::string question;  // FRM01
  std::string yes_no;    // FRM02
  std::string text;      // FRM03
  std::string date;      // FRM04
  std::string percent;   // FRM05
  friend bool operator==(const FormAnswer&, const FormAnswer&) = default;
};

// 2440 Form identification (LQ + FRM).
struct Form {
  std::string qualifier;  // LQ01 (AS, UT)
  std::string code;       // LQ02 form identifier
  std::vector<FormAnswer> answers;
  Extras extras;
  friend bool operator==(const Form&, const Form&) = default;
};

// 2400 Service line.
struct ServiceLine {
  Origin origin;                                      // the SV1 segment
  ProfessionalService service;                        // SV1
  std::vector<Paperwork> paperwork;                   // PWK
  std::optional<Ambulance> ambulance;                 // CR1
  std::optional<DmeCertification> dme_certification;  // CR3
  std::vector<ConditionIndicator> conditions;         // CRC
  std::vector<DateOrPeriod> dates;                    // DTP (472 service date...)
  std::vector<Quantity> quantities;                   // QTY
  std::vector<Measurement> measurements;              // MEA
  std::optional<Contract> contract;                   // CN1
  std::vector<Reference> references;                  // REF (6R line item control, G1, 9F...)
  std::vector<Amount> amounts;                        // AMT
  std::vector<FileInfo> file_info;                    // K3
  std::vector<Note> notes;                            // NTE
  std::optional<PurchasedService> purchased_service;  // PS1
  std::optional<Repricing> repricing;                 // HCP
  std::optional<Drug> drug;                           // 2410
  std::vector<Party> providers;                       // 2420A-H
  std::vector<LineAdjudication> adjudications;        // 2430
  std::vector<Form> forms;                            // 2440
  Extras extras;

  // REF*6R, or empty.
  std::string line_item_control_number() const;
  // The first DTP*472 date, if it is a date.
  std::optional<Date> service_date() const;
  friend bool operator==(const ServiceLine&, const ServiceLine&) = default;
};

// 2300 Claim.
struct Claim {
  Origin origin;                                          // the CLM segment
  ClaimInfo info;                                         // CLM
  std::vector<DateOrPeriod> dates;                        // DTP
  std::vector<Paperwork> paperwork;                       // PWK
  std::optional<Contract> contract;                       // CN1
  std::vector<Amount> amounts;                            // AMT (F5)
  std::vector<Reference> references;                      // REF (G1, 9F, F8, EA, D9...)
  std::vector<FileInfo> file_info;                        // K3
  std::vector<Note> notes;                                // NTE
  std::optional<Ambulance> ambulance;                     // CR1
  std::optional<SpinalManipulation> spinal_manipulation;  // CR2
  std::vector<ConditionIndicator> conditions;             // CRC
  std::vector<HealthCodes> health_codes;                  // HI (diagnoses ABK/ABF, BP/BO, BG...)
  std::optional<Repricing> repricing;                     // HCP
  std::vector<Party> providers;                           // 2310A-F
  std::vector<OtherSubscriber> other_subscribers;         // 2320
  std::vector<ServiceLine> service_lines;                 // 2400
  Extras extras;

  // REF values by qualifier (empty when absent).
  std::string prior_authorization() const;    // G1
  std::string referral_number() const;        // 9F
  std::string original_claim_number() const;  // F8
  std::string medical_record_number() const;  // EA
  // Diagnosis codes (ABK/ABF/BK/BF), in HI order.
  std::vector<std::string> diagnoses() const;
  friend bool operator==(const Claim&, const Claim&) = default;
};

// 2000C Patient (when the patient is not the subscriber).
struct Patient {
  PatientInfo info;  // PAT
  Party name;        // 2010CA
  std::vector<Claim> claims;
  Extras extras;
  friend bool operator==(const Patient&, const Patient&) = default;
};

// 2000B Subscriber.
struct Subscriber {
  SubscriberInfo info;                      // SBR
  std::optional<PatientInfo> patient_info;  // PAT (patient = subscriber)
  Party name;                               // 2010BA
  Party payer;                              // 2010BB
  std::vector<Claim> claims;                // 2300 under 2000B
  std::vector<Patient> patients;            // 2000C
  Extras extras;
  friend bool operator==(const Subscriber&, const Subscriber&) = default;
};

// 2000A Billing provider.
struct BillingProvider {
  std::optional<Specialty> specialty;   // PRV*BI
  std::optional<Currency> currency;     // CUR
  Party provider;                       // 2010AA
  std::optional<Party> pay_to_address;  // 2010AB
  std::optional<Party> pay_to_plan;     // 2010AC
  std::vector<Subscriber> subscribers;  // 2000B
  Extras extras;
  friend bool operator==(const BillingProvider&, const BillingProvider&) = default;
};

// One 837P transaction set (ST..SE).
struct Claim837p {
  Origin origin;                                   // the ST segment
  SetEnvelope envelope;                            // ST02/ST03 and, when read, the ISA/GS around it
  TransactionHeader header;                        // BHT
  Party submitter;                                 // 1000A
  Party receiver;                                  // 1000B
  std::vector<BillingProvider> billing_providers;  // 2000A
  Extras extras;                                   // header-level segments not modelled

  // Every claim in the set, in file order.
  std::vector<const Claim*> claims() const;
  friend bool operator==(const Claim837p&, const Claim837p&) = default;
};

}  // namespace x12::tx
