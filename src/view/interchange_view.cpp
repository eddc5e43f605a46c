// x12 view FILE: 837P claim forms, 835 remittance advice, acknowledgment
// reports (999, TA1, 277CA), other sets as their segments.
#include <fmt/format.h>

#include <map>
#include <variant>

#include "page.hpp"
#include "x12/billing/poster.hpp"
#include "x12/billing/posting_report.hpp"
#include "x12/billing/reason_codes.hpp"
#include "x12/billing/submitted_claim.hpp"
#include "x12/money.hpp"
#include "x12/syntax/redact.hpp"
#include "x12/tx/json.hpp"
#include "x12/tx/read.hpp"
#include "x12/view/html.hpp"

namespace x12::view {

using namespace detail;

namespace {

std::string box(std::string_view number, std::string_view label, std::string_view value, std::string_view data = {}) {
  std::string attr = data.empty() ? "" : fmt::format(" data-{}=\"{}\"", data, escape(value));
  return fmt::format("<div class=\"box\"><span class=\"n\">{} {}</span><span{}>{}</span></div>", escape(number),
                     escape(label), attr, escape(value));
}

std::string first_date(const json& dates, std::string_view qualifier) {
  if (!dates.is_array()) return {};
  for (const auto& d : dates)
    if (text(d, "qualifier") == qualifier) {
      if (d.contains("date")) return text(d, "date");
      if (d.contains("from")) return text(d, "from") + " to " + text(d, "to");
    }
  return {};
}

std::string reference(const json& refs, std::string_view qualifier) {
  if (!refs.is_array()) return {};
  for (const auto& r : refs)
    if (text(r, "qualifier") == qualifier) return text(r, "id");
  return {};
}

std::string npi_of(const json& providers, std::string_view entity) {
  if (!providers.is_array()) return {};
  for (const auto& p : providers)
    if (text(p, "entity") == entity) return text(p, "id");
  return {};
}

// One CMS-1500-style form for one claim (2300) of an 837P.
std::string claim_form(const json& bp, const json& sub, const json* pat, const json& c) {
  const json& insured = sub.value("subscriber", json::object());
  const json& patient = pat ? pat->value("patient", json::object()) : insured;
  const json& billing = bp.value("billing_provider", json::object());
  std::string out =
      fmt::format("<section class=\"form\" data-claim=\"{}\">\n<h2>HEALTH INSURANCE CLAIM FORM — {}</h2>\n",
                  escape(text(c, "patient_control_number")), escape(text(c, "patient_control_number")));
  out += box("1", "Insurance (payer)", name_of(sub.value("payer", json::object())));
  out += box("1a", "Insured's ID number", text(insured, "id"), "insured-id");
  out += box("2", "Patient's name", name_of(patient));
  const json& demo = patient.value("demographics", json::object());
  out += box("3", "Patient's birth date, sex", text(demo, "birth_date") + " " + text(demo, "gender"));
  out += box("4", "Insured's name", name_of(insured));
  const json& addr = patient.value("address", json::object());
  out +=
      box("5", "Patient's address",
          text(addr, "line1") + " " + text(addr, "city") + " " + text(addr, "state") + " " + text(addr, "postal_code"));
  out += box("11", "Insured's group number", text(sub.value("subscriber_info", json::object()), "group_number"));
  out += box("23", "Prior authorization number", reference(c.value("references", json::array()), "G1"));
  out += box("26", "Patient's account no.", text(c, "patient_control_number"));
  out += box("28", "Total charge", text(c, "total_charge"), "total-charge");
  out += box("25", "Federal tax ID", reference(billing.value("references", json::array()), "EI"));
  out += box("33", "Billing provider", name_of(billing));
  out += box("33a", "Billing NPI", text(billing, "id"), "billing-npi");
  // Box 21: up to 12 diagnoses, lettered A-L; ICD indicator 0 (ICD-10).
  out += "<h3>21 Diagnosis or nature of illness or injury (ICD Ind. 0)</h3><table><tr>";
  const std::string letters = "ABCDEFGHIJKL";
  std::size_t n = 0;
  for (const auto& hi : c.value("health_codes", json::array()))
    for (const auto& code : hi.value("codes", json::array())) {
      if (n >= letters.size()) break;
      out += fmt::format("<td><b>{}.</b> <span data-diagnosis=\"{}\">{}</span></td>", letters[n],
                         escape(text(code, "code")), escape(text(code, "code")));
      ++n;
    }
  out += "</tr></table>\n";
  out +=
      "<h3>24 Service lines</h3><table><tr><th>24A Dates of service</th><th>24B Place</th><th>24D CPT/HCPCS</th>"
      "<th>Modifiers</th><th>24E Diagnosis pointer</th><th>24F Charges</th><th>24G Units</th>"
      "<th>24J Rendering NPI</th></tr>\n";
  const std::string claim_rendering = npi_of(c.value("providers", json::array()), "82");
  for (const auto& line : c.value("service_lines", json::array())) {
    const json& proc = line.value("procedure", json::object());
    std::string mods, pointers;
    for (const auto& m : proc.value("modifiers", json::array()))
      mods += (mods.empty() ? "" : " ") + m.get<std::string>();
    for (const auto& p : line.value("diagnosis_pointers", json::array())) {
      std::string v = p.get<std::string>();
      std::size_t i = v.empty() ? 0 : static_cast<std::size_t>(v[0] - '1');
      pointers += i < letters.size() && v.size() <= 2 ? std::string(1, letters[std::min(i, letters.size() - 1)]) : v;
    }
    std::string rendering = npi_of(line.value("providers", json::array()), "82");
    std::string pos = text(line, "place_of_service");
    out += "<tr>" + cell(first_date(line.value("dates", json::array()), "472")) +
           cell(pos.empty() ? text(c, "place_of_service") : pos) + cell(text(proc, "code")) + cell(mods) +
           cell(pointers) + cell(text(line, "charge"), "money", "line-charge") + cell(text(line, "quantity")) +
           cell(rendering.empty() ? claim_rendering : rendering) + "</tr>\n";
  }
  out += "</table>\n</section>\n";
  return out;
}

std::string claims_page(const json& doc) {
  std::string out;
  for (const auto& bp : doc.value("billing_providers", json::array()))
    for (const auto& sub : bp.value("subscribers", json::array())) {
      for (const auto& c : sub.value("claims", json::array())) out += claim_form(bp, sub, nullptr, c);
      for (const auto& pat : sub.value("patients", json::array()))
        for (const auto& c : pat.value("claims", json::array())) out += claim_form(bp, sub, &pat, c);
    }
  return out;
}

std::string adjustments_rows(const json& adjustments, std::string_view level) {
  std::string out;
  const auto& codes = billing::ReasonCodeTable::builtin();
  for (const auto& a : adjustments)
    out += "<tr><td></td><td colspan=\"2\">" + escape(level) + " " + escape(text(a, "group")) + "-" +
           escape(text(a, "reason")) + "</td><td colspan=\"3\">" + escape(codes.carc_text(text(a, "reason"))) +
           "</td>" + cell(text(a, "amount"), "money", "adjustment") + "</tr>\n";
  return out;
}

// The remittance advice of one 835, from its posting (billing::Poster with
// no submitted claims: allowed, patient responsibility and adjustments are
// the 835's own).
std::string remittance_page(const tx::Remittance835& r, const json& doc) {
  billing::ClaimIndex none;
  billing::Poster poster(none);
  billing::RemittancePosting posting = poster.post(r);
  json p = json::parse(billing::to_json(std::span<const billing::RemittancePosting>(&posting, 1)))[0];
  const auto& codes = billing::ReasonCodeTable::builtin();
  std::string out = "<section class=\"eob\">\n<h2>Remittance advice</h2>\n<table>";
  out += "<tr><th>Payer</th>" + cell(text(p, "payer")) + "<th>Payer ID</th>" + cell(text(p, "payer_id")) + "</tr>";
  out += "<tr><th>Payee</th>" + cell(text(doc.value("payee", json::object()), "name")) + "<th>Trace (check/EFT)</th>" +
         cell(text(p, "trace_number"), "", "trace") + "</tr>";
  out += "<tr><th>Payment (BPR02)</th>" + cell(text(p, "payment_amount"), "money", "payment-amount") +
         "<th>Payment date</th>" + cell(text(p, "payment_date")) + "</tr></table>\n";
  out +=
      "<table><tr><th>Patient account</th><th>Status</th><th>Payer claim no.</th><th>Billed</th><th>Allowed</th>"
      "<th>Patient resp.</th><th>Paid</th></tr>\n";
  Money paid_total;
  for (const auto& c : p.value("claims", json::array())) {
    paid_total += Money::parse(text(c, "paid")).value_or(Money{});
    out += "<tr class=\"claim\">" + cell(text(c, "patient_control_number")) + cell(text(c, "processed_as")) +
           cell(text(c, "payer_claim_control_number")) + cell(text(c, "charge"), "money", "charge") +
           cell(text(c, "allowed"), "money", "allowed") +
           cell(text(c, "patient_responsibility"), "money", "patient-responsibility") +
           cell(text(c, "paid"), "money", "paid") + "</tr>\n";
    out += adjustments_rows(c.value("adjustments", json::array()), "adjustment");
    for (const auto& line : c.value("lines", json::array())) {
      out += "<tr class=\"line\"><td></td>" + cell(text(line, "procedure")) + cell(text(line, "service_date")) +
             cell(text(line, "charge"), "money") + cell(text(line, "allowed"), "money") +
             cell(text(line, "patient_responsibility"), "money") + cell(text(line, "paid"), "money") + "</tr>\n";
    }
    // The claim's remarks include its lines' (LQ*HE), without repeats.
    for (const auto& rm : c.value("remarks", json::array()))
      out += "<tr><td></td><td colspan=\"2\">remark " + escape(rm.get<std::string>()) + "</td><td colspan=\"4\">" +
             escape(codes.rarc_text(rm.get<std::string>())) + "</td></tr>\n";
  }
  out += "</table>\n";
  Money plb_total;
  if (!p.value("provider_adjustments", json::array()).empty()) {
    out += "<h3>Provider-level adjustments (PLB)</h3><table><tr><th>Reason</th><th>Reference</th><th>Amount</th></tr>";
    for (const auto& a : p["provider_adjustments"]) {
      plb_total += Money::parse(text(a, "amount")).value_or(Money{});
      out += "<tr>" + cell(text(a, "reason")) + cell(text(a, "reference")) + cell(text(a, "amount"), "money", "plb") +
             "</tr>";
    }
    out += "</table>\n";
  }
  const bool balanced = p.value("balanced", false);
  out += fmt::format(
      "<table class=\"totals\"><tr><th>Claims paid</th>{}</tr><tr><th>Less provider adjustments</th>{}</tr>"
      "<tr><th>Posted total</th>{}</tr><tr><th>Payment (BPR02)</th>{}</tr></table>\n<p class=\"{}\">{}</p>\n",
      cell(paid_total.to_string(), "money", "claims-paid"), cell(plb_total.to_string(), "money", "plb-total"),
      cell(text(p, "posted_total"), "money", "posted-total"), cell(text(p, "payment_amount"), "money"),
      balanced ? "ok" : "bad",
      balanced ? "The totals reconcile to BPR02."
               : escape("The totals do not reconcile to BPR02: difference " + text(p, "difference")));
  return out + "</section>\n";
}

std::string segments_table(const json& doc) {
  std::string out = "<table><tr><th>Segment</th><th>Elements</th></tr>\n";
  for (const auto& s : doc.value("segments", json::array())) {
    std::string elements;
    for (const auto& e : s.value("elements", json::array()))
      elements += (elements.empty() ? "" : " * ") + (e.is_string() ? e.get<std::string>() : e.dump());
    out += "<tr>" + cell(text(s, "id")) + cell(elements) + "</tr>\n";
  }
  return out + "</table>\n";
}

// Acknowledgments read segment by segment: 999 (AK2/IK3/IK4/IK5/AK9), TA1,
// 277CA (TRN, STC per claim). A row is gathered, then written whole.
struct AckReport {
  std::string body;
  std::size_t accepted = 0, rejected = 0, errors = 0;
  bool any = false, table_open = false, row_open = false, claim_row = false;
  std::string row_head, row_status, row_errors;

  void open_table(std::string_view title, std::string_view columns) {
    close_table();
    body += fmt::format("<h2>{}</h2>\n<table><tr>{}</tr>\n", title, columns);
    table_open = true;
  }
  void open_row(std::string head) {
    close_row();
    row_head = std::move(head);
    row_status.clear();
    row_errors.clear();
    row_open = true;
  }
  void close_row() {
    if (!row_open) return;
    body += "<tr class=\"item\">" + row_head + "<td>" + row_status + "</td><td>" + row_errors + "</td></tr>\n";
    row_open = false;
  }
  void close_table() {
    close_row();
    if (table_open) body += "</table>\n";
    table_open = false;
  }
};

void ack_segment(const syntax::Segment& s, AckReport& r) {
  if (s.is("TA1")) {
    r.any = true;
    const std::string status(s.element(4)), note(s.element(5));
    (status == "R" ? r.rejected : r.accepted) += 1;
    if (note != "000" && !note.empty()) ++r.errors;
    r.body += fmt::format(
        "<h2>Interchange acknowledgment (TA1)</h2><table><tr><th>Interchange control</th>{}</tr><tr><th>Status</th>"
        "<td class=\"{}\">{} — {}</td></tr><tr><th>Note</th><td>{} — {}</td></tr></table>\n",
        cell(s.element(1), "", "interchange"), status == "A" ? "ok" : "bad", escape(status),
        escape(status == "A"   ? "Accepted"
               : status == "E" ? "Accepted with errors"
                               : "Rejected"),
        escape(note), escape(detail::interchange_note_words(note)));
  } else if (s.is("AK1")) {
    r.any = true;
    r.open_table(fmt::format("Implementation acknowledgment (999) for group {} ({})", escape(s.element(2)),
                             escape(s.element(1))),
                 "<th>Set</th><th>Control</th><th>Status</th><th>Errors</th>");
  } else if (s.is("AK2")) {
    r.open_row(cell(s.element(1)) + cell(s.element(2)));
  } else if (s.is("IK3")) {
    ++r.errors;
    r.row_errors += fmt::format("<div class=\"error\">Segment {} at position {} (loop {}): {} — {}</div>",
                                escape(s.element(1)), escape(s.element(2)), escape(s.element(3)), escape(s.element(4)),
                                escape(detail::segment_error_words(s.element(4))));
  } else if (s.is("IK4")) {
    ++r.errors;
    r.row_errors += fmt::format("<div class=\"error\">&nbsp;&nbsp;Element {}: {} — {}</div>", escape(s.element(1)),
                                escape(s.element(3)), escape(detail::element_error_words(s.element(3))));
  } else if (s.is("IK5")) {
    const std::string status(s.element(1));
    (status == "A" || status == "E" ? r.accepted : r.rejected) += 1;
    r.row_status = fmt::format("<span class=\"{}\" data-set-status=\"{}\">{} — {}</span>",
                               status == "A"   ? "ok"
                               : status == "E" ? "warn"
                                               : "bad",
                               escape(status), escape(status), escape(detail::set_status_words(status)));
  } else if (s.is("AK9")) {
    r.close_table();
    r.body += fmt::format("<p>Group: {} — {}; {} sets included, {} received, {} accepted.</p>\n", escape(s.element(1)),
                          escape(detail::set_status_words(s.element(1))), escape(s.element(2)), escape(s.element(3)),
                          escape(s.element(4)));
  } else if (s.is("ST") && s.element(1) == "277") {
    r.any = true;
    r.open_table("Claim acknowledgment (277CA)",
                 "<th>Level</th><th>Trace (TRN02)</th><th>Status (STC)</th><th>Notes</th>");
  } else if (s.is("TRN") && r.table_open) {
    r.open_row(cell(s.element(1) == "2" ? "claim" : "batch") + cell(s.element(2)));
    r.claim_row = s.element(1) == "2";
  } else if (s.is("STC") && r.row_open) {
    const std::string category(s.component(1, 1));
    const bool rejected =
        category == "A3" || category == "A4" || category == "A6" || category == "A7" || category == "A8";
    if (r.claim_row && r.row_status.empty()) {
      (rejected ? r.rejected : r.accepted) += 1;
      if (rejected) ++r.errors;
    }
    r.row_status += fmt::format("<div class=\"{}\">{} {}</div>", rejected ? "bad" : "ok", escape(s.element(1)),
                                rejected ? "rejected" : "accepted");
    if (!s.element(12).empty()) r.row_errors += "<div>" + escape(s.element(12)) + "</div>";
  } else if (s.is("SE")) {
    r.close_table();
  }
}

}  // namespace

std::string redacted(std::string_view bytes) {
  syntax::Reader reader(bytes);
  syntax::Redactor redactor;
  std::string out;
  for (syntax::Segment s; reader.next(s);) redactor.append(s, out);
  if (!reader.stop()) out.append(reader.trailing());
  return out;
}

result<std::string> render_interchange(std::string_view input, const ViewOptions& options) {
  std::string masked;
  if (options.redact) masked = redacted(input);
  std::string_view bytes = options.redact ? std::string_view(masked) : input;

  // Acknowledgments first (a TA1 is outside any set).
  AckReport ack;
  {
    syntax::Reader reader(bytes);
    for (syntax::Segment s; reader.next(s);) ack_segment(s, ack);
    ack.close_table();
    if (reader.stop()) return *reader.stop();
  }
  std::string body = fmt::format("<h1>{}</h1>\n", escape(options.title));
  if (ack.any) {
    body += fmt::format(
        "<p class=\"summary\" data-accepted=\"{}\" data-rejected=\"{}\" data-errors=\"{}\">"
        "{} accepted, {} rejected, {} errors.</p>\n",
        ack.accepted, ack.rejected, ack.errors, ack.accepted, ack.rejected, ack.errors);
    body += ack.body;
    return page(options.title, body);
  }
  syntax::Reader reader(bytes);
  tx::SetReader sets(reader);
  tx::AnySet set;
  while (sets.next(set)) {
    json doc = json::parse(tx::to_json(set));
    if (std::holds_alternative<tx::Claim837p>(set)) body += claims_page(doc);
    else if (const auto* r = std::get_if<tx::Remittance835>(&set)) body += remittance_page(*r, doc);
    else body += "<h2>Transaction set " + escape(text(doc, "transaction_set")) + "</h2>\n" + segments_table(doc);
  }
  if (reader.stop()) return *reader.stop();
  return page(options.title, body);
}

}  // namespace x12::view
