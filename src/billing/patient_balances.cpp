#include "x12/billing/patient_balances.hpp"

#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <map>
#include <nlohmann/json.hpp>

#include "ledger_sqlite.hpp"
#include "sqlite_statement.hpp"
#include "x12/date.hpp"

namespace x12::billing {

namespace {

std::string iso(const std::optional<Date>& d) {
  return d && !d->is_special() ? boost::gregorian::to_iso_extended_string(*d) : std::string{};
}
std::optional<Date> from_iso(const std::string& t) { return t.empty() ? std::nullopt : parse_iso_date(t); }

std::string csv(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

constexpr const char* query = R"sql(
SELECT COALESCE(NULLIF(cp.matched_claim, ''), cp.patient_control_number), r.payer_id, r.payer, r.trace_number,
       COALESCE(NULLIF(r.payment_date, ''), r.production_date), cp.deductible, cp.coinsurance, cp.copay,
       cp.other_patient, cp.patient_responsibility,
       COALESCE(lc.patient_last, ''), COALESCE(lc.patient_first, ''),
       COALESCE(lc.member_id, s.member_id, ''), COALESCE(lc.birth_date, '')
FROM claim_postings cp JOIN remittances r ON r.id = cp.remittance_id
LEFT JOIN submitted s ON s.patient_control_number = COALESCE(NULLIF(cp.matched_claim, ''), cp.patient_control_number)
LEFT JOIN lifecycle_claims lc ON lc.id = (
  SELECT id FROM lifecycle_claims WHERE patient_control_number =
    COALESCE(NULLIF(cp.matched_claim, ''), cp.patient_control_number) ORDER BY active DESC, id DESC LIMIT 1)
WHERE cp.patient_responsibility != 0
ORDER BY cp.id
)sql";

}  // namespace

std::vector<PatientBalance> patient_balances(Ledger& ledger) {
  sqlite3* db = sqlite_handle(ledger);
  if (!db) throw usage_error("patient_balances needs a SQLite ledger (open_sqlite_ledger)");
  std::map<std::string, PatientBalance> by_patient;
  sqlite::Statement s(db, query);
  while (s.step()) {
    PatientCharge c;
    c.patient_control_number = s.text(0);
    c.payer_id = s.text(1);
    c.payer = s.text(2);
    c.trace_number = s.text(3);
    c.date = from_iso(s.text(4));
    c.deductible = s.money(5);
    c.coinsurance = s.money(6);
    c.copay = s.money(7);
    c.other = s.money(8);
    c.total = s.money(9);
    const std::string last = s.text(10), first = s.text(11), member = s.text(12), dob = s.text(13);
    const std::string key = member.empty() && last.empty() ? "claim " + c.patient_control_number
                                                           : member + "|" + last + "|" + first + "|" + dob;
    auto& p = by_patient[key];
    if (p.charges.empty()) {
      p.last = last;
      p.first = first;
      p.member_id = member;
      p.birth_date = from_iso(dob);
    }
    p.deductible += c.deductible;
    p.coinsurance += c.coinsurance;
    p.copay += c.copay;
    p.other += c.other;
    p.total += c.total;
    p.charges.push_back(std::move(c));
  }
  std::vector<PatientBalance> out;
  for (auto& [key, p] : by_patient) {
    std::stable_sort(p.charges.begin(), p.charges.end(), [](const PatientCharge& a, const PatientCharge& b) {
      return std::tie(a.date, a.patient_control_number) < std::tie(b.date, b.patient_control_number);
    });
    out.push_back(std::move(p));
  }
  return out;
}

namespace {
std::string who(const PatientBalance& p) {
  if (!p.last.empty()) return p.last + ", " + p.first;
  return p.member_id.empty() ? std::string("(unknown patient)") : "member " + p.member_id;
}
}  // namespace

std::string to_text(const std::vector<PatientBalance>& b) {
  std::string out;
  Money all;
  for (const auto& p : b) {
    out += fmt::format("{} (member {}{}): owes {}  [deductible {}, co-insurance {}, co-payment {}, other {}]\n", who(p),
                       p.member_id, p.birth_date ? ", born " + iso(p.birth_date) : "", p.total.to_string(),
                       p.deductible.to_string(), p.coinsurance.to_string(), p.copay.to_string(), p.other.to_string());
    for (const auto& c : p.charges)
      out +=
          fmt::format("    {:<10} claim {:<16} {:<10} {:>10}  deductible {} co-insurance {} co-payment {} other {}\n",
                      iso(c.date), c.patient_control_number, c.payer_id, c.total.to_string(), c.deductible.to_string(),
                      c.coinsurance.to_string(), c.copay.to_string(), c.other.to_string());
    all += p.total;
  }
  out += fmt::format("{} patients, patient responsibility {}\n", b.size(), all.to_string());
  return out;
}

std::string to_json(const std::vector<PatientBalance>& b) {
  auto arr = nlohmann::ordered_json::array();
  for (const auto& p : b) {
    nlohmann::ordered_json o;
    o["last"] = p.last;
    o["first"] = p.first;
    o["member_id"] = p.member_id;
    o["birth_date"] = iso(p.birth_date);
    o["total"] = p.total.to_string();
    o["deductible"] = p.deductible.to_string();
    o["coinsurance"] = p.coinsurance.to_string();
    o["copay"] = p.copay.to_string();
    o["other"] = p.other.to_string();
    auto& items = o["charges"] = nlohmann::ordered_json::array();
    for (const auto& c : p.charges)
      items.push_back({{"patient_control_number", c.patient_control_number},
                       {"payer_id", c.payer_id},
                       {"payer", c.payer},
                       {"trace_number", c.trace_number},
                       {"date", iso(c.date)},
                       {"total", c.total.to_string()},
                       {"deductible", c.deductible.to_string()},
                       {"coinsurance", c.coinsurance.to_string()},
                       {"copay", c.copay.to_string()},
                       {"other", c.other.to_string()}});
    arr.push_back(std::move(o));
  }
  nlohmann::ordered_json j;
  j["patients"] = std::move(arr);
  return j.dump(2) + "\n";
}

std::string to_csv(const std::vector<PatientBalance>& b) {
  std::string out =
      "last,first,member_id,birth_date,patient_control_number,payer_id,date,total,deductible,coinsurance,copay,"
      "other\n";
  for (const auto& p : b)
    for (const auto& c : p.charges)
      out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", csv(p.last), csv(p.first), csv(p.member_id),
                         iso(p.birth_date), csv(c.patient_control_number), csv(c.payer_id), iso(c.date),
                         c.total.to_string(), c.deductible.to_string(), c.coinsurance.to_string(), c.copay.to_string(),
                         c.other.to_string());
  return out;
}

}  // namespace x12::billing
