// JSON, CSV and text renderings of postings, denials and aging.
#include "x12/billing/posting_report.hpp"

#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <nlohmann/json.hpp>

namespace x12::billing {

namespace {

using nlohmann::json;

json date(const std::optional<Date>& d) {
  if (!d || d->is_special()) return nullptr;
  return boost::gregorian::to_iso_extended_string(*d);
}

std::string date_text(const std::optional<Date>& d) {
  return d && !d->is_special() ? boost::gregorian::to_iso_extended_string(*d) : std::string{};
}

void money_fields(json& j, const Breakdown& m) {
  j["charge"] = m.charge.to_string();
  j["allowed"] = m.allowed.to_string();
  j["paid"] = m.paid.to_string();
  j["patient_responsibility"] = m.patient_responsibility.to_string();
  j["deductible"] = m.deductible.to_string();
  j["coinsurance"] = m.coinsurance.to_string();
  j["copay"] = m.copay.to_string();
  j["other_patient_responsibility"] = m.other_patient.to_string();
  j["contractual"] = m.contractual.to_string();
  j["payer_initiated"] = m.payer_initiated.to_string();
  j["other_adjustments"] = m.other_adjustment.to_string();
  json adj = json::array();
  for (const auto& a : m.adjustments)
    adj.push_back({{"group", a.group},
                   {"reason", a.reason},
                   {"amount", a.amount.to_string()},
                   {"quantity", a.quantity.empty() ? json(nullptr) : json(a.quantity)}});
  j["adjustments"] = std::move(adj);
}

json line_json(const LinePosting& l) {
  json j{{"control_number", l.control_number},
         {"match_method", to_string(l.match)},
         {"procedure", procedure_text(l.adjudicated)},
         {"billed_procedure", procedure_text(l.billed)},
         {"code_changed", l.code_changed},
         {"service_date", date(l.service_date)},
         {"units_paid", l.units_paid}};
  money_fields(j, l.money);
  j["remarks"] = l.remarks;
  return j;
}

json claim_json(const ClaimPosting& c) {
  json j{{"patient_control_number", c.patient_control_number},
         {"payer_claim_control_number", c.payer_claim_control_number},
         {"matched", c.matched},
         {"matched_claim", c.matched ? json(c.matched_claim) : json(nullptr)},
         {"match_method", to_string(c.match)},
         {"status", to_string(c.status)},
         {"claim_status", c.claim_status},
         {"processed_as", to_string(c.processed)}};
  money_fields(j, c.money);
  j["reported_patient_responsibility"] = c.reported_patient_responsibility.to_string();
  j["interest"] = c.interest.to_string();
  j["remarks"] = c.remarks;
  j["statement_from"] = date(c.statement_from);
  j["statement_to"] = date(c.statement_to);
  j["received"] = date(c.received);
  j["reverses"] = c.reverses ? json(*c.reverses) : json(nullptr);
  json lines = json::array();
  for (const auto& l : c.lines) lines.push_back(line_json(l));
  j["lines"] = std::move(lines);
  return j;
}

// Without the claims when `with_claims` is false (they are then written one
// by one, see PostingReportWriter::item).
json remit_json(const RemittancePosting& p, bool with_claims = true) {
  json claims = json::array();
  if (with_claims)
    for (const auto& c : p.claims) claims.push_back(claim_json(c));
  json plb = json::array();
  for (const auto& a : p.provider_adjustments)
    plb.push_back({{"reason", a.reason},
                   {"reference", a.reference},
                   {"amount", a.amount.to_string()},
                   {"claim", a.claim.empty() ? json(nullptr) : json(a.claim)},
                   {"fiscal_period", date(a.fiscal_period)}});
  return {{"trace_number", p.trace_number},
          {"payer", p.payer},
          {"payer_id", p.payer_id},
          {"payment_amount", p.payment_amount.to_string()},
          {"payment_date", date(p.payment_date)},
          {"posted_total", p.posted_total.to_string()},
          {"difference", p.difference().to_string()},
          {"balanced", p.balanced()},
          {"duplicate", p.duplicate},
          {"claims", std::move(claims)},
          {"provider_adjustments", std::move(plb)},
          {"unmatched", p.unmatched}};
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string join(const std::vector<std::string>& v, std::string_view sep = " ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

std::string adjustments_text(const Breakdown& m) {
  std::string out;
  for (const auto& a : m.adjustments)
    out += fmt::format("{}{}-{} {}", out.empty() ? "" : " ", a.group, a.reason, a.amount.to_string());
  return out;
}

using Flush = PostingReportWriter::Flush;

// Hands the text so far to `flush` once it is large: a 5000-claim 835 makes
// megabytes of report.
void drain(std::string& out, const Flush& flush) {
  if (flush && out.size() >= (1u << 20)) {
    flush(out);
    out.clear();
  }
}

void csv_rows(const RemittancePosting& p, std::string& out, const Flush& flush) {
  for (const auto& c : p.claims) {
    drain(out, flush);
    auto row = [&](std::string_view line, std::string_view match, std::string_view procedure, const Breakdown& m,
                   const std::vector<std::string>& remarks) {
      out += fmt::format(
          "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(p.trace_number), csv_field(p.payer),
          csv_field(c.patient_control_number), csv_field(c.payer_claim_control_number), csv_field(line), match,
          to_string(c.status), csv_field(procedure), m.charge.to_string(), m.allowed.to_string(), m.paid.to_string(),
          m.patient_responsibility.to_string(), m.deductible.to_string(), m.coinsurance.to_string(),
          m.copay.to_string(), m.contractual.to_string(), (m.payer_initiated + m.other_adjustment).to_string(),
          csv_field(adjustments_text(m)), csv_field(join(remarks)));
    };
    row({}, to_string(c.match), {}, c.money, c.remarks);
    for (const auto& l : c.lines)
      row(l.control_number, to_string(l.match), procedure_text(l.adjudicated), l.money, l.remarks);
  }
}

void text_block(const RemittancePosting& p, std::string& out, const Flush& flush) {
  {
    out += fmt::format("835 {} from {} ({}): payment {}", p.trace_number, p.payer, p.payer_id,
                       p.payment_amount.to_string());
    if (p.duplicate) {
      out += ": already posted, nothing posted again\n\n";  // the claims are not listed twice
      return;
    }
    out += fmt::format(", posted {}: {}\n", p.posted_total.to_string(),
                       p.balanced() ? "balanced" : fmt::format("OUT OF BALANCE by {}", p.difference().to_string()));
    for (const auto& c : p.claims) {
      drain(out, flush);
      out += fmt::format(
          "  {:<16} {:<18} {:<9} charge {:>9} allowed {:>9} "
          "paid {:>9} patient {:>8}",
          c.patient_control_number, c.payer_claim_control_number, to_string(c.status), c.money.charge.to_string(),
          c.money.allowed.to_string(), c.money.paid.to_string(), c.money.patient_responsibility.to_string());
      if (!c.matched) out += "  UNMATCHED";
      else if (c.match == MatchMethod::payer_claim_control_number) out += "  (matched by payer claim number)";
      if (c.reverses) out += fmt::format("  reverses posting {}", *c.reverses);
      out += "\n";
      if (c.money.deductible.cents() || c.money.coinsurance.cents() || c.money.copay.cents())
        out += fmt::format("  {:<16} deductible {} coinsurance {} copay {}\n", "", c.money.deductible.to_string(),
                           c.money.coinsurance.to_string(), c.money.copay.to_string());
      for (const auto& l : c.lines)
        out += fmt::format("    {:<18} {:<14} {:<15} charge {:>9} paid {:>9}  {}{}{}\n", l.control_number,
                           procedure_text(l.adjudicated), to_string(l.match), l.money.charge.to_string(),
                           l.money.paid.to_string(), adjustments_text(l.money), l.remarks.empty() ? "" : "  remarks ",
                           join(l.remarks));
    }
    for (const auto& a : p.provider_adjustments)
      out += fmt::format("  PLB {} {} {}{}\n", a.reason, a.reference, a.amount.to_string(),
                         a.claim.empty() ? "" : "  (claim " + a.claim + ")");
    if (!p.unmatched.empty()) out += "  unmatched: " + join(p.unmatched, ", ") + "\n";
    out += "\n";
  }
}

}  // namespace

std::string procedure_text(const tx::Procedure& p) {
  if (p.empty()) return {};
  std::string out = p.qualifier + ":" + p.code;
  for (const auto& m : p.modifiers) out += ":" + m;
  return out;
}

PostingReportWriter::PostingReportWriter(Format format) : format_(format) {}

std::string PostingReportWriter::head() const {
  return format_ == Format::csv ? "trace_number,payer,patient_control_number,payer_claim_"
                                  "control_number,line_control_number,match_method,status,"
                                  "procedure,charge,allowed,paid,patient_responsibility,"
                                  "deductible,coinsurance,copay,contractual,"
                                  "other_adjustments,adjustments,remarks\n"
                                : "";
}

void PostingReportWriter::item(const RemittancePosting& p, std::string& out, const Flush& flush) {
  switch (format_) {
    case Format::text: text_block(p, out, flush); break;
    case Format::csv: csv_rows(p, out, flush); break;
    case Format::json: {
      // What json::dump(2) makes of the whole array: each element on its own
      // lines, two spaces in (a JSON string never holds a raw newline). The
      // claims are spliced in one by one where the remittance has "claims": [].
      auto indented = [&out](const std::string& text, std::string_view by) {
        for (char ch : text) {
          out += ch;
          if (ch == '\n') out += by;
        }
      };
      out += count_ == 0 ? "[\n  " : ",\n  ";
      const std::string remit = remit_json(p, false).dump(2);
      constexpr std::string_view key = "\n  \"claims\": []";
      const std::size_t at = remit.find(key);
      if (p.claims.empty() || at == std::string::npos) {
        indented(remit, "  ");
      } else {
        indented(remit.substr(0, at + key.size() - 1), "  ");
        out += "\n";
        const char* sep = "      ";
        for (const auto& c : p.claims) {
          drain(out, flush);
          out += sep;
          indented(claim_json(c).dump(2), "      ");
          sep = ",\n      ";
        }
        out += "\n    ]";
        indented(remit.substr(at + key.size()), "  ");
      }
      break;
    }
  }
  ++count_;
}

std::string PostingReportWriter::tail() const {
  if (format_ != Format::json) return {};
  return count_ == 0 ? "[]" : "\n]";
}

namespace {
std::string whole(PostingReportWriter::Format f, std::span<const RemittancePosting> postings) {
  PostingReportWriter w(f);
  std::string out = w.head();
  for (const auto& p : postings) w.item(p, out, {});
  return out + w.tail();
}
}  // namespace

std::string to_json(std::span<const RemittancePosting> postings) {
  return whole(PostingReportWriter::Format::json, postings);
}
std::string to_csv(std::span<const RemittancePosting> postings) {
  return whole(PostingReportWriter::Format::csv, postings);
}
std::string to_text(std::span<const RemittancePosting> postings) {
  return whole(PostingReportWriter::Format::text, postings);
}

std::string to_json(std::span<const Denial> denials) {
  json arr = json::array();
  for (const auto& d : denials)
    arr.push_back({{"payer", d.payer},
                   {"payer_id", d.payer_id},
                   {"trace_number", d.trace_number},
                   {"patient_control_number", d.patient_control_number},
                   {"payer_claim_control_number", d.payer_claim_control_number},
                   {"line_control_number", d.line_control_number.empty() ? json(nullptr) : json(d.line_control_number)},
                   {"procedure", d.procedure},
                   {"full_denial", d.full_denial},
                   {"group", d.group},
                   {"reason", d.reason},
                   {"description", d.description},
                   {"amount", d.amount.to_string()},
                   {"remarks", d.remarks},
                   {"family", to_string(d.family)},
                   {"next_step", to_string(d.next_step)},
                   {"remittance_date", date(d.remittance_date)},
                   {"appeal_deadline", date(d.appeal_deadline)}});
  return arr.dump(2);
}

std::string to_csv(std::span<const Denial> denials) {
  std::string out =
      "payer_id,trace_number,patient_control_number,payer_claim_"
      "control_number,line_control_number,procedure,"
      "full_denial,group,reason,amount,remarks,family,next_step,"
      "appeal_deadline,description\n";
  for (const auto& d : denials)
    out +=
        fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(d.payer_id), csv_field(d.trace_number),
                    csv_field(d.patient_control_number), csv_field(d.payer_claim_control_number),
                    csv_field(d.line_control_number), csv_field(d.procedure), d.full_denial ? "yes" : "no", d.group,
                    d.reason, d.amount.to_string(), csv_field(join(d.remarks)), to_string(d.family),
                    to_string(d.next_step), date_text(d.appeal_deadline), csv_field(d.description));
  return out;
}

std::string to_text(std::span<const Denial> denials) {
  std::string out;
  for (const auto& d : denials) {
    out += fmt::format("{:<14} {:<18} {:<7} {}-{:<4} {:>9}  {:<24} -> {:<20} appeal by {}\n", d.patient_control_number,
                       d.line_control_number.empty() ? "(claim)" : d.line_control_number, d.procedure, d.group,
                       d.reason, d.amount.to_string(), to_string(d.family), to_string(d.next_step),
                       d.appeal_deadline ? date_text(d.appeal_deadline) : "-");
    if (!d.description.empty() || !d.remarks.empty())
      out += fmt::format("{:<14} {}{}{}\n", "", d.description, d.remarks.empty() ? "" : "; remarks ", join(d.remarks));
  }
  out += fmt::format("{} item(s)\n", denials.size());
  return out;
}

std::string to_json(const AgingReport& r) {
  json items = json::array();
  for (const auto& i : r.items) {
    items.push_back({{"patient_control_number", i.claim.patient_control_number},
                     {"payer_id", i.claim.payer_id},
                     {"payer", i.claim.payer_name},
                     {"charge", i.claim.charge.to_string()},
                     {"submitted", date(i.claim.submitted)},
                     {"service_from", date(i.claim.service_from)},
                     {"days", i.days},
                     {"bucket", to_string(i.bucket)}});
    if (!i.state.empty()) items.back()["state"] = i.state;  // only where x12 track follows the claim
  }
  json buckets = json::array();
  for (std::size_t b = 0; b < 4; ++b)
    buckets.push_back({{"bucket", to_string(static_cast<AgingBucket>(b))},
                       {"claims", r.counts[b]},
                       {"charge", r.totals[b].to_string()}});
  return json{{"buckets", buckets}, {"claims", items}}.dump(2);
}

std::string to_text(const AgingReport& r) {
  std::string out;
  for (std::size_t b = 0; b < 4; ++b)
    out += fmt::format("{:<6} {:>4} claim(s) {:>12}\n", to_string(static_cast<AgingBucket>(b)), r.counts[b],
                       r.totals[b].to_string());
  if (!r.items.empty()) out += "\n";
  for (const auto& i : r.items)
    out += fmt::format("{:<16} {:<10} {:>10} {:>4} days ({}){}\n", i.claim.patient_control_number, i.claim.payer_id,
                       i.claim.charge.to_string(), i.days, to_string(i.bucket), i.state.empty() ? "" : "  " + i.state);
  return out;
}

}  // namespace x12::billing
