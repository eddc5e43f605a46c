#include "x12/billing/builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "billing/coder.hpp"
#include "billing/json_util.hpp"
#include "x12/billing/claim_history.hpp"
#include "x12/billing/npi.hpp"

namespace x12::billing {

namespace {

using detail::DraftLine;

void reason(std::vector<HoldReason>& out, HoldCode code, std::string message) {
  out.push_back(HoldReason{code, std::move(message)});
}

struct Use {
  Authorization* auth;
  int units = 0;
  std::vector<Date> visits;
};

struct Draft {
  const Encounter* encounter = nullptr;
  const PayerConfig* payer = nullptr;
  std::vector<std::string> diagnoses;
  std::vector<DraftLine> lines;
  std::string place_of_service, pcn, claim_auth;
  Provider billing;
  std::vector<Use> uses;  // given back when the draft turns into a hold after all
  bool part2 = false;
  std::string part2_consent;
  const Encounter* crisis_owner = nullptr;  // its crisis minutes are billed on that encounter's line
  std::vector<const Encounter*> members;    // the encounters on this draft
  std::optional<Provider> incident_to;      // the claim's rendering provider: the supervisor (payer type rule)
};

std::string patient_key(const Encounter& e) {
  return fmt::format("{}|{}|{}|{}", e.subscriber.member_id, e.patient.last, e.patient.first,
                     e.patient.birth_date ? detail::format_date(*e.patient.birth_date) : "");
}

// One patient, one rendering provider, one date: the unit of the same-day rules.
std::string day_key(const Encounter& e) {
  return fmt::format("{}|{}|{}", e.rendering.npi, patient_key(e), e.date_of_service.day_number());
}

class Run {
 public:
  Run(const Practice& p, const CodingRules& r, AuthorizationTracker* t, const BuildOptions& o)
      : practice_(p), rules_(r), tracker_(t), options_(o) {
    if (!tracker_) return;
    for (auto& a : tracker_->all()) {  // the list does not change during a build
      by_member_.emplace(a.payer + '|' + a.member_id, &a);
      by_number_.emplace(a.payer + '|' + a.number, &a);
    }
  }

  // Looks at the whole run first: which days have an E/M (psychotherapy on
  // them is the add-on, whichever encounter it arrives in).
  void prepare(std::span<const Encounter> encounters);
  void encounter(const Encounter& e);
  BuildResult finish();

 private:
  void check_parties(const Encounter& e, const Provider& billing, std::vector<HoldReason>& why) const;
  std::vector<std::string> check_diagnoses(const Encounter& e, std::vector<HoldReason>& why) const;
  void check_day_limits(const Encounter& e, const std::vector<DraftLine>& lines, std::vector<HoldReason>& why) const;
  void price(const PayerConfig& payer, std::vector<DraftLine>& lines, std::vector<HoldReason>& why) const;
  std::vector<Use> authorize(const Encounter& e, const PayerConfig& payer, std::vector<DraftLine>& lines,
                             std::vector<HoldReason>& why) const;
  std::string control_number(const Encounter& e, std::vector<HoldReason>& why);
  void record_day(const Encounter& e, const std::vector<DraftLine>& lines);
  bool try_merge(Draft& into, Draft& from) const;
  bool needs_partner(const Draft& d) const;
  void release(Draft& d);  // gives back the authorization units it took
  void unbuild(Draft& d, std::vector<HoldReason> why);
  void check_necessity(const Encounter& e, const PayerConfig& payer, const std::vector<DraftLine>& lines,
                       std::vector<HoldReason>& why) const;
  bool is_part2(const Encounter& e) const;
  void check_consent(const Encounter& e, std::string& consent, std::vector<HoldReason>& why) const;
  void check_history(const Encounter& e, const std::string& pcn, std::string_view rendering_npi,
                     const std::vector<DraftLine>& lines, const detail::CodingNotes& notes,
                     std::vector<HoldReason>& why) const;
  PlannedClaim to_claim(Draft& d) const;
  EncounterOutcome& outcome(const Encounter& e) { return result_.outcomes[static_cast<std::size_t>(&e - base_)]; }
  // Holds an encounter: every reason once (one entry per code, its messages joined).
  void hold(const Encounter& e, const std::string& pcn, std::vector<HoldReason> why);

  const Practice& practice_;
  const CodingRules& rules_;
  AuthorizationTracker* tracker_;
  const BuildOptions& options_;
  BuildResult result_;
  std::vector<Draft> drafts_;
  std::set<std::string, std::less<>> pcns_;
  std::map<std::string, std::pair<int, int>, std::less<>> day_counts_;  // evaluations, psychotherapy
  std::size_t generated_ = 0;
  std::unordered_multimap<std::string, Authorization*> by_member_;
  std::unordered_map<std::string, Authorization*> by_number_;
  std::unordered_map<std::string, std::size_t> merge_index_;
  std::set<std::string, std::less<>> em_days_;  // day_key() of days with an E/M
  detail::CrisisShares crisis_;                 // crisis services that share a day with another
  std::set<const Encounter*> held_;
  std::unordered_map<std::string, std::set<std::string, std::less<>>> instruments_;  // patient|date -> billed
  const Encounter* base_ = nullptr;  // the span the run was given: outcomes are indexed from it
};

void Run::hold(const Encounter& e, const std::string& pcn, std::vector<HoldReason> why) {
  std::vector<HoldReason> once;
  for (auto& r : why) {
    auto it = std::find_if(once.begin(), once.end(), [&](const HoldReason& o) { return o.code == r.code; });
    if (it == once.end()) once.push_back(std::move(r));
    else if (it->message != r.message && it->message.find(r.message) == std::string::npos)
      it->message += "; " + r.message;
  }
  EncounterOutcome& o = outcome(e);
  o.status = OutcomeStatus::held;
  o.patient_control_number = pcn;
  o.lines.clear();
  o.claim.clear();
  o.holds = once;
  result_.holds.push_back(Hold{e.id, pcn, e.payer, std::move(once)});
  held_.insert(&e);
}

void Run::prepare(std::span<const Encounter> encounters) {
  base_ = encounters.data();
  result_.outcomes.resize(encounters.size());
  drafts_.reserve(encounters.size());  // a draft is large: not moved again as the list grows
  for (std::size_t i = 0; i < encounters.size(); ++i) {
    result_.outcomes[i].encounter_id = encounters[i].id;
    result_.outcomes[i].payer = encounters[i].payer;
    result_.outcomes[i].patient_control_number = encounters[i].patient_control_number;
  }
  if (options_.history) {  // one pass over the ledger for the whole run
    std::vector<ServiceDay> days;
    std::vector<std::string> pcns;
    days.reserve(encounters.size());
    pcns.reserve(encounters.size());
    for (const auto& e : encounters) {
      std::string key = patient_key_of(e.patient, e.subscriber);
      if (e.supervising) days.push_back({key, e.supervising->npi, e.date_of_service});  // incident-to
      days.push_back({std::move(key), e.rendering.npi, e.date_of_service});
      if (!e.patient_control_number.empty()) pcns.push_back(e.patient_control_number);
    }
    options_.history->prefetch(days, pcns);
  }
  std::unordered_map<std::string, std::vector<std::pair<const Encounter*, const Service*>>> crisis_days;
  for (const auto& e : encounters)
    for (const auto& s : e.services) {
      if ((s.type == ServiceType::em || s.type == ServiceType::em_with_psychotherapy) && rules_.em_codes.count(s.code))
        em_days_.insert(day_key(e));
      if (s.type == ServiceType::crisis && e.frequency == Frequency::original)
        crisis_days[day_key(e)].emplace_back(&e, &s);
    }
  for (const auto& [key, list] : crisis_days) {
    if (list.size() < 2) continue;
    detail::CrisisShare share{list.front().first, list.front().second, 0};
    for (const auto& [e, s] : list) share.total += e->minutes_for(*s).value_or(0);
    for (const auto& [e, s] : list) crisis_.emplace(s, share);
  }
}

void check_npi(const Provider& p, std::string_view role, std::vector<HoldReason>& why) {
  if (p.npi.empty()) reason(why, HoldCode::npi_missing, fmt::format("the {} provider has no NPI", role));
  else if (!npi_valid(p.npi))
    reason(why, HoldCode::npi_invalid, fmt::format("the {} provider's NPI fails the check digit", role));
}

void Run::check_parties(const Encounter& e, const Provider& billing, std::vector<HoldReason>& why) const {
  if (e.subscriber.member_id.empty()) reason(why, HoldCode::member_id_missing, "the subscriber has no member id");
  if (e.patient.last.empty() || !e.patient.birth_date)
    reason(why, HoldCode::patient_information_missing, "the patient's name or birth date is missing");
  if (e.relationship != Relationship::self && (e.patient.address.line1.empty() || e.patient.address.city.empty()))
    reason(why, HoldCode::patient_information_missing,
           "the patient's address is missing (needed when the patient is not the subscriber)");
  check_npi(billing, "billing", why);
  check_npi(e.rendering, "rendering", why);
  if (e.referring) check_npi(*e.referring, "referring", why);
  if (e.supervising) check_npi(*e.supervising, "supervising", why);
  for (const auto& s : e.services)
    if (s.rendering) check_npi(*s.rendering, "line rendering", why);
  if (e.frequency != Frequency::original && e.payer_claim_control_number.empty())
    reason(why, HoldCode::replacement_without_reference,
           "a replacement or void needs the payer's claim control number (REF*F8)");
}

std::vector<std::string> Run::check_diagnoses(const Encounter& e, std::vector<HoldReason>& why) const {
  std::vector<std::string> out;
  if (e.diagnoses.empty()) reason(why, HoldCode::diagnosis_missing, "the encounter has no diagnosis");
  for (std::size_t i = 0; i < e.diagnoses.size(); ++i) {
    auto n = normalize_icd10(e.diagnoses[i]);
    if (!n) {
      reason(why, HoldCode::diagnosis_invalid,
             fmt::format("diagnosis {} is not shaped like an ICD-10-CM code (letter, digit, letter or digit, "
                         "then up to four more)",
                         i + 1));
      continue;
    }
    if (options_.codes) {
      const IcdEntry* entry = options_.codes->find(*n);
      if (!entry) {
        reason(why, HoldCode::diagnosis_invalid,
               fmt::format("diagnosis {} ({}) is not in the ICD-10-CM table", i + 1, dotted_icd10(*n)));
        continue;
      }
      if (!entry->billable) {
        reason(why, HoldCode::diagnosis_invalid,
               fmt::format("diagnosis {} ({}) is a category header, not a billable code: add the missing digits", i + 1,
                           dotted_icd10(*n)));
        continue;
      }
    }
    if (std::find(out.begin(), out.end(), *n) == out.end()) out.push_back(*n);
  }
  if (out.size() > rules_.max_diagnoses)
    reason(why, HoldCode::too_many_diagnoses,
           fmt::format("{} diagnoses: a claim carries {} at most", out.size(), rules_.max_diagnoses));
  return out;
}

void Run::check_day_limits(const Encounter& e, const std::vector<DraftLine>& lines,
                           std::vector<HoldReason>& why) const {
  int evaluations = 0, psycho = 0;
  for (const auto& d : lines) {
    evaluations += d.line.code == rules_.evaluation_code || d.line.code == rules_.evaluation_medical_code;
    psycho += detail::is_psychotherapy(rules_, d.line.code) || detail::is_psychotherapy_addon(rules_, d.line.code);
  }
  auto it = day_counts_.find(day_key(e));
  if (it == day_counts_.end()) return;
  if (evaluations > 0 && it->second.first + evaluations > rules_.evaluations_per_day)
    reason(why, HoldCode::duplicate_service,
           "a diagnostic evaluation by this provider for this patient was already billed that day");
  if (psycho > 0 && it->second.second > 0)
    reason(why, HoldCode::duplicate_service,
           "psychotherapy by this provider for this patient was already billed that day: bill one code for the "
           "total time");
}

void Run::record_day(const Encounter& e, const std::vector<DraftLine>& lines) {
  auto& counts = day_counts_[day_key(e)];
  for (const auto& d : lines) {
    counts.first += d.line.code == rules_.evaluation_code || d.line.code == rules_.evaluation_medical_code;
    counts.second +=
        detail::is_psychotherapy(rules_, d.line.code) || detail::is_psychotherapy_addon(rules_, d.line.code);
  }
}

void Run::price(const PayerConfig& payer, std::vector<DraftLine>& lines, std::vector<HoldReason>& why) const {
  for (auto& d : lines) {
    auto fee = practice_.fee(payer, d.line.code);
    if (!fee) {
      reason(why, HoldCode::fee_missing, fmt::format("no fee for {} in the fee schedule", d.line.code));
      continue;
    }
    d.line.charge = Money::from_cents(fee->cents() * d.line.units);
  }
}

std::vector<Use> Run::authorize(const Encounter& e, const PayerConfig& payer, std::vector<DraftLine>& lines,
                                std::vector<HoldReason>& why) const {
  std::vector<Use> uses;
  auto required = [&](const std::string& code) {
    return std::find(payer.authorization_required.begin(), payer.authorization_required.end(), code) !=
           payer.authorization_required.end();
  };
  if (!tracker_) {
    for (auto& d : lines) {
      if (!e.authorization.empty()) d.line.authorization = e.authorization;
      else if (required(d.line.code))
        reason(why, HoldCode::authorization_missing,
               fmt::format("{} needs a prior authorization and the encounter has none", d.line.code));
    }
    return uses;
  }
  Authorization* named = nullptr;
  if (!e.authorization.empty()) {
    auto it = by_number_.find(payer.key + '|' + e.authorization);
    named = it == by_number_.end() ? nullptr : it->second;
    if (!named)
      reason(why, HoldCode::authorization_unknown,
             "the encounter's authorization number is not on file for this payer");
  }
  auto use_of = [&](Authorization* a) -> Use& {
    for (auto& u : uses)
      if (u.auth == a) return u;
    return uses.emplace_back(Use{a, 0, {}});
  };
  for (auto& d : lines) {
    const std::string& code = d.line.code;
    Authorization* a = nullptr;
    if (named) {
      if (named->covers(code, rules_)) a = named;
      else if (required(code))
        reason(why, HoldCode::authorization_not_covered,
               fmt::format("authorization {} does not cover {}", named->number, code));
    } else if (e.authorization.empty() && required(code)) {
      std::vector<Authorization*> cands;
      auto [first, last] = by_member_.equal_range(payer.key + '|' + e.subscriber.member_id);
      for (auto it = first; it != last; ++it)
        if (it->second->covers(code, rules_)) cands.push_back(it->second);
      if (cands.empty()) {
        reason(why, HoldCode::authorization_missing, fmt::format("no authorization on file covers {}", code));
        continue;
      }
      auto in_span =
          std::find_if(cands.begin(), cands.end(), [&](Authorization* c) { return c->in_span(d.line.date); });
      a = in_span != cands.end() ? *in_span : cands.front();
    }
    if (!a) continue;
    if (!a->in_span(d.line.date)) {
      reason(why, HoldCode::authorization_expired,
             fmt::format("{} on {} falls outside authorization {} ({} to {})", code, detail::format_date(d.line.date),
                         a->number, detail::format_date(a->start), detail::format_date(a->end)));
      continue;
    }
    if (!a->rendering_npi.empty() && a->rendering_npi != (d.line.rendering ? d.line.rendering->npi : e.rendering.npi)) {
      reason(why, HoldCode::authorization_not_covered,
             fmt::format("authorization {} names another rendering provider", a->number));
      continue;
    }
    d.line.authorization = a->number;
    Use& u = use_of(a);
    if (a->measure == AuthMeasure::units) u.units += d.line.units;
    else if (std::find(a->visit_dates.begin(), a->visit_dates.end(), d.line.date) == a->visit_dates.end() &&
             std::find(u.visits.begin(), u.visits.end(), d.line.date) == u.visits.end())
      u.visits.push_back(d.line.date);
  }
  for (const auto& u : uses) {
    int need = u.auth->measure == AuthMeasure::units ? u.units : static_cast<int>(u.visits.size());
    if (need > u.auth->remaining())
      reason(why, HoldCode::authorization_exhausted,
             fmt::format("authorization {} has {} {} left and this encounter needs {}", u.auth->number,
                         u.auth->remaining(), u.auth->measure == AuthMeasure::units ? "units" : "visits", need));
  }
  return uses;
}

std::string Run::control_number(const Encounter& e, std::vector<HoldReason>& why) {
  std::string pcn = e.patient_control_number;
  if (pcn.empty()) {
    pcn = e.id.empty() ? fmt::format("X12C{}", ++generated_) : e.id;
    if (pcn.size() > 20) pcn = fmt::format("X12C{}", ++generated_);
  }
  if (pcn.size() > 20)
    reason(why, HoldCode::patient_control_number_invalid,
           "the patient control number is longer than 20 characters (the 835 echoes only 20)");
  else if (pcns_.count(pcn) && e.frequency == Frequency::original)
    reason(why, HoldCode::patient_control_number_invalid,
           "the patient control number is used by another claim in this run");
  return pcn;
}

void Run::encounter(const Encounter& e) {
  std::vector<HoldReason> why;
  static const PayerConfig fallback{};
  const PayerConfig* payer = practice_.payer(e.payer);
  if (!payer) reason(why, HoldCode::payer_unknown, "the payer is not in the practice configuration");
  const PayerConfig& pc = payer ? *payer : fallback;
  Provider billing = e.billing ? *e.billing : practice_.billing;
  check_parties(e, billing, why);
  std::vector<std::string> diagnoses = check_diagnoses(e, why);

  std::string pos = e.place_of_service, tele_modifier;
  if (e.modality != Modality::in_person) {
    const TelehealthRule& t = e.modality == Modality::telehealth_video ? pc.video : pc.audio;
    if (!t.allowed)
      reason(why, HoldCode::telehealth_not_allowed,
             fmt::format("the payer does not accept {} telehealth", to_string(e.modality)));
    else if (t.home_only && !e.patient_at_home)
      reason(why, HoldCode::telehealth_not_allowed,
             fmt::format("a {} payer takes {} telehealth only with the patient at home", to_string(pc.type),
                         to_string(e.modality)));
    pos = e.patient_at_home ? t.pos_home : t.pos_other;
    tele_modifier = t.modifier;
  }
  detail::CodingInput in{e, pc, rules_, diagnoses, pos, tele_modifier, em_days_.count(day_key(e)) > 0, &crisis_};
  std::vector<DraftLine> lines;
  std::string screen_key = fmt::format("{}|{}", patient_key(e), e.date_of_service.day_number());
  if (auto it = instruments_.find(screen_key); it != instruments_.end()) in.instruments_billed = &it->second;
  detail::CodingNotes notes;
  detail::code_services(in, lines, why, notes);
  for (auto& d : lines) {
    d.from = &e;
    d.line.encounter_id = e.id;
    d.line.minutes = d.minutes;
  }
  detail::check_pairs(in, lines, why, notes);
  std::optional<Provider> incident_to;
  if (payer) incident_to = detail::check_payer_type(in, rules_.payer_type(pc.type), lines, why, notes);
  if (incident_to) in.claim_rendering = &*incident_to;
  outcome(e).changes = std::move(notes.changes);
  check_day_limits(e, lines, why);
  detail::apply_modifiers(in, lines, why);
  price(pc, lines, why);
  if (lines.size() > pc.max_lines_per_claim)
    reason(why, HoldCode::too_many_lines,
           fmt::format("{} service lines: the payer takes {} a claim", lines.size(), pc.max_lines_per_claim));
  if (options_.as_of && payer) {
    auto age = (*options_.as_of - e.date_of_service).days();
    if (age > pc.timely_filing_days)
      reason(why, HoldCode::timely_filing_passed,
             fmt::format("{} days since the date of service: past the payer's {}-day filing limit", age,
                         pc.timely_filing_days));
  }
  std::string pcn = control_number(e, why);
  check_history(e, pcn, incident_to ? incident_to->npi : e.rendering.npi, lines, notes, why);
  if (payer) check_necessity(e, pc, lines, why);
  bool part2 = is_part2(e);
  std::string consent;
  if (part2) check_consent(e, consent, why);
  outcome(e).part2 = part2;
  if (!why.empty()) {
    // Held anyway: still say which authorization is missing for codes that
    // could not become a line, so one pass fixes everything.
    for (const auto& code : notes.unbilled) {
      DraftLine d;
      d.line.code = code;
      d.line.units = 0;
      d.line.date = e.date_of_service;
      lines.push_back(std::move(d));
    }
  }
  std::vector<Use> uses = authorize(e, pc, lines, why);

  if (!why.empty()) {
    hold(e, pcn, std::move(why));
    return;
  }
  for (auto& u : uses) {
    u.auth->used += u.units;
    if (u.auth->measure == AuthMeasure::visits) {
      u.auth->used += static_cast<int>(u.visits.size());
      u.auth->visit_dates.insert(u.auth->visit_dates.end(), u.visits.begin(), u.visits.end());
    }
  }
  pcns_.insert(pcn);
  record_day(e, lines);
  if (!notes.instruments.empty()) instruments_[screen_key].insert(notes.instruments.begin(), notes.instruments.end());
  Draft d{&e,
          payer,
          std::move(diagnoses),
          std::move(lines),
          std::move(pos),
          std::move(pcn),
          {},
          std::move(billing),
          std::move(uses),
          part2,
          consent,
          notes.crisis_owner,
          {&e},
          std::move(incident_to)};
  std::set<std::string> auths;
  for (const auto& l : d.lines)
    if (!l.line.authorization.empty()) auths.insert(l.line.authorization);
  if (auths.size() == 1 && pc.authorization_level == AuthorizationLevel::claim) {
    d.claim_auth = *auths.begin();
    for (auto& l : d.lines) l.line.authorization.clear();
  }
  drafts_.push_back(std::move(d));
}

bool Run::try_merge(Draft& into, Draft& from) const {
  const Encounter &a = *into.encounter, &b = *from.encounter;
  if (a.frequency != Frequency::original || b.frequency != Frequency::original) return false;
  if (into.payer != from.payer || patient_key(a) != patient_key(b) || a.date_of_service != b.date_of_service ||
      into.billing.npi != from.billing.npi || a.rendering.npi != b.rendering.npi ||
      into.place_of_service != from.place_of_service || into.claim_auth != from.claim_auth ||
      (into.incident_to ? into.incident_to->npi : "") != (from.incident_to ? from.incident_to->npi : ""))
    return false;
  std::vector<std::string> dx = into.diagnoses;
  for (const auto& c : from.diagnoses)
    if (std::find(dx.begin(), dx.end(), c) == dx.end()) dx.push_back(c);
  if (dx.size() > rules_.max_diagnoses || into.lines.size() + from.lines.size() > into.payer->max_lines_per_claim)
    return false;
  into.diagnoses = std::move(dx);
  for (auto& l : from.lines) into.lines.push_back(std::move(l));
  for (auto& u : from.uses) into.uses.push_back(std::move(u));
  if (from.part2 && !into.part2) into.part2_consent = from.part2_consent;
  into.part2 = into.part2 || from.part2;
  into.members.insert(into.members.end(), from.members.begin(), from.members.end());
  if (!into.crisis_owner) into.crisis_owner = from.crisis_owner;
  return true;
}

PlannedClaim Run::to_claim(Draft& d) const {
  const Encounter& e = *d.encounter;
  PlannedClaim c;
  c.patient_control_number = d.pcn;
  c.encounter_ids.push_back(e.id);
  c.payer = d.payer;
  c.patient = e.patient;
  c.subscriber = e.subscriber;
  c.relationship = e.relationship;
  c.billing = d.billing;
  c.rendering = d.incident_to ? *d.incident_to : e.rendering;  // incident-to: billed under the supervisor
  c.referring = e.referring;
  if (!d.incident_to) c.supervising = e.supervising;
  c.place_of_service = d.place_of_service;
  c.frequency = e.frequency;
  c.payer_claim_control_number = e.payer_claim_control_number;
  c.authorization = d.claim_auth;
  c.part2 = d.part2;
  c.part2_consent = d.part2_consent;
  c.diagnoses = d.diagnoses;
  int n = 0;
  for (auto& dl : d.lines) {
    PlannedLine l = std::move(dl.line);
    for (const auto& code : dl.diagnoses) {
      auto it = std::find(c.diagnoses.begin(), c.diagnoses.end(), code);
      if (it != c.diagnoses.end()) l.pointers.push_back(static_cast<std::uint8_t>(it - c.diagnoses.begin() + 1));
    }
    if (l.place_of_service == c.place_of_service) l.place_of_service.clear();
    if (l.rendering && l.rendering->npi == c.rendering.npi) l.rendering.reset();
    l.control_number = fmt::format("{}-{}", c.patient_control_number, ++n);
    c.lines.push_back(std::move(l));
  }
  return c;
}

// A draft that cannot stand alone: a psychotherapy add-on whose E/M is in
// another encounter of the day.
bool Run::needs_partner(const Draft& d) const {
  // Crisis minutes billed on another encounter's line: that one must be billed.
  if (d.crisis_owner && held_.count(d.crisis_owner) &&
      std::find(d.members.begin(), d.members.end(), d.crisis_owner) == d.members.end())
    return true;
  bool addon = false, em = false;
  for (const auto& l : d.lines) {
    addon = addon || detail::is_psychotherapy_addon(rules_, l.line.code);
    em = em || rules_.em_codes.count(l.line.code) > 0;
  }
  return addon && !em;
}

// Turns a draft back into a hold for each of its encounters, giving back the
// authorization units it took.
void Run::release(Draft& d) {
  for (auto& u : d.uses) {
    u.auth->used -= u.units;
    if (u.auth->measure == AuthMeasure::visits) {
      u.auth->used -= static_cast<int>(u.visits.size());
      for (const auto& v : u.visits)
        if (auto it = std::find(u.auth->visit_dates.begin(), u.auth->visit_dates.end(), v);
            it != u.auth->visit_dates.end())
          u.auth->visit_dates.erase(it);
    }
  }
  d.uses.clear();
}

void Run::unbuild(Draft& d, std::vector<HoldReason> why) {
  release(d);
  pcns_.erase(d.pcn);
  hold(*d.encounter, d.pcn, std::move(why));
}

void Run::check_necessity(const Encounter& e, const PayerConfig& payer, const std::vector<DraftLine>& lines,
                          std::vector<HoldReason>& why) const {
  for (const auto& d : lines) {
    const std::string& code = d.line.code;
    if (payer.requires_clock_times && (!e.start_minute || !e.end_minute) && d.minutes > 0)  // a time-based line
      reason(why, HoldCode::documentation_missing,
             fmt::format("the payer wants the session's start and stop times for {}", code));
    if (!options_.coverage || d.diagnoses.empty()) continue;  // no diagnosis: already held for that
    const CoverageRule* rule = nullptr;
    for (const auto& r : payer.coverage)
      if (r.covers(code)) rule = &r;
    if (!rule)
      for (const auto& r : options_.coverage->rules)
        if (r.covers(code) && std::none_of(payer.coverage.begin(), payer.coverage.end(),
                                           [&](const CoverageRule& p) { return p.name == r.name; })) {
          rule = &r;
          break;
        }
    if (!rule ||
        std::any_of(d.diagnoses.begin(), d.diagnoses.end(), [&](const std::string& dx) { return rule->supports(dx); }))
      continue;
    std::string pointed;
    for (const auto& dx : d.diagnoses) pointed += (pointed.empty() ? "" : ", ") + dotted_icd10(dx);
    reason(why, HoldCode::medical_necessity,
           fmt::format("{} needs a pointed diagnosis in {} (rule {}); the line points at {}", code, rule->ranges(),
                       rule->name, pointed.empty() ? "none" : pointed));
  }
}

bool Run::is_part2(const Encounter& e) const {
  if (e.part2) return *e.part2;
  if (practice_.part2_program || e.rendering.part2_program) return true;
  const Location* l = e.location.empty() ? nullptr : practice_.location(e.location);
  return l && l->part2_program;
}

void Run::check_consent(const Encounter& e, std::string& consent, std::vector<HoldReason>& why) const {
  Date on = options_.as_of ? *options_.as_of : boost::gregorian::day_clock::universal_day();
  if (!options_.consents) {
    reason(why, HoldCode::part2_consent_missing,
           "42 CFR Part 2 data goes to a payer only with the patient's consent, and no consents were given "
           "(--consents)");
    return;
  }
  ConsentCheck c = options_.consents->check(e.payer, e.subscriber.member_id, on);
  switch (c.verdict) {
    case ConsentVerdict::in_effect: consent = c.consent->describe(); return;
    case ConsentVerdict::missing:
      reason(why, HoldCode::part2_consent_missing,
             fmt::format("42 CFR Part 2 data: no consent on file covers disclosure to this payer on {}",
                         detail::format_date(on)));
      return;
    case ConsentVerdict::expired:
      reason(why, HoldCode::part2_consent_expired,
             fmt::format("42 CFR Part 2 data: the {} expired on {}", c.consent->describe(),
                         detail::format_date(*c.consent->expires)));
      return;
    case ConsentVerdict::revoked:
      reason(why, HoldCode::part2_consent_revoked,
             fmt::format("42 CFR Part 2 data: the {} was revoked on {}", c.consent->describe(),
                         detail::format_date(*c.consent->revoked)));
      return;
  }
}

void Run::check_history(const Encounter& e, const std::string& pcn, std::string_view rendering_npi,
                        const std::vector<DraftLine>& lines, const detail::CodingNotes& notes,
                        std::vector<HoldReason>& why) const {
  if (!options_.history) return;
  bool crisis = false;
  std::vector<std::pair<ServiceFamily, std::string>> families;
  for (const auto& d : lines)
    if (auto f = family_of(rules_, d.line.code); f != ServiceFamily::none) families.emplace_back(f, d.line.code);
  for (const auto& s : e.services) crisis = crisis || s.type == ServiceType::crisis;
  crisis = crisis && !notes.crisis_owner;  // minutes on another encounter's line of this run
  if (families.empty() && !crisis) return;
  auto prior = options_.history->services(patient_key_of(e.patient, e.subscriber), rendering_npi, e.date_of_service);
  auto earlier = [&](ServiceFamily f) -> const PriorService* {
    for (const auto& p : prior)
      if (p.family == f && p.patient_control_number != pcn && p.encounter_id != e.id) return &p;
    return nullptr;
  };
  for (const auto& [f, code] : families)
    if (const PriorService* p = earlier(f))
      reason(why, HoldCode::duplicate_service,
             fmt::format("{} ({}) for this patient, provider and date is already on claim {} (written {})",
                         to_string(f), code, p->patient_control_number, p->submitted));
  if (crisis)
    if (const PriorService* p = earlier(ServiceFamily::crisis))
      reason(why, HoldCode::replacement_claim_needed,
             fmt::format("crisis minutes of this date were billed on claim {} (written {}): 90839 is billed once a "
                         "date, so send a replacement claim (frequency 7) for the day's total minutes",
                         p->patient_control_number, p->submitted));
}

BuildResult Run::finish() {
  bool merge = options_.merge_same_day.value_or(practice_.merge_same_day);
  std::vector<Draft> kept;
  std::vector<std::vector<const Encounter*>> merged;
  std::vector<bool> partner;  // kept[i] still waits for its E/M
  kept.reserve(drafts_.size());
  merged.reserve(drafts_.size());
  partner.reserve(drafts_.size());
  for (auto& d : drafts_) {
    const Encounter& e = *d.encounter;
    std::string key = fmt::format("{}|{}|{}|{}|{}", e.payer, patient_key(e), e.date_of_service.day_number(),
                                  d.billing.npi, e.rendering.npi);
    bool alone = needs_partner(d);
    auto it = merge_index_.find(key);
    // Merged when the practice asks for it, and always when one side is a
    // psychotherapy add-on that needs the other side's E/M on its claim.
    if (it != merge_index_.end() && (merge || alone || partner[it->second]) && try_merge(kept[it->second], d)) {
      merged[it->second].push_back(d.encounter);
      partner[it->second] = needs_partner(kept[it->second]);
      continue;
    }
    if (it == merge_index_.end()) merge_index_[key] = kept.size();
    merged.push_back({});
    partner.push_back(alone);
    kept.push_back(std::move(d));
  }
  std::vector<Draft>().swap(drafts_);  // all moved into `kept`: give the memory back
  std::vector<std::size_t> built;      // indexes into kept, in order
  std::vector<const Draft*> combined;
  built.reserve(kept.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (partner[i]) {
      Draft& d = kept[i];
      bool crisis = d.crisis_owner && held_.count(d.crisis_owner) &&
                    std::find(d.members.begin(), d.members.end(), d.crisis_owner) == d.members.end();
      HoldCode code = HoldCode::code_pairing;
      std::string why =
          crisis ? fmt::format(
                       "crisis minutes of one patient, provider and date add up to one 90839: this "
                       "encounter's minutes go on the line of encounter {}, which is held; fix that one "
                       "and run both again",
                       d.crisis_owner->id)
                 : std::string(
                       "a psychotherapy add-on (90833/90836/90838) needs the E/M of the same day on the same "
                       "claim, and the encounter with that E/M is held or cannot share this claim (payer, "
                       "billing provider, place of service or authorization differ)");
      for (const Encounter* other : merged[i])
        hold(*other, other->patient_control_number.empty() ? other->id : other->patient_control_number,
             {HoldReason{code, why}});
      unbuild(kept[i], {HoldReason{code, why}});
      continue;
    }
    // Only crisis minutes, billed on another encounter's claim: nothing of its own.
    if (kept[i].lines.empty()) {
      combined.push_back(&kept[i]);
      continue;
    }
    built.push_back(i);
  }
  result_.claims.reserve(built.size());
  std::unordered_map<const Encounter*, std::string> claim_of;
  for (std::size_t i : built) {
    Draft& d = kept[i];
    PlannedClaim c = to_claim(d);
    for (const Encounter* e : merged[i]) c.encounter_ids.push_back(e->id);
    OutcomeStatus status = OutcomeStatus::billed;
    if (options_.history) {  // the ledger knows this CLM01: the same claim again, or a changed one
      auto known = options_.history->fingerprints(c.patient_control_number);
      if (!known.empty()) {
        std::string fp = record_of(c, rules_, Date(1970, 1, 1)).fingerprint;
        if (std::find(known.begin(), known.end(), fp) != known.end()) {
          status = OutcomeStatus::already_submitted;
          release(d);
        } else if (c.frequency == Frequency::original) {
          release(d);
          for (const Encounter* m : d.members)
            hold(*m, c.patient_control_number,
                 {HoldReason{HoldCode::replacement_claim_needed,
                             fmt::format("claim {} was written before with other codes, units or charges: to "
                                         "change it send a replacement claim (frequency 7 with the payer's claim "
                                         "number), not a second original",
                                         c.patient_control_number)}});
          continue;
        }
      }
    }
    for (const Encounter* m : d.members) {
      claim_of[m] = c.patient_control_number;
      EncounterOutcome& o = outcome(*m);
      o.status = status;
      o.claim = c.patient_control_number;
      if (c.part2) o.part2_consent = c.part2_consent;
    }
    for (std::size_t k = 0; k < c.lines.size(); ++k) {
      const PlannedLine& l = c.lines[k];
      outcome(*d.lines[k].from).lines.push_back(BilledLine{l.code, l.modifiers, l.units, l.charge, l.date});
    }
    if (status == OutcomeStatus::billed) result_.claims.push_back(std::move(c));
  }
  for (const Draft* d : combined) {
    if (!d->crisis_owner) {  // nothing new to bill (a screening instrument already billed that day)
      for (const Encounter* m : d->members) outcome(*m).status = OutcomeStatus::billed;
      continue;
    }
    auto it = claim_of.find(d->crisis_owner);
    for (const Encounter* m : d->members) {
      if (it == claim_of.end()) {
        hold(*m, m->patient_control_number.empty() ? m->id : m->patient_control_number,
             {HoldReason{HoldCode::code_pairing,
                         fmt::format("its crisis minutes go on the line of encounter {}, which is held",
                                     d->crisis_owner->id)}});
        continue;
      }
      EncounterOutcome& o = outcome(*m);
      o.status = outcome(*d->crisis_owner).status;
      o.claim = it->second;
    }
  }
  return std::move(result_);
}

}  // namespace

std::size_t BuildResult::lines() const noexcept {
  std::size_t n = 0;
  for (const auto& c : claims) n += c.lines.size();
  return n;
}

Money BuildResult::total() const noexcept {
  Money m;
  for (const auto& c : claims) m += c.total();
  return m;
}

void record_claims(ClaimHistory& history, std::span<const PlannedClaim> claims, const CodingRules& rules,
                   Date submitted) {
  std::vector<RecordedClaim> records;
  records.reserve(claims.size());
  for (const auto& c : claims) records.push_back(record_of(c, rules, submitted));
  history.record(records);
}

Builder::Builder(const Practice& practice, const CodingRules& rules) : practice_(practice), rules_(rules) {}

BuildResult Builder::build(std::span<const Encounter> encounters, const BuildOptions& options) {
  Run run(practice_, rules_, tracker_, options);
  run.prepare(encounters);
  for (const auto& e : encounters) run.encounter(e);
  return run.finish();
}

}  // namespace x12::billing
