// Loop descriptors: for every loop of the typed models, its members in guide
// (and write) order. The reader uses them to place a loop's own segments,
// the writer to write them back (with unmodelled segments in their places),
// and the JSON writer and reader to name them.
//
// Member kinds a loop visitor L handles:
//   loop_id("2300")            constant loop id (JSON "loop")
//   party_loop(s)              the stored loop id of a Party
//   hl("22", children)         an HL segment the writer numbers (HL04 from `children`)
//   lx()                       an LX the writer numbers (837P lines)
//   lx_stored(s)               an LX with a stored number (835), absent when empty
//   flat(id, s)                the trigger segment, fields flattened into the loop object
//   seg(id, key, s)            a required single segment, nested object
//   one(id, key, opt)          an optional single segment
//   many(id, key, vec)         a repeating segment
//   address(opt)               N3 + N4 as one "address" object
//   child(key, c) / opt_child(key, opt) / loops(key, vec)   child loops
//   extras(e)                  the loop's unmodelled segments
#pragma once

#include "fields.hpp"

namespace x12::tx::detail {

template <class L> void loop(L& l, Party& x) {
  l.party_loop(x.loop);
  l.flat("NM1", x.name);
  l.one("PRV", "specialty", x.specialty);
  l.address(x.address);
  l.one("DMG", "demographics", x.demographics);
  l.many("DTP", "dates", x.dates);
  l.many("REF", "references", x.references);
  l.many("PER", "contacts", x.contacts);
  l.extras(x.extras);
}

template <class L> void loop(L& l, LineAdjudication& x) {
  l.loop_id("2430");
  l.flat("SVD", x.info);
  l.many("CAS", "adjustments", x.adjustments);
  l.many("DTP", "dates", x.dates);
  l.many("AMT", "amounts", x.amounts);
  l.extras(x.extras);
}

template <class L> void loop(L& l, Form& x) {
  l.loop_id("2440");
  l.flat("LQ", x);
  l.many("FRM", "answers", x.answers);
  l.extras(x.extras);
}

template <class L> void loop(L& l, Drug& x) {
  l.loop_id("2410");
  l.flat("LIN", x.item);
  l.one("CTP", "pricing", x.pricing);
  l.many("REF", "references", x.references);
  l.extras(x.extras);
}

template <class L> void loop(L& l, ServiceLine& x) {
  l.loop_id("2400");
  l.lx();
  l.flat("SV1", x.service);
  l.many("PWK", "paperwork", x.paperwork);
  l.one("CR1", "ambulance", x.ambulance);
  l.one("CR3", "dme_certification", x.dme_certification);
  l.many("CRC", "conditions", x.conditions);
  l.many("DTP", "dates", x.dates);
  l.many("QTY", "quantities", x.quantities);
  l.many("MEA", "measurements", x.measurements);
  l.one("CN1", "contract", x.contract);
  l.many("REF", "references", x.references);
  l.many("AMT", "amounts", x.amounts);
  l.many("K3", "file_info", x.file_info);
  l.many("NTE", "notes", x.notes);
  l.one("PS1", "purchased_service", x.purchased_service);
  l.one("HCP", "repricing", x.repricing);
  l.opt_child("drug", x.drug);
  l.loops("providers", x.providers);
  l.loops("adjudications", x.adjudications);
  l.loops("forms", x.forms);
  l.extras(x.extras);
}

template <class L> void loop(L& l, OtherSubscriber& x) {
  l.loop_id("2320");
  l.flat("SBR", x.info);
  l.many("CAS", "adjustments", x.adjustments);
  l.many("AMT", "amounts", x.amounts);
  l.one("OI", "other_insurance", x.other_insurance);
  l.one("MOA", "outpatient_adjudication", x.outpatient_adjudication);
  l.loops("parties", x.parties);
  l.extras(x.extras);
}

template <class L> void loop(L& l, Claim& x) {
  l.loop_id("2300");
  l.flat("CLM", x.info);
  l.many("DTP", "dates", x.dates);
  l.many("PWK", "paperwork", x.paperwork);
  l.one("CN1", "contract", x.contract);
  l.many("AMT", "amounts", x.amounts);
  l.many("REF", "references", x.references);
  l.many("K3", "file_info", x.file_info);
  l.many("NTE", "notes", x.notes);
  l.one("CR1", "ambulance", x.ambulance);
  l.one("CR2", "spinal_manipulation", x.spinal_manipulation);
  l.many("CRC", "conditions", x.conditions);
  l.many("HI", "health_codes", x.health_codes);
  l.one("HCP", "repricing", x.repricing);
  l.loops("providers", x.providers);
  l.loops("other_subscribers", x.other_subscribers);
  l.loops("service_lines", x.service_lines);
  l.extras(x.extras);
}

template <class L> void loop(L& l, Patient& x) {
  l.loop_id("2000C");
  l.hl("23", false);
  l.seg("PAT", "patient_info", x.info);
  l.child("patient", x.name);
  l.loops("claims", x.claims);
  l.extras(x.extras);
}

template <class L> void loop(L& l, Subscriber& x) {
  l.loop_id("2000B");
  l.hl("22", !x.patients.empty());
  l.seg("SBR", "subscriber_info", x.info);
  l.one("PAT", "patient_info", x.patient_info);
  l.child("subscriber", x.name);
  l.child("payer", x.payer);
  l.loops("claims", x.claims);
  l.loops("patients", x.patients);
  l.extras(x.extras);
}

template <class L> void loop(L& l, BillingProvider& x) {
  l.loop_id("2000A");
  l.hl("20", !x.subscribers.empty());
  l.one("PRV", "specialty", x.specialty);
  l.one("CUR", "currency", x.currency);
  l.child("billing_provider", x.provider);
  l.opt_child("pay_to_address", x.pay_to_address);
  l.opt_child("pay_to_plan", x.pay_to_plan);
  l.loops("subscribers", x.subscribers);
  l.extras(x.extras);
}

template <class L> void loop(L& l, Claim837p& x) {
  l.seg("BHT", "header", x.header);
  l.child("submitter", x.submitter);
  l.child("receiver", x.receiver);
  l.loops("billing_providers", x.billing_providers);
  l.extras(x.extras);
}

// ---- 835 ----

template <class L> void loop(L& l, PaymentParty& x) {
  l.flat("N1", x.id);
  l.address(x.address);
  l.many("REF", "references", x.references);
  l.many("PER", "contacts", x.contacts);
  l.one("RDM", "delivery", x.delivery);
  l.extras(x.extras);
}

template <class L> void loop(L& l, ServicePayment& x) {
  l.loop_id("2110");
  l.flat("SVC", x.info);
  l.many("DTM", "dates", x.dates);
  l.many("CAS", "adjustments", x.adjustments);
  l.many("REF", "references", x.references);
  l.many("AMT", "amounts", x.amounts);
  l.many("QTY", "quantities", x.quantities);
  l.many("LQ", "remarks", x.remarks);
  l.extras(x.extras);
}

template <class L> void loop(L& l, ClaimPayment& x) {
  l.loop_id("2100");
  l.flat("CLP", x.info);
  l.many("CAS", "adjustments", x.adjustments);
  l.many("NM1", "names", x.names);
  l.one("MIA", "inpatient", x.inpatient);
  l.one("MOA", "outpatient", x.outpatient);
  l.many("REF", "references", x.references);
  l.many("DTM", "dates", x.dates);
  l.many("PER", "contacts", x.contacts);
  l.many("AMT", "amounts", x.amounts);
  l.many("QTY", "quantities", x.quantities);
  l.loops("services", x.services);
  l.extras(x.extras);
}

template <class L> void loop(L& l, HeaderNumber& x) {
  l.loop_id("2000");
  l.lx_stored(x.number);
  l.one("TS3", "summary", x.summary);
  l.loops("claims", x.claims);
  l.extras(x.extras);
}

template <class L> void loop(L& l, Remittance835& x) {
  l.seg("BPR", "payment", x.payment);
  l.seg("TRN", "trace", x.trace);
  l.one("CUR", "currency", x.currency);
  l.many("REF", "references", x.references);
  l.many("DTM", "dates", x.dates);
  l.child("payer", x.payer);
  l.child("payee", x.payee);
  l.loops("header_numbers", x.header_numbers);
  l.many("PLB", "provider_adjustments", x.provider_adjustments);
  l.extras(x.extras);
}

}  // namespace x12::tx::detail
