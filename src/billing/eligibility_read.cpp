// Reads 271 eligibility responses (005010X279A1) segment by segment into
// EligibilityPatient records, then sums each patient's benefits up per
// service type and network (domain.md I.1). Lenient by design: a segment out
// of place is read where it makes sense; `x12 validate` is the strict check.
#include <fmt/format.h>

#include <algorithm>

#include "x12/billing/eligibility.hpp"
#include "x12/date.hpp"
#include "x12/syntax/reader.hpp"

namespace x12::billing {

namespace {

enum class Area : std::uint8_t { none, source, receiver, patient, benefit, entity };

std::string str(std::string_view v) { return std::string(v); }

std::string words_or_code(std::string_view words, std::string_view code) {
  return words.empty() ? std::string(code) : std::string(words);
}

EligibilityRejection read_aaa(const syntax::Segment& s, std::string level) {
  EligibilityRejection r;
  r.level = std::move(level);
  r.valid_request = s.element(1) == "Y";
  r.reason_code = str(s.element(3));
  r.reason = str(aaa_reason_name(r.reason_code));
  r.action_code = str(s.element(4));
  r.action = str(follow_up_action_name(r.action_code));
  return r;
}

EligibilityDate read_dtp(const syntax::Segment& s) {
  EligibilityDate d;
  d.qualifier = str(s.element(1));
  d.meaning = str(eligibility_date_name(d.qualifier));
  d.text = str(s.element(3));
  if (s.element(2) == "RD8") {
    if (auto r = parse_rd8(d.text)) {
      d.from = r->first;
      d.to = r->second;
    }
  } else if (auto day = parse_ccyymmdd(d.text)) {
    d.from = d.to = *day;
  }
  return d;
}

std::string network_of(std::string_view eb12) {
  if (eb12 == "Y") return "in";
  if (eb12 == "N") return "out";
  if (eb12 == "U") return "unknown";
  return "not_applicable";  // W, or not said
}

std::string yes_no(std::string_view v) {
  if (v == "Y") return "yes";
  if (v == "N") return "no";
  if (v == "U") return "unknown";
  return {};
}

// HSD in words: "12 visits per 1 calendar year".
std::string delivery_words(const syntax::Segment& s) {
  static const std::pair<std::string_view, std::string_view> units[] = {
      {"VS", "visits"}, {"DY", "days"}, {"HS", "hours"}, {"MN", "months"}, {"FL", "units"}};
  std::string out;
  std::string_view q = s.element(1), n = s.element(2);
  if (!n.empty()) {
    out = str(n);
    std::string_view unit = q;
    for (auto [k, v] : units)
      if (k == q) unit = v;
    if (!unit.empty()) out += " " + str(unit);
  }
  std::string_view per = s.element(3), every = s.element(4), period = s.element(5), count = s.element(6);
  if (!per.empty() && !every.empty()) out += fmt::format(" per {} {}", every, per);
  if (!period.empty()) {
    auto w = time_period_name(period);
    out += fmt::format(" per {}{}", count.empty() ? "" : str(count) + " ", words_or_code(w, period));
  }
  if (out.empty()) out = str(s.content());
  return out;
}

struct Builder {
  EligibilityResponse out;
  std::vector<EligibilityPatient> patients;
  std::vector<bool> has_children;  // HL04 = 1 of each patient's HL
  Area area = Area::none;
  bool in_set = false;
  EligibilityPatient* patient = nullptr;
  Benefit* benefit = nullptr;
  BenefitEntity* entity = nullptr;
  std::string payer_name, payer_id, provider_name, provider_id;
  std::string subscriber_last, subscriber_first, subscriber_id;

  void start_patient(bool dependent, bool children) {
    EligibilityPatient p;
    p.dependent = dependent;
    p.payer_name = payer_name;
    p.payer_id = payer_id;
    p.provider_name = provider_name;
    p.provider_id = provider_id;
    if (dependent) {
      p.subscriber_last = subscriber_last;
      p.subscriber_first = subscriber_first;
      p.subscriber_member_id = subscriber_id;
    }
    patients.push_back(std::move(p));
    has_children.push_back(children);
    patient = &patients.back();
    benefit = nullptr;
    entity = nullptr;
    area = Area::patient;
  }

  void on_hl(const syntax::Segment& s) {
    std::string_view level = s.element(3);
    bool children = s.element(4) == "1";
    benefit = nullptr;
    entity = nullptr;
    if (level == "20") {
      area = Area::source;
      patient = nullptr;
    } else if (level == "21") {
      area = Area::receiver;
      patient = nullptr;
    } else if (level == "22") {
      start_patient(false, children);
    } else if (level == "23") {
      start_patient(true, children);
    } else {
      out.problems.push_back(
          fmt::format("segment {}: HL level {} is not one of a 271; read as a patient level", s.index(), level));
      start_patient(false, children);
    }
  }

  void on_nm1(const syntax::Segment& s) {
    std::string name = str(s.element(3));
    if (!s.element(4).empty()) name += name.empty() ? str(s.element(4)) : ", " + str(s.element(4));
    if (area == Area::entity && benefit) {
      BenefitEntity e;
      e.role_code = str(s.element(1));
      e.role = str(entity_role_name(e.role_code));
      e.name = name;
      e.id_qualifier = str(s.element(8));
      e.id = str(s.element(9));
      benefit->entities.push_back(std::move(e));
      entity = &benefit->entities.back();
      return;
    }
    switch (area) {
      case Area::source:
        payer_name = str(s.element(3));
        payer_id = str(s.element(9));
        if (out.payer_name.empty()) {
          out.payer_name = payer_name;
          out.payer_id = payer_id;
        }
        break;
      case Area::receiver:
        provider_name = name;
        provider_id = str(s.element(9));
        break;
      case Area::patient:
      case Area::benefit:
        if (!patient) break;
        patient->last = str(s.element(3));
        patient->first = str(s.element(4));
        patient->middle = str(s.element(5));
        if (!s.element(9).empty()) patient->member_id = str(s.element(9));
        if (!patient->dependent) {
          subscriber_last = patient->last;
          subscriber_first = patient->first;
          subscriber_id = patient->member_id;
        } else if (patient->member_id.empty()) {
          patient->member_id = patient->subscriber_member_id;
        }
        area = Area::patient;
        break;
      default: break;
    }
  }

  void on_aaa(const syntax::Segment& s) {
    switch (area) {
      case Area::source: out.rejections.push_back(read_aaa(s, "payer")); break;
      case Area::receiver: out.rejections.push_back(read_aaa(s, "receiver")); break;
      case Area::patient:
        if (patient) patient->rejections.push_back(read_aaa(s, patient->dependent ? "dependent" : "subscriber"));
        break;
      case Area::benefit:
      case Area::entity:
        if (benefit) benefit->rejections.push_back(read_aaa(s, "benefit"));
        break;
      default: break;
    }
  }

  void on_eb(const syntax::Segment& s) {
    if (!patient) {
      out.problems.push_back(fmt::format("segment {}: EB outside a subscriber or dependent level; skipped", s.index()));
      return;
    }
    Benefit b;
    b.code = str(s.element(1));
    b.meaning = str(benefit_code_name(b.code));
    b.coverage_level = str(s.element(2));
    std::string_view types = s.element(3);
    if (!types.empty())
      for (auto t : s.repetitions(types))
        if (!t.empty()) b.service_types.push_back(str(t));
    b.insurance_type = str(s.element(4));
    b.plan = str(s.element(5));
    b.period_code = str(s.element(6));
    b.period = str(time_period_name(b.period_code));
    if (!s.element(7).empty()) b.amount = Money::parse(s.element(7));
    if (!s.element(8).empty()) b.percent = str(s.element(8));
    b.quantity_qualifier = str(s.element(9));
    if (!s.element(10).empty()) b.quantity = str(s.element(10));
    b.authorization_required = yes_no(s.element(11));
    b.network = network_of(s.element(12));
    if (!s.element(13).empty()) {
      std::string proc;
      for (auto c : s.components(s.element(13))) {
        if (!proc.empty()) proc.push_back(':');
        proc += str(c);
      }
      while (!proc.empty() && proc.back() == ':') proc.pop_back();
      b.procedure = proc;
    }
    patient->benefits.push_back(std::move(b));
    benefit = &patient->benefits.back();
    entity = nullptr;
    area = Area::benefit;
  }

  void on_segment(const syntax::Segment& s) {
    std::string_view id = s.id();
    if (id == "ST") {
      in_set = s.element(1) == "271";
      if (!in_set)
        out.problems.push_back(fmt::format(
            "segment {}: a {} transaction set is not an eligibility response (271); skipped", s.index(), s.element(1)));
      area = Area::none;
      patient = nullptr;
      benefit = nullptr;
      entity = nullptr;
      return;
    }
    if (!in_set) return;
    if (id == "SE") {
      in_set = false;
      area = Area::none;
      patient = nullptr;
      benefit = nullptr;
      entity = nullptr;
    } else if (id == "HL") {
      on_hl(s);
    } else if (id == "NM1") {
      on_nm1(s);
    } else if (id == "AAA") {
      on_aaa(s);
    } else if (id == "EB") {
      on_eb(s);
    } else if (id == "TRN") {
      if (!patient) return;
      if (s.element(1) == "2" || patient->trace.empty()) patient->trace = str(s.element(2));
    } else if (id == "DMG") {
      if (!patient || area != Area::patient) return;
      patient->birth_date = parse_ccyymmdd(s.element(2));
      patient->sex = str(s.element(3));
    } else if (id == "REF") {
      if (area == Area::patient && patient) {
        if (s.element(1) == "6P") patient->group_number = str(s.element(2));
        if ((s.element(1) == "18" || s.element(1) == "6P") && patient->plan_description.empty())
          patient->plan_description = str(s.element(3));
      } else if ((area == Area::benefit || area == Area::entity) && benefit) {
        benefit->references.emplace_back(str(s.element(1)), str(s.element(2)));
      }
    } else if (id == "DTP") {
      if (area == Area::patient && patient) patient->dates.push_back(read_dtp(s));
      else if ((area == Area::benefit || area == Area::entity) && benefit) benefit->dates.push_back(read_dtp(s));
    } else if (id == "HSD") {
      if (benefit) benefit->deliveries.push_back(delivery_words(s));
    } else if (id == "MSG") {
      if (benefit) benefit->messages.push_back(str(s.element(1)));
      else if (patient) patient->messages.push_back(str(s.element(1)));
    } else if (id == "LS") {
      if (benefit) area = Area::entity;
    } else if (id == "LE") {
      if (benefit) area = Area::benefit;
      entity = nullptr;
    } else if (id == "N3") {
      if (area == Area::entity && entity) {
        entity->address.line1 = str(s.element(1));
        entity->address.line2 = str(s.element(2));
      }
    } else if (id == "N4") {
      if (area == Area::entity && entity) {
        entity->address.city = str(s.element(1));
        entity->address.state = str(s.element(2));
        entity->address.zip = str(s.element(3));
      }
    } else if (id == "PER") {
      if (area == Area::entity && entity) {
        if (!s.element(2).empty()) entity->contact_name = str(s.element(2));
        for (std::size_t i = 3; i + 1 <= 8; i += 2)
          if (!s.element(i + 1).empty()) entity->contacts.push_back({str(s.element(i)), str(s.element(i + 1))});
      }
    }
  }
};

// ---- summing up ------------------------------------------------------------

bool active_code(std::string_view c) { return c == "1" || c == "2" || c == "3" || c == "4" || c == "5"; }
bool inactive_code(std::string_view c) { return c == "6" || c == "7" || c == "8"; }

Accumulator& accumulator(std::vector<Accumulator>& list, const std::string& level) {
  for (auto& a : list)
    if (a.coverage_level == level) return a;
  list.push_back(Accumulator{level, {}, {}, {}});
  return list.back();
}

std::string unit_of(std::string_view q) {
  if (q == "VS") return "visits";
  if (q == "DY") return "days";
  if (q == "HS") return "hours";
  if (q == "MN") return "months";
  if (q == "P6") return "services";
  return {};
}

void add_benefit(ServiceBenefits& sb, const Benefit& b) {
  const std::string& c = b.code;
  if (active_code(c)) sb.status = "active";
  else if (inactive_code(c) && sb.status != "active") sb.status = "inactive";
  else if (c == "I") sb.status = "non_covered";
  bool remaining = b.period_code == "29" || b.period_code == "33";
  if (c == "B" && b.amount) {
    sb.copay = b.amount;
    sb.copay_period = b.period;
  } else if (c == "A" && b.percent) {
    sb.coinsurance = b.percent;
  } else if ((c == "C" || c == "G") && b.amount) {
    Accumulator& a = accumulator(c == "C" ? sb.deductible : sb.out_of_pocket, b.coverage_level);
    if (remaining) {
      a.remaining = b.amount;
    } else {
      a.total = b.amount;
      a.period = b.period;
    }
  } else if (c == "F") {
    if (sb.limits.empty()) sb.limits.emplace_back();
    BenefitLimit& l = sb.limits.back();
    if (b.quantity) {
      if (b.quantity_qualifier == "99") l.used = b.quantity;
      else if (remaining) l.remaining = b.quantity;
      else {
        l.total = b.quantity;
        if (!b.period.empty()) l.period = b.period;
      }
      if (l.unit.empty()) l.unit = unit_of(b.quantity_qualifier);
    } else if (b.amount) {
      l.text +=
          (l.text.empty() ? "" : "; ") +
          fmt::format("{} {}", b.amount->to_string(), b.period.empty() ? std::string("maximum") : "per " + b.period);
    }
    if (!b.quantity)
      for (const auto& d : b.deliveries) l.text += (l.text.empty() ? "" : "; ") + d;
    if (!b.quantity && !b.amount && b.deliveries.empty())
      for (const auto& m : b.messages) l.text += (l.text.empty() ? "" : "; ") + m;
  }
  if (b.authorization_required == "yes") sb.authorization_required = "yes";
  else if (b.authorization_required == "no" && sb.authorization_required != "yes") sb.authorization_required = "no";
  else if (b.authorization_required == "unknown" && sb.authorization_required.empty())
    sb.authorization_required = "unknown";
  for (const auto& e : b.entities) sb.entities.push_back(e);
  for (const auto& m : b.messages) sb.messages.push_back(m);
}

ServiceBenefits& service(std::vector<ServiceBenefits>& list, const std::string& type, const std::string& network) {
  for (auto& s : list)
    if (s.service_type == type && s.network == network) return s;
  ServiceBenefits s;
  s.service_type = type;
  s.service = str(service_type_name(type));
  s.network = network;
  list.push_back(std::move(s));
  return list.back();
}

bool carve_out(const Benefit& b, const BenefitEntity& e) {
  if (e.role_code == "P3" || e.role_code == "1P" || e.role_code == "73" || e.role_code == "IL") return false;
  if (b.code == "R" || b.code == "U") return true;
  return std::any_of(b.service_types.begin(), b.service_types.end(),
                     [](const std::string& t) { return behavioral_health_service(t); });
}

void finish(EligibilityPatient& p) {
  if (!p.rejections.empty()) p.status = EligibilityStatus::rejected;
  else if (std::any_of(p.benefits.begin(), p.benefits.end(), [](const Benefit& b) { return active_code(b.code); }))
    p.status = EligibilityStatus::active;
  else if (std::any_of(p.benefits.begin(), p.benefits.end(), [](const Benefit& b) { return inactive_code(b.code); }))
    p.status = EligibilityStatus::inactive;
  for (const auto& b : p.benefits)
    if (p.plan.empty() && active_code(b.code) && !b.plan.empty()) p.plan = b.plan;
  for (const auto& b : p.benefits)
    if (p.plan.empty() && !b.plan.empty()) p.plan = b.plan;
  if (p.plan.empty()) p.plan = p.plan_description;
  auto first_of = [&](std::initializer_list<std::string_view> qualifiers, bool end) -> std::optional<Date> {
    for (auto q : qualifiers)
      for (const auto& d : p.dates)
        if (d.qualifier == q) {
          if (end ? d.to : d.from) return end ? d.to : d.from;
        }
    return std::nullopt;
  };
  p.coverage_begin = first_of({"346", "356", "291", "307"}, false);
  // A D8 plan or eligibility date names a day, not an end: only 347/357 and RD8 ranges end coverage.
  p.coverage_end = first_of({"347", "357"}, true);
  if (!p.coverage_end)
    for (const auto& d : p.dates)
      if ((d.qualifier == "291" || d.qualifier == "307") && d.from && d.to && *d.to != *d.from) p.coverage_end = d.to;
  for (const auto& b : p.benefits) {
    std::string network = b.network;
    if (b.service_types.empty()) add_benefit(service(p.services, "", network), b);
    for (const auto& t : b.service_types) add_benefit(service(p.services, t, network), b);
    for (const auto& e : b.entities)
      if (carve_out(b, e)) p.carve_outs.push_back(e);
  }
}

}  // namespace

result<EligibilityResponse> read_eligibility(std::string_view bytes) {
  syntax::Reader reader(bytes);
  syntax::Segment s;
  Builder b;
  bool any = false;
  // The builder's pointers always name the last patient, benefit and entity
  // it appended, so a vector growing never leaves one dangling.
  while (reader.next(s)) {
    any = true;
    b.on_segment(s);
  }
  if (const Error* stop = reader.stop(); stop && !any) return *stop;
  if (!any) return Error{make_error_code(errc::file_unreadable), {}, "no X12 interchange in the input"};
  if (const Error* stop = reader.stop()) b.out.problems.push_back("reading stopped early: " + stop->message);
  for (std::size_t i = 0; i < b.patients.size(); ++i) {
    auto& p = b.patients[i];
    // A subscriber level that only carries its dependents (HL04 = 1, no
    // benefit, no rejection) is not a patient of the response.
    bool subscriber_only = !p.dependent && b.has_children[i] && p.benefits.empty() && p.rejections.empty();
    if (subscriber_only) continue;
    finish(p);
    b.out.patients.push_back(std::move(p));
  }
  return std::move(b.out);
}

}  // namespace x12::billing
