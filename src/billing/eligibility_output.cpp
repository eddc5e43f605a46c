// An eligibility response as text for the front desk, as JSON (docs/json.md
// "Eligibility responses") and as CSV (one row per patient, service type and
// network). Absent cost share is "not given" (null in JSON), never zero.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "json_util.hpp"
#include "x12/billing/eligibility.hpp"

namespace x12::billing {

namespace {

using json = nlohmann::ordered_json;  // keys in the order docs/json.md lists them

json opt(const std::optional<Money>& m) { return m ? json(m->to_string()) : json(nullptr); }
json opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json opt(const std::optional<Date>& d) { return d ? json(detail::format_date(*d)) : json(nullptr); }

json to_json(const Accumulator& a);
json to_json(const BenefitLimit& l);
json to_json(const Benefit& b);
json to_json(const ServiceBenefits& s);
json to_json(const EligibilityPatient& p);

json to_json(const EligibilityRejection& r) {
  return {{"level", r.level},   {"valid_request", r.valid_request}, {"reason_code", r.reason_code},
          {"reason", r.reason}, {"action_code", r.action_code},     {"action", r.action}};
}

json to_json(const EligibilityDate& d) {
  return {{"qualifier", d.qualifier}, {"meaning", d.meaning}, {"from", opt(d.from)}, {"to", opt(d.to)}};
}

json to_json(const BenefitEntity& e) {
  json contacts = json::array();
  for (const auto& c : e.contacts) contacts.push_back({{"qualifier", c.qualifier}, {"number", c.number}});
  return {{"role_code", e.role_code},
          {"role", e.role},
          {"name", e.name},
          {"id_qualifier", e.id_qualifier},
          {"id", e.id},
          {"address",
           {{"line1", e.address.line1},
            {"line2", e.address.line2},
            {"city", e.address.city},
            {"state", e.address.state},
            {"zip", e.address.zip}}},
          {"contact_name", e.contact_name},
          {"contacts", contacts}};
}

template <class T> json list(const std::vector<T>& v) {
  json a = json::array();
  for (const auto& x : v) a.push_back(to_json(x));
  return a;
}

json to_json(const Accumulator& a) {
  return {{"coverage_level", a.coverage_level},
          {"period", a.period},
          {"total", opt(a.total)},
          {"remaining", opt(a.remaining)}};
}

json to_json(const BenefitLimit& l) {
  return {{"unit", l.unit},
          {"period", l.period},
          {"total", opt(l.total)},
          {"used", opt(l.used)},
          {"remaining", opt(l.remaining)},
          {"text", l.text}};
}

json to_json(const Benefit& b) {
  json refs = json::array();
  for (const auto& [q, v] : b.references) refs.push_back({{"qualifier", q}, {"value", v}});
  return {{"code", b.code},
          {"meaning", b.meaning},
          {"coverage_level", b.coverage_level},
          {"service_types", b.service_types},
          {"insurance_type", b.insurance_type},
          {"plan", b.plan},
          {"period_code", b.period_code},
          {"period", b.period},
          {"amount", opt(b.amount)},
          {"percent", opt(b.percent)},
          {"quantity_qualifier", b.quantity_qualifier},
          {"quantity", opt(b.quantity)},
          {"authorization_required", b.authorization_required},
          {"network", b.network},
          {"procedure", b.procedure},
          {"deliveries", b.deliveries},
          {"references", refs},
          {"dates", list(b.dates)},
          {"rejections", list(b.rejections)},
          {"messages", b.messages},
          {"entities", list(b.entities)}};
}

json to_json(const ServiceBenefits& s) {
  return {{"service_type", s.service_type},
          {"service", s.service},
          {"network", s.network},
          {"status", s.status},
          {"copay", opt(s.copay)},
          {"copay_period", s.copay_period},
          {"coinsurance", opt(s.coinsurance)},
          {"deductible", list(s.deductible)},
          {"out_of_pocket", list(s.out_of_pocket)},
          {"limits", list(s.limits)},
          {"authorization_required", s.authorization_required},
          {"entities", list(s.entities)},
          {"messages", s.messages}};
}

json to_json(const EligibilityPatient& p) {
  json j = {{"trace", p.trace},
            {"dependent", p.dependent},
            {"last", p.last},
            {"first", p.first},
            {"member_id", p.member_id},
            {"birth_date", opt(p.birth_date)},
            {"payer", {{"name", p.payer_name}, {"id", p.payer_id}}},
            {"provider", {{"name", p.provider_name}, {"id", p.provider_id}}},
            {"status", to_string(p.status)},
            {"rejections", list(p.rejections)},
            {"plan", p.plan},
            {"group_number", p.group_number},
            {"plan_description", p.plan_description},
            {"coverage", {{"begin", opt(p.coverage_begin)}, {"end", opt(p.coverage_end)}}},
            {"dates", list(p.dates)},
            {"services", list(p.services)},
            {"carve_outs", list(p.carve_outs)},
            {"benefits", list(p.benefits)},
            {"messages", p.messages}};
  if (p.dependent)
    j["subscriber"] = {
        {"last", p.subscriber_last}, {"first", p.subscriber_first}, {"member_id", p.subscriber_member_id}};
  return j;
}

std::string name_of(const EligibilityPatient& p) { return p.first.empty() ? p.last : p.last + ", " + p.first; }

std::string rejection_words(const EligibilityRejection& r) {
  return fmt::format("{} ({}){}", r.reason.empty() ? "reason code" : r.reason, r.reason_code,
                     r.action_code.empty()
                         ? std::string()
                         : fmt::format(": {} ({})", r.action.empty() ? "follow-up code" : r.action, r.action_code));
}

// ".2" -> "20% (.2)"; a value that is not a number is shown as sent.
std::string percent_words(const std::string& v) {
  try {
    std::size_t used = 0;
    double x = std::stod(v, &used);
    if (used == v.size()) return fmt::format("{:g}% ({})", x * 100, v);
  } catch (const std::exception&) {}
  return v;
}

std::string network_words(const std::string& n) {
  if (n == "in") return "in network";
  if (n == "out") return "out of network";
  if (n == "unknown") return "network unknown";
  return "network not applicable";
}

std::string accumulator_words(const std::vector<Accumulator>& v) {
  if (v.empty()) return "not given";
  std::string out;
  for (const auto& a : v) {
    if (!out.empty()) out += "; ";
    std::string level = a.coverage_level == "IND" ? "individual " : a.coverage_level == "FAM" ? "family " : "";
    out += level + (a.total ? a.total->to_string() : std::string("total not given"));
    if (!a.period.empty()) out += " per " + a.period;
    out += a.remaining ? ", " + a.remaining->to_string() + " remaining" : std::string();
  }
  return out;
}

std::string limit_words(const BenefitLimit& l) {
  std::string unit = l.unit.empty() ? "" : " " + l.unit;
  std::string out;
  if (l.total) out = *l.total + unit + (l.period.empty() ? "" : " per " + l.period);
  if (l.used) out += (out.empty() ? "" : ", ") + *l.used + " used";
  if (l.remaining) out += (out.empty() ? "" : ", ") + *l.remaining + unit + " remaining";
  if (!l.text.empty()) out += (out.empty() ? "" : "; ") + l.text;
  return out.empty() ? "limited (no figures given)" : out;
}

std::string entity_words(const BenefitEntity& e) {
  std::string out = e.name.empty() ? "(no name)" : e.name;
  out += " (" + (e.role.empty() ? e.role_code : e.role) + ")";
  if (!e.id.empty()) out += ", id " + e.id;
  for (const auto& c : e.contacts)
    out += ", " + (c.qualifier == "TE" ? std::string("phone") : c.qualifier) + " " + c.number;
  return out;
}

std::string csv_field(std::string_view v) {
  if (v.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::string eligibility_json(const EligibilityResponse& r) {
  json j = {{"payer", {{"name", r.payer_name}, {"id", r.payer_id}}},
            {"rejections", list(r.rejections)},
            {"patients", list(r.patients)},
            {"problems", r.problems}};
  return j.dump(2);
}

std::string eligibility_text(const EligibilityResponse& r) {
  std::string out;
  if (!r.payer_name.empty() || !r.payer_id.empty()) out += fmt::format("Payer: {} ({})\n", r.payer_name, r.payer_id);
  for (const auto& rej : r.rejections)
    out += fmt::format("Rejected at the {} level: {}\n", rej.level, rejection_words(rej));
  for (const auto& p : r.patients) {
    out += fmt::format("\nPatient {}{}  member {}  trace {}\n", name_of(p), p.dependent ? " (dependent)" : "",
                       p.member_id.empty() ? "-" : p.member_id, p.trace.empty() ? "-" : p.trace);
    out += fmt::format("  Status: {}", to_string(p.status));
    if (!p.plan.empty()) out += fmt::format("   Plan: {}", p.plan);
    if (p.coverage_begin || p.coverage_end)
      out += fmt::format("   Coverage: {} to {}", p.coverage_begin ? detail::format_date(*p.coverage_begin) : "?",
                         p.coverage_end ? detail::format_date(*p.coverage_end) : "(open)");
    out += "\n";
    for (const auto& rej : p.rejections) out += "  Rejected: " + rejection_words(rej) + "\n";
    for (const auto& e : p.carve_outs) out += "  Carve-out: " + entity_words(e) + "\n";
    for (const auto& s : p.services) {
      std::string what = s.service_type.empty()
                             ? std::string("all services")
                             : (s.service.empty() ? s.service_type : s.service) + " (" + s.service_type + ")";
      out += fmt::format("  {}, {}{}\n", what, network_words(s.network), s.status.empty() ? "" : ": " + s.status);
      out += fmt::format("    co-payment: {}\n",
                         s.copay ? s.copay->to_string() + (s.copay_period.empty() ? "" : " per " + s.copay_period)
                                 : std::string("not given"));
      out += fmt::format("    co-insurance: {}\n",
                         s.coinsurance ? percent_words(*s.coinsurance) : std::string("not given"));
      out += fmt::format("    deductible: {}\n", accumulator_words(s.deductible));
      out += fmt::format("    out-of-pocket: {}\n", accumulator_words(s.out_of_pocket));
      for (const auto& l : s.limits) out += "    limit: " + limit_words(l) + "\n";
      if (!s.authorization_required.empty()) out += "    authorization required: " + s.authorization_required + "\n";
      for (const auto& e : s.entities) out += "    contact: " + entity_words(e) + "\n";
      for (const auto& m : s.messages) out += "    message: " + m + "\n";
    }
    for (const auto& m : p.messages) out += "  message: " + m + "\n";
  }
  for (const auto& pr : r.problems) out += "problem: " + pr + "\n";
  return out;
}

std::string eligibility_csv(const EligibilityResponse& r) {
  std::string out =
      "trace,last,first,member_id,status,service_type,service,network,copay,coinsurance,deductible,"
      "deductible_remaining,out_of_pocket,out_of_pocket_remaining,limit_total,limit_used,limit_remaining,"
      "authorization_required,carve_out\n";
  auto money = [](const std::optional<Money>& m) { return m ? m->to_string() : std::string(); };
  for (const auto& p : r.patients) {
    std::string carve;
    for (const auto& e : p.carve_outs) carve += (carve.empty() ? "" : "; ") + e.name;
    auto row = [&](const ServiceBenefits* s) {
      std::vector<std::string> f = {p.trace, p.last, p.first, p.member_id, std::string(to_string(p.status))};
      if (s) {
        const Accumulator* d = s->deductible.empty() ? nullptr : &s->deductible.front();
        const Accumulator* o = s->out_of_pocket.empty() ? nullptr : &s->out_of_pocket.front();
        const BenefitLimit* l = s->limits.empty() ? nullptr : &s->limits.front();
        f.insert(f.end(), {s->service_type, s->service, s->network, money(s->copay), s->coinsurance.value_or(""),
                           d ? money(d->total) : "", d ? money(d->remaining) : "", o ? money(o->total) : "",
                           o ? money(o->remaining) : "", l ? l->total.value_or("") : "", l ? l->used.value_or("") : "",
                           l ? l->remaining.value_or("") : "", s->authorization_required, carve});
      } else {
        f.resize(f.size() + 13);
        f.push_back(carve);
      }
      std::string line;
      for (std::size_t i = 0; i < f.size(); ++i) line += (i ? "," : "") + csv_field(f[i]);
      out += line + "\n";
    };
    if (p.services.empty()) row(nullptr);
    for (const auto& s : p.services) row(&s);
  }
  return out;
}

}  // namespace x12::billing
