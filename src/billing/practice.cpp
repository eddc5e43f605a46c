#include "x12/billing/practice.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "billing/json_util.hpp"
#include "x12/billing/coding_rules.hpp"
#include "x12/billing/npi.hpp"

namespace x12::billing {

using namespace detail;

namespace {

std::map<std::string, Money, std::less<>> read_fees(const json& o, const char* key, const std::string& path) {
  std::map<std::string, Money, std::less<>> fees;
  if (!o.contains(key) || o[key].is_null()) return fees;
  if (!o[key].is_object()) fail(path + "." + key, "expected an object of code: amount");
  for (const auto& [code, amount] : o[key].items()) fees[code] = to_money(amount, path + "." + key + "." + code);
  return fees;
}

std::vector<CoverageRule> read_coverage(const json& o, const char* key, const std::string& path);

// The payer's type: "type" when given (an unknown one stops the load), else
// what its claim filing indicator says, else commercial.
PayerType read_payer_type(const json& o, const std::string& path, const CodingRules& rules) {
  if (o.contains("type") && !o["type"].is_null()) {
    std::string name = get_string(o, "type", path);
    if (auto t = parse_payer_type(name)) return *t;
    fail(path + ".type", "expected medicare, medicaid, commercial, medicare_advantage, tricare or other");
  }
  std::string sbr09 = get_string(o, "claim_filing_indicator", path);
  if (auto it = rules.type_by_filing_indicator.find(sbr09); it != rules.type_by_filing_indicator.end())
    return it->second;
  return PayerType::commercial;
}

PayerConfig read_payer(const json& o, const std::string& path, const CodingRules& rules) {
  if (!o.is_object()) fail(path, "expected an object");
  PayerConfig p;
  p.key = need_string(o, "key", path);
  p.name = need_string(o, "name", path);
  p.payer_id = need_string(o, "payer_id", path);
  p.type = read_payer_type(o, path, rules);
  const PayerTypeRules& type = rules.payer_type(p.type);
  if (type.video) p.video = *type.video;
  if (type.audio) p.audio = *type.audio;
  p.credential_modifiers = type.credential_modifiers;
  p.claim_filing_indicator = get_string(o, "claim_filing_indicator", path,
                                        type.claim_filing_indicator.empty() ? "CI" : type.claim_filing_indicator);
  p.receiver_name = get_string(o, "receiver_name", path);
  p.receiver_id = get_string(o, "receiver_id", path);
  p.timely_filing_days = get_int(o, "timely_filing_days", path, 365);
  std::string rule = get_string(o, "unit_rule", path, "cms_8_minute");
  if (rule == "cms_8_minute") p.unit_rule = UnitRule::cms_8_minute;
  else if (rule == "whole_units") p.unit_rule = UnitRule::whole_units;
  else fail(path + ".unit_rule", "expected cms_8_minute or whole_units");
  if (o.contains("telehealth") && o["telehealth"].is_object()) {
    const json& t = o["telehealth"];
    if (t.contains("video")) p.video = read_telehealth(t["video"], path + ".telehealth.video", p.video);
    if (t.contains("audio")) p.audio = read_telehealth(t["audio"], path + ".telehealth.audio", p.audio);
  }
  if (o.contains("credential_modifiers") && o["credential_modifiers"].is_object())
    for (const auto& [cred, mod] : o["credential_modifiers"].items()) {
      if (!mod.is_string()) fail(path + ".credential_modifiers." + cred, "expected a string");
      p.credential_modifiers[cred] = mod.get<std::string>();
    }
  std::string level = get_string(o, "authorization_level", path, "claim");
  if (level == "claim") p.authorization_level = AuthorizationLevel::claim;
  else if (level == "line") p.authorization_level = AuthorizationLevel::line;
  else fail(path + ".authorization_level", "expected claim or line");
  p.authorization_required = get_strings(o, "authorization_required", path);
  p.fees = read_fees(o, "fees", path);
  p.max_lines_per_claim = static_cast<std::size_t>(get_int(o, "max_lines_per_claim", path, 50));
  p.coverage = read_coverage(o, "coverage", path + ".");
  p.requires_clock_times = get_bool(o, "requires_clock_times", path, false);
  if (p.max_lines_per_claim < 1 || p.max_lines_per_claim > 50) fail(path + ".max_lines_per_claim", "expected 1 to 50");
  return p;
}

CoverageRule read_coverage_rule(const json& o, const std::string& path) {
  if (!o.is_object()) fail(path, "expected an object");
  CoverageRule r;
  r.name = need_string(o, "name", path);
  r.codes = get_strings(o, "codes", path);
  for (const auto& range : get_strings(o, "diagnoses", path)) {
    auto dash = range.find('-');
    std::string from = range.substr(0, dash), to = dash == std::string::npos ? from : range.substr(dash + 1);
    if (from.size() != 3 || to.size() != 3 || to < from)
      fail(path + ".diagnoses", "expected ranges of 3-character categories such as F01-F99");
    r.diagnoses.emplace_back(from, to);
  }
  return r;
}

std::vector<CoverageRule> read_coverage(const json& o, const char* key, const std::string& path) {
  std::vector<CoverageRule> out;
  if (!o.contains(key) || o[key].is_null()) return out;
  if (!o[key].is_array()) fail(path + key, "expected an array");
  for (std::size_t i = 0; i < o[key].size(); ++i)
    out.push_back(read_coverage_rule(o[key][i], fmt::format("{}{}[{}]", path, key, i)));
  return out;
}

}  // namespace

TelehealthRule detail::read_telehealth(const json& o, const std::string& path, TelehealthRule r) {
  if (!o.is_object()) fail(path, "expected an object");
  r.pos_home = get_string(o, "pos_home", path, r.pos_home);
  r.pos_other = get_string(o, "pos_other", path, r.pos_other);
  r.modifier = get_string(o, "modifier", path, r.modifier);
  r.allowed = get_bool(o, "allowed", path, r.allowed);
  r.home_only = get_bool(o, "home_only", path, r.home_only);
  return r;
}

bool CoverageRule::covers(std::string_view code) const noexcept {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

bool CoverageRule::supports(std::string_view dx) const noexcept {
  if (dx.size() < 3) return false;
  std::string cat(dx.substr(0, 3));
  for (const auto& [from, to] : diagnoses)
    if (!(cat < from) && !(to < cat)) return true;
  return false;
}

std::string CoverageRule::ranges() const {
  std::string out;
  for (const auto& [from, to] : diagnoses) out += (out.empty() ? "" : ", ") + (from == to ? from : from + "-" + to);
  return out;
}

const CoveragePolicy& CoveragePolicy::builtin() {
  static const CoveragePolicy policy = [] {
    auto p = parse(detail::embedded_billing_file("coverage-policy.json"));
    if (!p) throw usage_error("embedded coverage policy is malformed: " + p.error().message);
    return std::move(p).value();
  }();
  return policy;
}

result<CoveragePolicy> CoveragePolicy::parse(std::string_view text) {
  return read_json(text, "coverage policy", [](const json& j) {
    if (!j.is_object()) fail("coverage policy", "expected an object");
    return CoveragePolicy{read_coverage(j, "rules", "")};
  });
}

namespace {
constexpr std::array<std::string_view, 6> payer_type_names{"medicare",           "medicaid", "commercial",
                                                           "medicare_advantage", "tricare",  "other"};
}

std::string_view to_string(PayerType t) noexcept { return payer_type_names[static_cast<std::size_t>(t)]; }

std::optional<PayerType> parse_payer_type(std::string_view name) noexcept {
  for (std::size_t i = 0; i < payer_type_names.size(); ++i)
    if (payer_type_names[i] == name) return static_cast<PayerType>(i);
  return std::nullopt;
}

std::string_view to_string(UnitRule r) noexcept { return r == UnitRule::cms_8_minute ? "cms_8_minute" : "whole_units"; }

const Location* Practice::location(std::string_view key) const noexcept {
  for (const auto& l : locations)
    if (l.key == key) return &l;
  return nullptr;
}

const PayerConfig* Practice::payer(std::string_view key) const noexcept {
  for (const auto& p : payers)
    if (p.key == key) return &p;
  return nullptr;
}

std::optional<Money> Practice::fee(const PayerConfig& p, std::string_view code) const noexcept {
  if (auto it = p.fees.find(code); it != p.fees.end()) return it->second;
  if (auto it = fees.find(code); it != fees.end()) return it->second;
  return std::nullopt;
}

result<Practice> parse_practice(std::string_view text) { return parse_practice(text, CodingRules::builtin()); }

result<Practice> parse_practice(std::string_view text, const CodingRules& rules) {
  return read_json(text, "practice", [&rules](const json& j) {
    if (!j.is_object()) fail("practice", "expected an object");
    Practice p;
    if (j.contains("interchange")) {
      const json& i = j["interchange"];
      p.sender_qualifier = get_string(i, "sender_qualifier", "interchange", "ZZ");
      p.sender_id = need_string(i, "sender_id", "interchange");
      p.receiver_qualifier = get_string(i, "receiver_qualifier", "interchange", "ZZ");
      p.receiver_id = need_string(i, "receiver_id", "interchange");
      std::string usage = get_string(i, "usage", "interchange", "T");
      if (usage != "T" && usage != "P") fail("interchange.usage", "expected T or P");
      p.usage = usage[0];
    } else {
      fail("interchange", "required");
    }
    if (!j.contains("submitter")) fail("submitter", "required");
    const json& s = j["submitter"];
    p.submitter_name = need_string(s, "name", "submitter");
    p.submitter_id = need_string(s, "id", "submitter");
    p.contact_name = get_string(s, "contact", "submitter");
    p.contact_phone = get_string(s, "phone", "submitter");
    p.receiver_name = get_string(j, "receiver_name", "", "CLEARINGHOUSE");
    if (!j.contains("billing_provider")) fail("billing_provider", "required");
    const json& b = j["billing_provider"];
    p.billing.organization = true;
    p.billing.last = need_string(b, "organization", "billing_provider");
    p.billing.npi = need_string(b, "npi", "billing_provider");
    p.billing.taxonomy = get_string(b, "taxonomy", "billing_provider");
    p.tax_id = need_string(b, "tax_id", "billing_provider");
    if (b.contains("address")) p.billing_address = read_address(b["address"], "billing_provider.address");
    // Checked here, once: a bad billing provider would otherwise hold every encounter.
    auto digits = [](const std::string& s) {
      return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!npi_valid(p.billing.npi)) fail("billing_provider.npi", "not a valid NPI (10 digits with the check digit)");
    if (p.tax_id.size() != 9 || !digits(p.tax_id)) fail("billing_provider.tax_id", "expected the 9 digits of the EIN");
    const std::string& zip = p.billing_address.zip;
    if (!zip.empty() && ((zip.size() != 5 && zip.size() != 9) || !digits(zip)))
      fail("billing_provider.address.zip", "expected 5 or 9 digits");
    p.fees = read_fees(j, "fee_schedule", "");
    if (!j.contains("payers") || !j["payers"].is_array()) fail("payers", "required array");
    for (std::size_t i = 0; i < j["payers"].size(); ++i)
      p.payers.push_back(read_payer(j["payers"][i], fmt::format("payers[{}]", i), rules));
    p.merge_same_day = get_bool(j, "merge_same_day", "", false);
    p.part2_program = get_bool(j, "part2_program", "", false);
    if (j.contains("locations") && !j["locations"].is_null()) {
      if (!j["locations"].is_array()) fail("locations", "expected an array");
      for (std::size_t i = 0; i < j["locations"].size(); ++i) {
        std::string path = fmt::format("locations[{}]", i);
        const json& l = j["locations"][i];
        if (!l.is_object()) fail(path, "expected an object");
        p.locations.push_back(Location{need_string(l, "key", path), get_bool(l, "part2_program", path, false)});
      }
    }
    return p;
  });
}

}  // namespace x12::billing
