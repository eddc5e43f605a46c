#include "x12/billing/consent.hpp"

#include <fmt/format.h>

#include "billing/json_util.hpp"

namespace x12::billing {

using namespace detail;

std::string_view to_string(ConsentScope s) noexcept { return s == ConsentScope::tpo ? "tpo" : "payment"; }

bool Consent::in_effect(Date on) const noexcept {
  if (on < signed_on) return false;
  if (expires && *expires < on) return false;
  if (revoked && !(on < *revoked)) return false;
  return true;
}

std::string Consent::describe() const {
  return fmt::format("{} consent signed {}", to_string(scope), format_date(signed_on));
}

result<ConsentSet> ConsentSet::parse(std::string_view text) {
  return read_json(text, "consents", [](const json& j) {
    if (!j.is_object() || !j.contains("consents") || !j["consents"].is_array())
      fail("consents", "expected {\"consents\": [...]}");
    std::vector<Consent> out;
    for (std::size_t i = 0; i < j["consents"].size(); ++i) {
      std::string path = fmt::format("consents[{}]", i);
      const json& o = j["consents"][i];
      if (!o.is_object()) fail(path, "expected an object");
      Consent c;
      c.payer = need_string(o, "payer", path);
      c.member_id = need_string(o, "member_id", path);
      std::string scope = get_string(o, "scope", path, "payment");
      if (scope == "payment") c.scope = ConsentScope::payment;
      else if (scope == "tpo") c.scope = ConsentScope::tpo;
      else fail(path + ".scope", "expected payment or tpo");
      c.signed_on = need_date(o, "signed", path);
      c.expires = get_date(o, "expires", path);
      c.revoked = get_date(o, "revoked", path);
      if (c.expires && *c.expires < c.signed_on) fail(path + ".expires", "before the signature");
      if (c.revoked && *c.revoked < c.signed_on) fail(path + ".revoked", "before the signature");
      out.push_back(std::move(c));
    }
    return ConsentSet(std::move(out));
  });
}

ConsentCheck ConsentSet::check(std::string_view payer, std::string_view member_id, Date on) const {
  ConsentCheck lapsed;
  for (const auto& c : consents_) {
    if (c.payer != payer || c.member_id != member_id) continue;
    if (c.in_effect(on)) return {ConsentVerdict::in_effect, &c};
    if (c.revoked && !(on < *c.revoked)) lapsed = {ConsentVerdict::revoked, &c};
    else if (c.expires && *c.expires < on && lapsed.verdict != ConsentVerdict::revoked)
      lapsed = {ConsentVerdict::expired, &c};
  }
  return lapsed;
}

}  // namespace x12::billing
