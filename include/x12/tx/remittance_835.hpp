// The 835 (005010X221A1) health care claim payment/advice as an owning,
// typed model. One Remittance835 is one ST..SE: the payment (BPR/TRN), payer
// and payee, header numbers (LX) holding claim payments (CLP, 2100) and their
// service payments (SVC, 2110), and provider-level adjustments (PLB).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "x12/tx/claim_837p.hpp"
#include "x12/tx/common.hpp"
#include "x12/tx/envelope.hpp"

namespace x12::tx {

// BPR Financial information.
struct FinancialInfo {
  std::string handling;        // BPR01 (C, D, H, I, P, U, X)
  Money total_payment;         // BPR02
  std::string credit_debit;    // BPR03 (C, D)
  std::string payment_method;  // BPR04 (ACH, BOP, CHK, FWT, NON)
  std::string payment_format;  // BPR05 (CCP, CTX)
  std::string sender_dfi_qualifier, sender_dfi_id, sender_account_qualifier, sender_account;          // BPR06..09
  std::string payer_id;                                                                               // BPR10
  std::string payer_supplemental;                                                                     // BPR11
  std::string receiver_dfi_qualifier, receiver_dfi_id, receiver_account_qualifier, receiver_account;  // BPR12..15
  std::optional<Date> payment_date;                                                                   // BPR16
  std::string bpr17, bpr18, bpr19, bpr20, bpr21;
  friend bool operator==(const FinancialInfo&, const FinancialInfo&) = default;
};

// TRN Reassociation trace.
struct Trace {
  std::string type;          // TRN01 (1)
  std::string reference;     // TRN02 check or EFT trace number
  std::string originator;    // TRN03 payer id
  std::string supplemental;  // TRN04
  friend bool operator==(const Trace&, const Trace&) = default;
};

// N1 Party identification (835 payer and payee).
struct PartyId {
  std::string entity;        // N101 (PR, PE)
  std::string name;          // N102
  std::string id_qualifier;  // N103 (XV, FI, XX)
  std::string id;            // N104
  std::string n105, n106;
  friend bool operator==(const PartyId&, const PartyId&) = default;
};

// RDM Remittance delivery method.
struct RemittanceDelivery {
  std::string method;  // RDM01
  std::string name;    // RDM02
  std::string number;  // RDM03
  friend bool operator==(const RemittanceDelivery&, const RemittanceDelivery&) = default;
};

// 1000A / 1000B.
struct PaymentParty {
  PartyId id;                                  // N1
  std::optional<Address> address;              // N3/N4
  std::vector<Reference> references;           // REF
  std::vector<Contact> contacts;               // PER (payer)
  std::optional<RemittanceDelivery> delivery;  // RDM (payee)
  Extras extras;
  friend bool operator==(const PaymentParty&, const PaymentParty&) = default;
};

// TS3 Provider summary (first five elements; a TS3 with more stays unmodelled).
struct ProviderSummary {
  std::string provider_id;                // TS301
  std::string facility_code;              // TS302
  std::optional<Date> fiscal_period_end;  // TS303
  std::string claim_count;                // TS304
  std::optional<Money> total_charge;      // TS305
  friend bool operator==(const ProviderSummary&, const ProviderSummary&) = default;
};

// MIA Inpatient adjudication (first five elements as typed values).
struct InpatientAdjudication {
  std::string covered_days;                    // MIA01
  std::optional<Money> pps_operating_outlier;  // MIA02
  std::string lifetime_psychiatric_days;       // MIA03
  std::optional<Money> drg_amount;             // MIA04
  std::string remark;                          // MIA05
  friend bool operator==(const InpatientAdjudication&, const InpatientAdjudication&) = default;
};

// CLP Claim payment information.
struct ClaimPaymentInfo {
  std::string patient_control_number;           // CLP01 (the 837 CLM01)
  std::string status;                           // CLP02 (1, 2, 3, 4, 19..23, 25; 22 reversal)
  Money total_charge;                           // CLP03
  Money paid;                                   // CLP04
  std::optional<Money> patient_responsibility;  // CLP05
  std::string filing_indicator;                 // CLP06
  std::string payer_claim_control_number;       // CLP07
  std::string facility_type;                    // CLP08
  std::string frequency_code;                   // CLP09
  std::string clp10;
  std::string drg_code;            // CLP11
  std::string drg_weight;          // CLP12
  std::string discharge_fraction;  // CLP13
  std::string clp14;
  friend bool operator==(const ClaimPaymentInfo&, const ClaimPaymentInfo&) = default;
};

// LQ Remark code (835 2110: HE = RARC, RX = NCPDP reject).
struct Remark {
  std::string qualifier, code;
  friend bool operator==(const Remark&, const Remark&) = default;
};

// SVC Service payment information.
struct ServicePaymentInfo {
  Procedure procedure;                          // SVC01 (as adjudicated)
  Money charge;                                 // SVC02
  Money paid;                                   // SVC03
  std::string revenue_code;                     // SVC04
  std::string units_paid;                       // SVC05
  std::optional<Procedure> original_procedure;  // SVC06 (when different from SVC01)
  std::string original_units;                   // SVC07
  friend bool operator==(const ServicePaymentInfo&, const ServicePaymentInfo&) = default;
};

// 2110 Service payment.
struct ServicePayment {
  Origin origin;                        // the SVC segment
  ServicePaymentInfo info;              // SVC
  std::vector<DateTime> dates;          // DTM 472/150/151
  std::vector<Adjustment> adjustments;  // CAS
  std::vector<Reference> references;    // REF (6R line item control...)
  std::vector<Amount> amounts;          // AMT (B6 allowed...)
  std::vector<Quantity> quantities;     // QTY
  std::vector<Remark> remarks;          // LQ
  Extras extras;

  std::string line_item_control_number() const;  // REF*6R or empty
  std::optional<Money> allowed() const;          // AMT*B6
  friend bool operator==(const ServicePayment&, const ServicePayment&) = default;
};

// 2100 Claim payment.
struct ClaimPayment {
  Origin origin;                                     // the CLP segment
  ClaimPaymentInfo info;                             // CLP
  std::vector<Adjustment> adjustments;               // CAS (claim level)
  std::vector<Name> names;                           // NM1 QC, IL, 74, 82, TT, PR, GB
  std::optional<InpatientAdjudication> inpatient;    // MIA
  std::optional<OutpatientAdjudication> outpatient;  // MOA
  std::vector<Reference> references;                 // REF
  std::vector<DateTime> dates;                       // DTM 232/233/050/036/037
  std::vector<Contact> contacts;                     // PER
  std::vector<Amount> amounts;                       // AMT (I interest, AU...)
  std::vector<Quantity> quantities;                  // QTY
  std::vector<ServicePayment> services;              // 2110
  Extras extras;

  bool is_reversal() const noexcept { return info.status == "22"; }
  const Name* patient() const noexcept;  // NM1*QC
  friend bool operator==(const ClaimPayment&, const ClaimPayment&) = default;
};

// 2000 Header number (LX) with its claim payments. A set without LX keeps
// its claims in one HeaderNumber with an empty `number`, written without LX.
struct HeaderNumber {
  std::string number;                      // LX01
  std::optional<ProviderSummary> summary;  // TS3
  std::vector<ClaimPayment> claims;        // 2100
  Extras extras;                           // TS2 and others
  friend bool operator==(const HeaderNumber&, const HeaderNumber&) = default;
};

// One PLB reason/reference/amount.
struct ProviderAdjustmentItem {
  std::string reason;     // PLB03-1 (WO, FB, L6, 72, CS...)
  std::string reference;  // PLB03-2
  Money amount;           // PLB04
  friend bool operator==(const ProviderAdjustmentItem&, const ProviderAdjustmentItem&) = default;
};

// PLB Provider-level adjustment.
struct ProviderAdjustment {
  Origin origin;                              // the PLB segment
  std::string provider_id;                    // PLB01
  std::optional<Date> fiscal_period;          // PLB02
  std::vector<ProviderAdjustmentItem> items;  // up to six pairs
  friend bool operator==(const ProviderAdjustment&, const ProviderAdjustment&) = default;
};

// One 835 transaction set (ST..SE).
struct Remittance835 {
  Origin origin;  // the BPR segment
  SetEnvelope envelope;
  FinancialInfo payment;                                 // BPR
  Trace trace;                                           // TRN
  std::optional<Currency> currency;                      // CUR
  std::vector<Reference> references;                     // REF EV, F2
  std::vector<DateTime> dates;                           // DTM 405
  PaymentParty payer;                                    // 1000A
  PaymentParty payee;                                    // 1000B
  std::vector<HeaderNumber> header_numbers;              // 2000
  std::vector<ProviderAdjustment> provider_adjustments;  // PLB
  Extras extras;                                         // header-level segments not modelled

  std::vector<const ClaimPayment*> claims() const;
  friend bool operator==(const Remittance835&, const Remittance835&) = default;
};

}  // namespace x12::tx
