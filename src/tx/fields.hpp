// Field descriptors: for every segment struct of the typed models, one
// function lists its fields with their element (and component) positions.
// Four visitors walk the same list: decode from a segment, encode to a
// segment, write JSON, read JSON. Adding a field is one line here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "x12/tx/claim_837p.hpp"
#include "x12/tx/remittance_835.hpp"

namespace x12::tx::detail {

// Where a field sits: element e (relative to the visitor's offset), component
// c (0: the element is simple), and `last` for ranges: elements e..last when
// c == 0, components c..last of element e otherwise.
struct At {
  std::uint8_t e = 0;
  std::uint8_t c = 0;
  std::uint8_t last = 0;
};

// ---- segment structs ----

template <class V> void fields(V& v, Procedure& x) {
  v("qualifier", x.qualifier, At{1, 1});
  v("code", x.code, At{1, 2});
  v("modifiers", x.modifiers, At{1, 3, 6});
  v("description", x.description, At{1, 7});
  v("product_id", x.product_id, At{1, 8});
}

template <class V> void fields(V& v, Name& x) {
  v("entity", x.entity, At{1});
  v("entity_type", x.entity_type, At{2});
  v("last_name", x.last, At{3});
  v("first_name", x.first, At{4});
  v("middle_name", x.middle, At{5});
  v("name_prefix", x.prefix, At{6});
  v("name_suffix", x.suffix, At{7});
  v("id_qualifier", x.id_qualifier, At{8});
  v("id", x.id, At{9});
  v("relationship", x.relationship, At{10});
  v("entity_relationship", x.entity_relationship, At{11});
  v("last_name_2", x.last2, At{12});
}

template <class V> void fields_n3(V& v, Address& x) {
  v("line1", x.line1, At{1});
  v("line2", x.line2, At{2});
}
template <class V> void fields_n4(V& v, Address& x) {
  v("city", x.city, At{1});
  v("state", x.state, At{2});
  v("postal_code", x.postal_code, At{3});
  v("country", x.country, At{4});
  v("location_qualifier", x.location_qualifier, At{5});
  v("location_id", x.location_id, At{6});
  v("country_subdivision", x.country_subdivision, At{7});
}
template <class V> void fields(V& v, Address& x) {
  fields_n3(v, x);
  fields_n4(v, x);
}

template <class V> void fields(V& v, Communication& x) {
  v("qualifier", x.qualifier, At{1});
  v("number", x.number, At{2});
}
template <class V> void fields(V& v, Contact& x) {
  v("function", x.function, At{1});
  v("name", x.name, At{2});
  v.groups("numbers", x.numbers, 3, 2, 3);
  v("inquiry_reference", x.inquiry_reference, At{9});
}

template <class V> void fields(V& v, Reference& x) {
  v("qualifier", x.qualifier, At{1});
  v("value", x.value, At{2});
  v("description", x.description, At{3});
  v("identifiers", x.identifiers, At{4, 1, 6});
}

template <class V> void fields(V& v, DateOrPeriod& x) {
  v("qualifier", x.qualifier, At{1});
  v("format", x.format, At{2});
  v("value", x.value, At{3});
}

template <class V> void fields(V& v, DateTime& x) {
  v("qualifier", x.qualifier, At{1});
  v("date", x.date, At{2});
  v("time", x.time, At{3});
  v("time_code", x.time_code, At{4});
  v("format", x.format, At{5});
  v("period", x.period, At{6});
}

template <class V> void fields(V& v, Amount& x) {
  v("qualifier", x.qualifier, At{1});
  v("amount", x.amount, At{2});
  v("credit_debit", x.credit_debit, At{3});
}

template <class V> void fields(V& v, Quantity& x) {
  v("qualifier", x.qualifier, At{1});
  v("quantity", x.quantity, At{2});
  v("unit", x.unit, At{3, 1, 15});
  v("free_form", x.free_form, At{4});
}

template <class V> void fields(V& v, AdjustmentItem& x) {
  v("reason", x.reason, At{1});
  v("amount", x.amount, At{2});
  v("quantity", x.quantity, At{3});
}
template <class V> void fields(V& v, Adjustment& x) {
  v("group", x.group, At{1});
  v.groups("items", x.items, 2, 3, 6);
}

template <class V> void fields(V& v, Note& x) {
  v("reference", x.reference, At{1});
  v("text", x.text, At{2});
}

template <class V> void fields(V& v, FileInfo& x) {
  v("text", x.text, At{1});
  v("record_format", x.record_format, At{2});
  v("composite", x.composite, At{3, 1, 10});
}

template <class V> void fields(V& v, OutpatientAdjudication& x) {
  v("reimbursement_rate", x.reimbursement_rate, At{1});
  v("hcpcs_payable", x.hcpcs_payable, At{2});
  v("remarks", x.remarks, At{3, 0, 7});
  v("esrd_payment", x.esrd_payment, At{8});
  v("nonpayable_professional", x.nonpayable_professional, At{9});
}

// ---- 837P ----

template <class V> void fields(V& v, Specialty& x) {
  v("provider_code", x.provider_code, At{1});
  v("qualifier", x.qualifier, At{2});
  v("taxonomy", x.taxonomy, At{3});
  v("state", x.state, At{4});
  v("specialty", x.specialty, At{5, 1, 10});
  v("organization_role", x.organization_role, At{6});
}

template <class V> void fields(V& v, Demographics& x) {
  v("format", x.format, At{1});
  v("birth_date", x.birth_date, At{2});
  v("gender", x.gender, At{3});
  v("marital_status", x.marital_status, At{4});
  v("race_or_ethnicity", x.race_or_ethnicity, At{5});
  v("citizenship", x.citizenship, At{6});
  v("country", x.country, At{7});
  v("basis", x.basis, At{8});
  v("quantity", x.quantity, At{9});
}

template <class V> void fields(V& v, TransactionHeader& x) {
  v("structure", x.structure, At{1});
  v("purpose", x.purpose, At{2});
  v("reference", x.reference, At{3});
  v("date", x.date, At{4});
  v("time", x.time, At{5});
  v("type", x.type, At{6});
}

template <class V> void fields(V& v, Currency& x) {
  v("entity", x.entity, At{1});
  v("currency", x.currency, At{2});
  v("rate", x.rate, At{3});
}

template <class V> void fields(V& v, SubscriberInfo& x) {
  v("payer_responsibility", x.payer_responsibility, At{1});
  v("relationship", x.relationship, At{2});
  v("group_number", x.group_number, At{3});
  v("group_name", x.group_name, At{4});
  v("insurance_type", x.insurance_type, At{5});
  v("coordination_of_benefits", x.coordination_of_benefits, At{6});
  v("yes_no", x.yes_no, At{7});
  v("employment_status", x.employment_status, At{8});
  v("claim_filing_indicator", x.claim_filing_indicator, At{9});
}

template <class V> void fields(V& v, PatientInfo& x) {
  v("relationship", x.relationship, At{1});
  v("location", x.location, At{2});
  v("employment_status", x.employment_status, At{3});
  v("student_status", x.student_status, At{4});
  v("date_format", x.date_format, At{5});
  v("death_date", x.death_date, At{6});
  v("weight_unit", x.weight_unit, At{7});
  v("weight", x.weight, At{8});
  v("pregnancy", x.pregnancy, At{9});
}

template <class V> void fields(V& v, ClaimInfo& x) {
  v("patient_control_number", x.patient_control_number, At{1});
  v("total_charge", x.total_charge, At{2});
  v("clm03", x.clm03, At{3});
  v("clm04", x.clm04, At{4});
  v("place_of_service", x.place_of_service, At{5, 1});
  v("facility_code_qualifier", x.facility_code_qualifier, At{5, 2});
  v("frequency_code", x.frequency_code, At{5, 3});
  v("provider_signature", x.provider_signature, At{6});
  v("assignment", x.assignment, At{7});
  v("benefits_assignment", x.benefits_assignment, At{8});
  v("release_of_information", x.release_of_information, At{9});
  v("patient_signature_source", x.patient_signature_source, At{10});
  v("related_causes", x.related_causes, At{11, 1, 5});
  v("special_program", x.special_program, At{12});
  v("clm13", x.clm13, At{13});
  v("clm14", x.clm14, At{14});
  v("clm15", x.clm15, At{15});
  v("clm16", x.clm16, At{16});
  v("clm17", x.clm17, At{17});
  v("clm18", x.clm18, At{18});
  v("clm19", x.clm19, At{19});
  v("delay_reason", x.delay_reason, At{20});
}

template <class V> void fields(V& v, Paperwork& x) {
  v("report_type", x.report_type, At{1});
  v("transmission", x.transmission, At{2});
  v("copies", x.copies, At{3});
  v("entity_code", x.entity, At{4});
  v("id_qualifier", x.id_qualifier, At{5});
  v("control_number", x.control_number, At{6});
  v("description", x.description, At{7});
  v("actions", x.actions, At{8, 1, 5});
  v("request_category", x.request_category, At{9});
}

template <class V> void fields(V& v, Contract& x) {
  v("type", x.type, At{1});
  v("amount", x.amount, At{2});
  v("percent", x.percent, At{3});
  v("code", x.code, At{4});
  v("terms_discount", x.terms_discount, At{5});
  v("version", x.version, At{6});
}

template <class V> void fields(V& v, Ambulance& x) {
  v("weight_unit", x.weight_unit, At{1});
  v("weight", x.weight, At{2});
  v("cr103", x.cr103, At{3});
  v("transport_reason", x.transport_reason, At{4});
  v("distance_unit", x.distance_unit, At{5});
  v("distance", x.distance, At{6});
  v("cr107", x.cr107, At{7});
  v("cr108", x.cr108, At{8});
  v("round_trip_purpose", x.round_trip_purpose, At{9});
  v("stretcher_purpose", x.stretcher_purpose, At{10});
}

template <class V> void fields(V& v, SpinalManipulation& x) {
  v("cr201", x.cr201, At{1});
  v("cr202", x.cr202, At{2});
  v("cr203", x.cr203, At{3});
  v("cr204", x.cr204, At{4});
  v("cr205", x.cr205, At{5});
  v("cr206", x.cr206, At{6});
  v("cr207", x.cr207, At{7});
  v("cr208", x.cr208, At{8});
  v("cr209", x.cr209, At{9});
  v("cr210", x.cr210, At{10});
  v("cr211", x.cr211, At{11});
  v("cr212", x.cr212, At{12});
}

template <class V> void fields(V& v, DmeCertification& x) {
  v("type", x.type, At{1});
  v("unit", x.unit, At{2});
  v("duration", x.duration, At{3});
}

template <class V> void fields(V& v, ConditionIndicator& x) {
  v("category", x.category, At{1});
  v("applies", x.applies, At{2});
  v("conditions", x.conditions, At{3, 0, 7});
}

template <class V> void fields(V& v, HealthCode& x) {
  v("qualifier", x.qualifier, At{1, 1});
  v("code", x.code, At{1, 2});
  v("date_format", x.date_format, At{1, 3});
  v("date", x.date, At{1, 4});
  v("amount", x.amount, At{1, 5});
  v("quantity", x.quantity, At{1, 6});
  v("version", x.version, At{1, 7});
  v("industry_code", x.industry_code, At{1, 8});
  v("indicator", x.indicator, At{1, 9});
}
template <class V> void fields(V& v, HealthCodes& x) { v.groups("codes", x.codes, 1, 1, 12); }

template <class V> void fields(V& v, Repricing& x) {
  v("methodology", x.methodology, At{1});
  v("allowed", x.allowed, At{2});
  v("savings", x.savings, At{3});
  v("organization_id", x.organization_id, At{4});
  v("per_diem_rate", x.per_diem_rate, At{5});
  v("apg_code", x.apg_code, At{6});
  v("apg_amount", x.apg_amount, At{7});
  v("product_id", x.product_id, At{8});
  v("product_qualifier", x.product_qualifier, At{9});
  v("product_code", x.product_code, At{10});
  v("unit_basis", x.unit_basis, At{11});
  v("quantity", x.quantity, At{12});
  v("reject_reason", x.reject_reason, At{13});
  v("policy_compliance", x.policy_compliance, At{14});
  v("exception", x.exception, At{15});
}

template <class V> void fields(V& v, OtherInsurance& x) {
  v("oi01", x.oi01, At{1});
  v("oi02", x.oi02, At{2});
  v("benefits_assignment", x.benefits_assignment, At{3});
  v("patient_signature_source", x.patient_signature_source, At{4});
  v("oi05", x.oi05, At{5});
  v("release_of_information", x.release_of_information, At{6});
}

template <class V> void fields(V& v, ProfessionalService& x) {
  v.nested("procedure", x.procedure, 1);
  v("charge", x.charge, At{2});
  v("unit_basis", x.unit_basis, At{3});
  v("quantity", x.quantity, At{4});
  v("place_of_service", x.place_of_service, At{5});
  v("sv106", x.sv106, At{6});
  v("diagnosis_pointers", x.diagnosis_pointers, At{7, 1, 4});
  v("sv108", x.sv108, At{8});
  v("emergency", x.emergency, At{9});
  v("sv110", x.sv110, At{10});
  v("epsdt", x.epsdt, At{11});
  v("family_planning", x.family_planning, At{12});
  v("sv113", x.sv113, At{13});
  v("sv114", x.sv114, At{14});
  v("copay_exempt", x.copay_exempt, At{15});
}

template <class V> void fields(V& v, Measurement& x) {
  v("reference", x.reference, At{1});
  v("qualifier", x.qualifier, At{2});
  v("value", x.value, At{3});
}

template <class V> void fields(V& v, PurchasedService& x) {
  v("provider_id", x.provider_id, At{1});
  v("amount", x.amount, At{2});
}

template <class V> void fields(V& v, ItemId& x) {
  v("assigned", x.assigned, At{1});
  v("qualifier", x.qualifier, At{2});
  v("id", x.id, At{3});
}

template <class V> void fields(V& v, Pricing& x) {
  v("ctp01", x.ctp01, At{1});
  v("ctp02", x.ctp02, At{2});
  v("ctp03", x.ctp03, At{3});
  v("quantity", x.quantity, At{4});
  v("unit", x.unit, At{5, 1, 15});
}

template <class V> void fields(V& v, LineAdjudicationInfo& x) {
  v("payer_id", x.payer_id, At{1});
  v("paid", x.paid, At{2});
  v.nested("procedure", x.procedure, 3);
  v("revenue_code", x.revenue_code, At{4});
  v("paid_units", x.paid_units, At{5});
  v("bundled_line", x.bundled_line, At{6});
}

template <class V> void fields(V& v, FormAnswer& x) {
  v("question", x.question, At{1});
  v("yes_no", x.yes_no, At{2});
  v("text", x.text, At{3});
  v("date", x.date, At{4});
  v("percent", x.percent, At{5});
}

// The LQ that starts a 2440 form.
template <class V> void fields(V& v, Form& x) {
  v("qualifier", x.qualifier, At{1});
  v("code", x.code, At{2});
}

// ---- 835 ----

template <class V> void fields(V& v, FinancialInfo& x) {
  v("handling", x.handling, At{1});
  v("total_payment", x.total_payment, At{2});
  v("credit_debit", x.credit_debit, At{3});
  v("payment_method", x.payment_method, At{4});
  v("payment_format", x.payment_format, At{5});
  v("sender_dfi_qualifier", x.sender_dfi_qualifier, At{6});
  v("sender_dfi_id", x.sender_dfi_id, At{7});
  v("sender_account_qualifier", x.sender_account_qualifier, At{8});
  v("sender_account", x.sender_account, At{9});
  v("payer_id", x.payer_id, At{10});
  v("payer_supplemental", x.payer_supplemental, At{11});
  v("receiver_dfi_qualifier", x.receiver_dfi_qualifier, At{12});
  v("receiver_dfi_id", x.receiver_dfi_id, At{13});
  v("receiver_account_qualifier", x.receiver_account_qualifier, At{14});
  v("receiver_account", x.receiver_account, At{15});
  v("payment_date", x.payment_date, At{16});
  v("bpr17", x.bpr17, At{17});
  v("bpr18", x.bpr18, At{18});
  v("bpr19", x.bpr19, At{19});
  v("bpr20", x.bpr20, At{20});
  v("bpr21", x.bpr21, At{21});
}

template <class V> void fields(V& v, Trace& x) {
  v("type", x.type, At{1});
  v("reference", x.reference, At{2});
  v("originator", x.originator, At{3});
  v("supplemental", x.supplemental, At{4});
}

template <class V> void fields(V& v, PartyId& x) {
  v("entity", x.entity, At{1});
  v("name", x.name, At{2});
  v("id_qualifier", x.id_qualifier, At{3});
  v("id", x.id, At{4});
  v("n105", x.n105, At{5});
  v("n106", x.n106, At{6});
}

template <class V> void fields(V& v, RemittanceDelivery& x) {
  v("method", x.method, At{1});
  v("name", x.name, At{2});
  v("number", x.number, At{3});
}

template <class V> void fields(V& v, ProviderSummary& x) {
  v("provider_id", x.provider_id, At{1});
  v("facility_code", x.facility_code, At{2});
  v("fiscal_period_end", x.fiscal_period_end, At{3});
  v("claim_count", x.claim_count, At{4});
  v("total_charge", x.total_charge, At{5});
}

template <class V> void fields(V& v, InpatientAdjudication& x) {
  v("covered_days", x.covered_days, At{1});
  v("pps_operating_outlier", x.pps_operating_outlier, At{2});
  v("lifetime_psychiatric_days", x.lifetime_psychiatric_days, At{3});
  v("drg_amount", x.drg_amount, At{4});
  v("remark", x.remark, At{5});
}

template <class V> void fields(V& v, ClaimPaymentInfo& x) {
  v("patient_control_number", x.patient_control_number, At{1});
  v("status", x.status, At{2});
  v("total_charge", x.total_charge, At{3});
  v("paid", x.paid, At{4});
  v("patient_responsibility", x.patient_responsibility, At{5});
  v("filing_indicator", x.filing_indicator, At{6});
  v("payer_claim_control_number", x.payer_claim_control_number, At{7});
  v("facility_type", x.facility_type, At{8});
  v("frequency_code", x.frequency_code, At{9});
  v("clp10", x.clp10, At{10});
  v("drg_code", x.drg_code, At{11});
  v("drg_weight", x.drg_weight, At{12});
  v("discharge_fraction", x.discharge_fraction, At{13});
  v("clp14", x.clp14, At{14});
}

template <class V> void fields(V& v, Remark& x) {
  v("qualifier", x.qualifier, At{1});
  v("code", x.code, At{2});
}

template <class V> void fields(V& v, ServicePaymentInfo& x) {
  v.nested("procedure", x.procedure, 1);
  v("charge", x.charge, At{2});
  v("paid", x.paid, At{3});
  v("revenue_code", x.revenue_code, At{4});
  v("units_paid", x.units_paid, At{5});
  v.nested("original_procedure", x.original_procedure, 6);
  v("original_units", x.original_units, At{7});
}

template <class V> void fields(V& v, ProviderAdjustmentItem& x) {
  v("reason", x.reason, At{1, 1});
  v("reference", x.reference, At{1, 2});
  v("amount", x.amount, At{2});
}
template <class V> void fields(V& v, ProviderAdjustment& x) {
  v("provider_id", x.provider_id, At{1});
  v("fiscal_period", x.fiscal_period, At{2});
  v.groups("items", x.items, 3, 2, 6);
}

}  // namespace x12::tx::detail
