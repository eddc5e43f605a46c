// 270 eligibility inquiries (005010X279A1) from the inquiry JSON and the
// practice file: one interchange per payer, one 2000C (and a 2000D for a
// dependent) per inquiry, one EQ per service type.
#include <fmt/format.h>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <algorithm>
#include <array>
#include <cctype>

#include "json_util.hpp"
#include "x12/billing/eligibility.hpp"
#include "x12/syntax/writer.hpp"
#include "x12/tx/write.hpp"

namespace x12::billing {

namespace {

using namespace detail;

constexpr std::array<std::string_view, 4> kDefaultTypes = {"30", "MH", "A6", "AI"};

Error bad(std::string message) { return Error{make_error_code(errc::json_invalid), {}, std::move(message)}; }

Relationship read_relationship(const json& o, const std::string& path) {
  std::string s = get_string(o, "relationship", path, "self");
  for (auto r : {Relationship::self, Relationship::spouse, Relationship::child, Relationship::other})
    if (s == to_string(r)) return r;
  fail(path + ".relationship", "expected self, spouse, child or other");
}

EligibilityInquiry read_inquiry(const json& o, const std::string& path) {
  if (!o.is_object()) fail(path, "expected an object");
  EligibilityInquiry q;
  q.payer = need_string(o, "payer", path);
  q.member_id = get_string(o, "member_id", path);
  q.last = need_string(o, "last", path);
  q.first = get_string(o, "first", path);
  q.birth_date = get_date(o, "birth_date", path);
  q.date = get_date(o, "date", path);
  q.relationship = read_relationship(o, path);
  if (o.contains("subscriber") && !o["subscriber"].is_null()) {
    const json& s = o["subscriber"];
    std::string sp = path + ".subscriber";
    if (!s.is_object()) fail(sp, "expected an object");
    Subscriber sub;
    sub.member_id = need_string(s, "member_id", sp);
    sub.last = need_string(s, "last", sp);
    sub.first = get_string(s, "first", sp);
    sub.birth_date = get_date(s, "birth_date", sp);
    q.subscriber = sub;
  }
  if (q.relationship != Relationship::self && !q.subscriber)
    fail(path + ".subscriber", "required when the patient is not the subscriber");
  if (q.relationship == Relationship::self && q.member_id.empty()) fail(path + ".member_id", "required");
  q.service_types = get_strings(o, "service_types", path);
  for (std::size_t i = 0; i < q.service_types.size(); ++i) {
    const auto& t = q.service_types[i];
    bool ok = !t.empty() && t.size() <= 2 &&
              std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c) || std::isupper(c); });
    if (!ok) fail(fmt::format("{}.service_types[{}]", path, i), "a service type code is one or two letters or digits");
  }
  if (q.service_types.size() > 99) fail(path + ".service_types", "at most 99 service types");
  q.trace = need_string(o, "trace", path);
  return q;
}

// X12 text may not hold the delimiters the writer uses (* : ^ ~); names
// are upper-cased as payers expect.
std::string clean(std::string_view v, bool upper = true) {
  std::string out;
  for (char c : v) {
    if (c == '*' || c == ':' || c == '^' || c == '~' || static_cast<unsigned char>(c) < 0x20) continue;
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
  }
  return out;
}

std::string ccyymmdd(const Date& d) {
  return fmt::format("{:04}{:02}{:02}", static_cast<int>(d.year()), static_cast<int>(d.month()),
                     static_cast<int>(d.day()));
}

// TRN03: "1" followed by the practice's EIN (ten characters).
std::string originator(const Practice& p) {
  std::string digits;
  for (char c : p.tax_id)
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  return digits.size() == 9 ? "1" + digits : std::string();
}

struct SetBuilder {
  tx::GenericSet set;
  int hl = 0;
  void seg(std::string id, std::vector<std::string> elements) {
    set.segments.push_back(tx::Unmodelled{std::move(id), std::move(elements), 0, false});
  }
  int open_hl(int parent, std::string_view level, bool children) {
    ++hl;
    seg("HL", {std::to_string(hl), parent ? std::to_string(parent) : std::string(), std::string(level),
               children ? "1" : "0"});
    return hl;
  }
};

void person(SetBuilder& b, std::string_view entity, const std::string& last, const std::string& first,
            const std::string& member_id, const std::optional<Date>& birth) {
  if (member_id.empty()) b.seg("NM1", {std::string(entity), "1", clean(last), clean(first)});
  else b.seg("NM1", {std::string(entity), "1", clean(last), clean(first), "", "", "", "MI", clean(member_id, false)});
  if (birth) b.seg("DMG", {"D8", ccyymmdd(*birth)});
}

void benefits(SetBuilder& b, const EligibilityInquiry& q) {
  if (q.date) b.seg("DTP", {"291", "D8", ccyymmdd(*q.date)});
  if (q.service_types.empty())
    for (auto t : kDefaultTypes) b.seg("EQ", {std::string(t)});
  else
    for (const auto& t : q.service_types) b.seg("EQ", {t});
}

}  // namespace

std::span<const std::string_view> default_service_types() noexcept { return kDefaultTypes; }

result<std::vector<EligibilityInquiry>> parse_inquiries(std::string_view text) {
  return read_json(text, "inquiries", [](const json& j) {
    if (!j.is_object() || !j.contains("inquiries") || !j["inquiries"].is_array())
      fail("inquiries", "expected {\"inquiries\": [...]}");
    std::vector<EligibilityInquiry> out;
    for (std::size_t i = 0; i < j["inquiries"].size(); ++i)
      out.push_back(read_inquiry(j["inquiries"][i], fmt::format("inquiries[{}]", i)));
    return out;
  });
}

result<std::string> build_eligibility_requests(const Practice& practice, std::span<const EligibilityInquiry> inquiries,
                                               const EligibilityRequestOptions& options) {
  if (inquiries.empty()) return bad("inquiries: none to send");
  std::string trn03 = originator(practice);
  if (trn03.empty())
    return bad("practice: tax_id must be a 9-digit EIN (it makes the TRN03 originator of each inquiry)");
  if (practice.billing.npi.empty()) return bad("practice: billing.npi is required (NM1*1P of 2100B)");
  // Payers in order of first appearance.
  std::vector<const PayerConfig*> payers;
  for (std::size_t i = 0; i < inquiries.size(); ++i) {
    const PayerConfig* p = practice.payer(inquiries[i].payer);
    if (!p) return bad(fmt::format("inquiries[{}].payer: not a payer of the practice file", i));
    if (std::find(payers.begin(), payers.end(), p) == payers.end()) payers.push_back(p);
  }
  std::string out;
  syntax::Delimiters delimiters;
  delimiters.line_break = syntax::LineBreak::lf;
  syntax::Writer w(out, delimiters);
  std::uint64_t control = options.interchange_control;
  for (const PayerConfig* payer : payers) {
    SetBuilder b;
    b.set.id = "270";
    b.set.envelope.implementation = "005010X279A1";
    b.set.envelope.control_number = "0001";
    std::string batch = fmt::format("{:09}", control);
    std::string date = options.date, time = options.time;
    if (date.empty() || time.empty()) {
      auto now = boost::posix_time::second_clock::universal_time();
      if (date.empty()) date = ccyymmdd(now.date());
      if (time.empty())
        time = fmt::format("{:02}{:02}", static_cast<int>(now.time_of_day().hours()),
                           static_cast<int>(now.time_of_day().minutes()));
    }
    b.seg("BHT", {"0022", "13", batch, date, time});
    int source = b.open_hl(0, "20", true);
    b.seg("NM1", {"PR", "2", clean(payer->name), "", "", "", "", "PI", clean(payer->payer_id, false)});
    int receiver = b.open_hl(source, "21", true);
    const Provider& bp = practice.billing;
    b.seg("NM1", {"1P", bp.organization ? "2" : "1", clean(bp.last), bp.organization ? "" : clean(bp.first), "", "", "",
                  "XX", bp.npi});
    for (const auto& q : inquiries) {
      if (practice.payer(q.payer) != payer) continue;
      bool dependent = q.relationship != Relationship::self;
      int sub = b.open_hl(receiver, "22", dependent);
      if (!dependent) {
        b.seg("TRN", {"1", clean(q.trace, false), trn03});
        person(b, "IL", q.last, q.first, q.member_id, q.birth_date);
        benefits(b, q);
        continue;
      }
      const Subscriber& s = *q.subscriber;
      person(b, "IL", s.last, s.first, s.member_id, s.birth_date);
      b.open_hl(sub, "23", false);
      b.seg("TRN", {"1", clean(q.trace, false), trn03});
      person(b, "03", q.last, q.first, {}, q.birth_date);
      benefits(b, q);
    }
    tx::WriteOptions wo;
    wo.envelope = tx::WriteOptions::Envelope::generate;
    wo.sender_qualifier = practice.sender_qualifier;
    wo.sender = practice.sender_id;
    wo.receiver_qualifier = practice.receiver_qualifier;
    wo.receiver = payer->receiver_id.empty() ? practice.receiver_id : payer->receiver_id;
    wo.interchange_control = control;
    wo.group_control = control;
    wo.date = date;
    wo.time = time;
    wo.usage = practice.usage;
    tx::AnySet any = std::move(b.set);
    tx::write(any, w, wo);
    ++control;
  }
  w.flush();
  if (w.diagnostics().has_errors()) return bad("inquiries: a value holds an X12 delimiter that could not be removed");
  return out;
}

}  // namespace x12::billing
