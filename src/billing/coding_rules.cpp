#include "x12/billing/coding_rules.hpp"

#include <fmt/format.h>

#include "billing/json_util.hpp"

namespace x12::billing {

using namespace detail;

namespace {

std::set<std::string, std::less<>> string_set(const json& o, const char* key, const std::string& path) {
  auto v = get_strings(o, key, path);
  return {v.begin(), v.end()};
}

const json& section(const json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_object()) fail(key, "required section");
  return j[key];
}

PayerType type_named(const std::string& name, const std::string& path) {
  auto t = parse_payer_type(name);
  if (!t) fail(path, "expected medicare, medicaid, commercial, medicare_advantage, tricare or other");
  return *t;
}

PayerTypeRules read_payer_type(const json& o, const std::string& path) {
  if (!o.is_object()) fail(path, "expected an object");
  PayerTypeRules r;
  r.claim_filing_indicator = get_string(o, "claim_filing_indicator", path);
  if (o.contains("telehealth")) {
    const json& t = o["telehealth"];
    if (!t.is_object()) fail(path + ".telehealth", "expected an object");
    if (t.contains("video"))
      r.video = read_telehealth(t["video"], path + ".telehealth.video", {"10", "02", "95", true});
    if (t.contains("audio"))
      r.audio = read_telehealth(t["audio"], path + ".telehealth.audio", {"10", "02", "93", true});
  }
  if (o.contains("credential_modifiers")) {
    if (!o["credential_modifiers"].is_object()) fail(path + ".credential_modifiers", "expected an object");
    for (const auto& [cred, mod] : o["credential_modifiers"].items()) {
      if (!mod.is_string()) fail(path + ".credential_modifiers." + cred, "expected a string");
      r.credential_modifiers[cred] = mod.get<std::string>();
    }
  }
  r.credential_codes = string_set(o, "credential_codes", path);
  r.credentials = string_set(o, "credentials", path);
  if (r.credential_codes.empty() != r.credentials.empty()) fail(path, "credential_codes and credentials go together");
  if (o.contains("incident_to")) {
    const json& i = o["incident_to"];
    r.incident_to_credentials = string_set(i, "credentials", path + ".incident_to");
    r.supervisor_credentials = string_set(i, "supervisors", path + ".incident_to");
    if (r.incident_to_credentials.empty() || r.supervisor_credentials.empty() || r.credential_codes.empty())
      fail(path + ".incident_to", "needs credentials and supervisors, and the type's credential_codes");
  }
  return r;
}

void read_payer_types(const json& j, CodingRules& r) {
  if (!j.contains("payer_types")) return;
  const json& pt = j["payer_types"];
  if (!pt.is_object()) fail("payer_types", "expected an object");
  if (pt.contains("by_claim_filing_indicator")) {
    const json& by = pt["by_claim_filing_indicator"];
    if (!by.is_object()) fail("payer_types.by_claim_filing_indicator", "expected an object");
    for (const auto& [sbr09, type] : by.items()) {
      std::string path = "payer_types.by_claim_filing_indicator." + sbr09;
      if (!type.is_string()) fail(path, "expected a payer type");
      r.type_by_filing_indicator[sbr09] = type_named(type.get<std::string>(), path);
    }
  }
  if (pt.contains("types")) {
    if (!pt["types"].is_object()) fail("payer_types.types", "expected an object");
    for (const auto& [name, rules] : pt["types"].items()) {
      std::string path = "payer_types.types." + name;
      r.payer_types[type_named(name, path)] = read_payer_type(rules, path);
    }
  }
}

CodingRules read_rules(const json& j) {
  if (!j.is_object()) fail("rules", "expected an object");
  CodingRules r;
  const json& p = section(j, "psychotherapy");
  r.psychotherapy_minimum = get_int(p, "minimum_minutes", "psychotherapy", 16);
  if (!p.contains("bands") || !p["bands"].is_array()) fail("psychotherapy.bands", "required array");
  for (std::size_t i = 0; i < p["bands"].size(); ++i) {
    std::string path = fmt::format("psychotherapy.bands[{}]", i);
    const json& b = p["bands"][i];
    MinuteBand band;
    band.from = get_int(b, "from", path, 0);
    band.to = get_opt_int(b, "to", path);
    band.code = need_string(b, "code", path);
    band.with_em = need_string(b, "with_em", path);
    if (!r.psychotherapy.empty()) {
      const auto& prev = r.psychotherapy.back();
      if (!prev.to || *prev.to + 1 != band.from) fail(path, "bands must be contiguous and ascending");
    }
    r.psychotherapy.push_back(std::move(band));
  }
  r.em_codes = string_set(j, "em_codes", "");

  const json& c = section(j, "crisis");
  r.crisis_code = need_string(c, "code", "crisis");
  r.crisis_from = get_int(c, "from", "crisis", 30);
  r.crisis_to = get_int(c, "to", "crisis", 74);
  r.crisis_addon = need_string(c, "addon", "crisis");
  r.crisis_addon_from = get_int(c, "addon_from", "crisis", 75);
  r.crisis_addon_block = get_int(c, "addon_block", "crisis", 30);
  if (r.crisis_addon_block <= 0) fail("crisis.addon_block", "must be positive");
  r.crisis_not_with = string_set(c, "not_with", "crisis");

  const json& f = section(j, "family");
  r.family_with_patient = need_string(f, "with_patient", "family");
  r.family_without_patient = need_string(f, "without_patient", "family");
  r.family_minimum = get_int(f, "minimum_minutes", "family", 26);
  r.group_code = need_string(section(j, "group"), "code", "group");
  if (j.contains("multiple_family_group"))
    r.multiple_family_code = need_string(j["multiple_family_group"], "code", "multiple_family_group");
  const json& e = section(j, "evaluation");
  r.evaluation_code = need_string(e, "without_medical", "evaluation");
  r.evaluation_medical_code = need_string(e, "with_medical", "evaluation");
  r.evaluations_per_day = get_int(e, "limit_per_day_per_provider", "evaluation", 1);
  const json& ic = section(j, "interactive_complexity");
  r.interactive_code = need_string(ic, "code", "interactive_complexity");
  r.interactive_allowed_with = string_set(ic, "allowed_with", "interactive_complexity");
  r.interactive_never_with = string_set(ic, "never_with", "interactive_complexity");
  const json& s = section(j, "screening");
  r.screening_code = need_string(s, "code", "screening");
  r.screening_max_units = get_int(s, "max_units_per_day", "screening", 4);
  const json& pr = section(j, "prescriber_only");
  r.prescriber_codes = string_set(pr, "codes", "prescriber_only");
  r.prescriber_credentials = string_set(pr, "credentials", "prescriber_only");

  if (j.contains("hcpcs")) {
    for (std::size_t i = 0; i < j["hcpcs"].size(); ++i) {
      std::string path = fmt::format("hcpcs[{}]", i);
      const json& h = j["hcpcs"][i];
      std::string unit = need_string(h, "unit", path);
      UnitType t;
      if (unit == "per_diem") t = UnitType::per_diem;
      else if (unit == "per_15_minutes") t = UnitType::per_15_minutes;
      else if (unit == "per_session") t = UnitType::per_session;
      else fail(path + ".unit", "expected per_diem, per_15_minutes or per_session");
      r.hcpcs[need_string(h, "code", path)] = t;
    }
  }
  const json& u = section(j, "unit_rules");
  for (auto [name, rule] :
       {std::pair{"cms_8_minute", UnitRule::cms_8_minute}, std::pair{"whole_units", UnitRule::whole_units}}) {
    if (!u.contains(name)) fail(std::string("unit_rules.") + name, "required");
    UnitRounding ro;
    ro.block = get_int(u[name], "block", std::string("unit_rules.") + name, 15);
    ro.round_up_from = get_int(u[name], "round_up_from", std::string("unit_rules.") + name, 15);
    if (ro.block <= 0 || ro.round_up_from <= 0 || ro.round_up_from > ro.block)
      fail(std::string("unit_rules.") + name, "needs 0 < round_up_from <= block");
    r.unit_rules[rule] = ro;
  }
  if (j.contains("levels_of_care") && j["levels_of_care"].is_object())
    for (const auto& [level, codes] : j["levels_of_care"].items()) {
      std::set<std::string, std::less<>> set;
      for (const auto& code : codes) set.insert(code.get<std::string>());
      r.levels_of_care[level] = std::move(set);
    }
  if (j.contains("diagnosis")) {
    r.max_diagnoses = static_cast<std::size_t>(get_int(j["diagnosis"], "max_per_claim", "diagnosis", 12));
    r.max_pointers = static_cast<std::size_t>(get_int(j["diagnosis"], "max_pointers_per_line", "diagnosis", 4));
    if (r.max_diagnoses < 1 || r.max_diagnoses > 12) fail("diagnosis.max_per_claim", "expected 1 to 12");
    if (r.max_pointers < 1 || r.max_pointers > 4) fail("diagnosis.max_pointers_per_line", "expected 1 to 4");
  }
  r.max_15_minute_units_per_day = get_int(j, "max_units_per_day_15_minutes", "", 24);
  if (j.contains("plausibility")) {
    const json& p = j["plausibility"];
    r.max_midnight_minutes = get_int(p, "max_minutes_across_midnight", "plausibility", 480);
    if (p.contains("max_minutes") && p["max_minutes"].is_object())
      for (const auto& [type, m] : p["max_minutes"].items()) {
        if (!m.is_number_integer() || m.get<int>() <= 0) fail("plausibility.max_minutes." + type, "expected minutes");
        r.max_minutes[type] = m.get<int>();
      }
  }
  read_payer_types(j, r);
  return r;
}

}  // namespace

const CodingRules& CodingRules::builtin() {
  static const CodingRules rules = [] {
    auto r = parse(detail::embedded_billing_file("coding-rules.json"));
    if (!r) throw usage_error("embedded coding rules are malformed: " + r.error().message);
    return std::move(r).value();
  }();
  return rules;
}

result<CodingRules> CodingRules::parse(std::string_view text) {
  return read_json(text, "coding rules", [](const json& j) { return read_rules(j); });
}

const MinuteBand* CodingRules::band(int minutes) const noexcept {
  if (minutes < psychotherapy_minimum) return nullptr;
  for (const auto& b : psychotherapy)
    if (minutes >= b.from && (!b.to || minutes <= *b.to)) return &b;
  return nullptr;
}

std::optional<int> CodingRules::crisis_addon_units(int minutes) const noexcept {
  if (minutes < crisis_from) return std::nullopt;
  if (minutes < crisis_addon_from) return 0;
  return 1 + (minutes - crisis_addon_from) / crisis_addon_block;
}

int CodingRules::units_15(int minutes, UnitRule rule) const noexcept {
  auto it = unit_rules.find(rule);
  UnitRounding r = it == unit_rules.end() ? UnitRounding{} : it->second;
  if (minutes <= 0) return 0;
  int units = minutes / r.block;
  if (minutes % r.block >= r.round_up_from) ++units;
  return units;
}

const PayerTypeRules& CodingRules::payer_type(PayerType type) const noexcept {
  static const PayerTypeRules none;
  auto it = payer_types.find(type);
  return it == payer_types.end() ? none : it->second;
}

bool CodingRules::covers(std::string_view level_or_code, std::string_view code) const {
  if (level_or_code == code) return true;
  auto it = levels_of_care.find(level_or_code);
  return it != levels_of_care.end() && it->second.count(code) > 0;
}

}  // namespace x12::billing
