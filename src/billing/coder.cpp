#include "billing/coder.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "x12/billing/icd10.hpp"

namespace x12::billing::detail {

namespace {

void reason(std::vector<HoldReason>& out, HoldCode code, std::string message) {
  out.push_back(HoldReason{code, std::move(message)});
}

struct LineMaker {
  const CodingInput& in;
  const Service& service;
  std::vector<DraftLine>& lines;
  std::vector<HoldReason>& reasons;
  CodingNotes& notes;

  void add(const std::string& code, int units, Date date, int minutes = 0) {
    DraftLine d;
    d.line.code = code;
    d.line.units = units;
    d.line.date = date;
    d.line.place_of_service = in.place_of_service;
    d.line.rendering = service.rendering;
    d.line.modifiers = service.modifiers;
    d.minutes = minutes;
    d.diagnoses = pointers();
    lines.push_back(std::move(d));
  }

  std::vector<std::string> pointers() {
    std::vector<std::string> out;
    if (service.diagnoses.empty()) {
      for (std::size_t i = 0; i < in.diagnoses.size() && out.size() < in.rules.max_pointers; ++i)
        out.push_back(in.diagnoses[i]);
      return out;
    }
    for (std::size_t i = 0; i < service.diagnoses.size(); ++i) {
      auto n = normalize_icd10(service.diagnoses[i]);
      if (!n || std::find(in.diagnoses.begin(), in.diagnoses.end(), *n) == in.diagnoses.end()) {
        reason(reasons, HoldCode::diagnosis_invalid,
               fmt::format("{} service points at diagnosis {} that is not among the encounter's diagnoses",
                           to_string(service.type), i + 1));
        continue;
      }
      if (out.size() == in.rules.max_pointers) {
        reason(reasons, HoldCode::too_many_diagnoses,
               fmt::format("a service line can point at {} diagnoses at most", in.rules.max_pointers));
        break;
      }
      out.push_back(*n);
    }
    return out;
  }

  std::optional<int> minutes() {
    const Encounter& e = in.encounter;
    auto m = e.minutes_for(service);
    if (!m) {
      reason(reasons, HoldCode::service_incomplete,
             fmt::format("{} service has no minutes (give minutes, or start and end times)", to_string(service.type)));
      return m;
    }
    if (!service.minutes && !e.minutes && e.start_minute && e.end_minute &&
        *e.end_minute<*e.start_minute&& * m> in.rules.max_midnight_minutes) {
      reason(reasons, HoldCode::time_implausible,
             fmt::format("the session ends before it starts; across midnight it would last {} minutes, more than {}",
                         *m, in.rules.max_midnight_minutes));
      return std::nullopt;
    }
    auto cap = in.rules.max_minutes.find(to_string(service.type));
    if (cap != in.rules.max_minutes.end() && *m > cap->second) {
      reason(reasons, HoldCode::time_implausible,
             fmt::format("{} minutes of {} is more than one encounter can hold ({} at most)", *m,
                         to_string(service.type), cap->second));
      return std::nullopt;
    }
    if (*m < 0) {
      reason(reasons, HoldCode::time_implausible, "the minutes are negative");
      return std::nullopt;
    }
    return m;
  }

  // `hold_short`: under the minimum is a hold (with an E/M of the encounter's
  // own em_with_psychotherapy service, the E/M alone is billed).
  void psychotherapy(int m, bool with_em, bool hold_short) {
    const MinuteBand* b = in.rules.band(m);
    if (!b) {
      if (hold_short)
        reason(reasons, HoldCode::no_billable_minutes,
               fmt::format("{} minutes of psychotherapy is under {} minutes: not billable", m,
                           in.rules.psychotherapy_minimum));
      return;  // with an E/M, the E/M alone is billed
    }
    if (with_em && service.type == ServiceType::psychotherapy)
      notes.changes.push_back({b->code, ChangeAction::changed, b->with_em, "psychotherapy_with_em",
                               fmt::format("psychotherapy on a date with an E/M by the same provider is the add-on "
                                           "{}, not {}",
                                           b->with_em, b->code)});
    add(with_em ? b->with_em : b->code, 1, in.encounter.date_of_service, m);
  }

  void em_code() {
    if (service.code.empty() || !in.rules.em_codes.count(service.code)) {
      reason(reasons, HoldCode::service_incomplete,
             "E/M service needs an E/M code from the rules' list (99202-99215 and others)");
      return;
    }
    add(service.code, 1, in.encounter.date_of_service);
  }

  void crisis() {
    auto m = minutes();
    if (!m) return;
    if (in.crisis) {
      if (auto it = in.crisis->find(&service); it != in.crisis->end()) {
        if (it->second.owner_service != &service) {  // billed on the owner's line, with the day's total
          notes.crisis_owner = it->second.owner;
          notes.changes.push_back({in.rules.crisis_code, ChangeAction::combined, it->second.owner->id,
                                   "crisis_minutes_combined",
                                   fmt::format("{} crisis minutes are billed on the crisis line of encounter {}, "
                                               "with the {} minutes of that date",
                                               *m, it->second.owner->id, it->second.total)});
          return;
        }
        m = it->second.total;
      }
    }
    auto addon = in.rules.crisis_addon_units(*m);
    if (!addon) {  // under 30 minutes: ordinary psychotherapy; with an E/M that day 90833, not 90832
      if (const MinuteBand* b = in.rules.band(*m))
        notes.changes.push_back(
            {in.rules.crisis_code, ChangeAction::changed, in.em_same_day ? b->with_em : b->code,
             "crisis_under_30_minutes",
             fmt::format("{} crisis minutes are under {}: billed as psychotherapy", *m, in.rules.crisis_from)});
      psychotherapy(*m, in.em_same_day, true);
      return;
    }
    add(in.rules.crisis_code, 1, in.encounter.date_of_service, *m);
    if (*addon > 0) add(in.rules.crisis_addon, *addon, in.encounter.date_of_service, *m);
  }

  void family() {
    auto m = minutes();
    if (!m) return;
    if (*m < in.rules.family_minimum) {
      reason(reasons, HoldCode::no_billable_minutes,
             fmt::format("{} minutes of family psychotherapy is under {} minutes: not billable", *m,
                         in.rules.family_minimum));
      return;
    }
    add(service.patient_present ? in.rules.family_with_patient : in.rules.family_without_patient, 1,
        in.encounter.date_of_service, *m);
  }

  void screening() {
    if (!service.instrument_names.empty()) {  // by name: each instrument once a date
      std::set<std::string, std::less<>> seen;
      int units = 0;
      for (const auto& name : service.instrument_names) {
        bool before = in.instruments_billed && in.instruments_billed->count(name);
        if (before || !seen.insert(name).second) {
          notes.changes.push_back(
              {in.rules.screening_code, ChangeAction::dropped, "", "instrument_repeated",
               fmt::format("{} was already scored for this patient on this date: billed once", name)});
          continue;
        }
        ++units;
      }
      notes.instruments.insert(notes.instruments.end(), seen.begin(), seen.end());
      if (units == 0) return;  // all billed already: nothing new
      if (units > in.rules.screening_max_units) {
        reason(reasons, HoldCode::duplicate_service,
               fmt::format("{} screening instruments: at most {} units a day", units, in.rules.screening_max_units));
        return;
      }
      add(in.rules.screening_code, units, in.encounter.date_of_service);
      return;
    }
    if (service.instruments < 1) {
      reason(reasons, HoldCode::service_incomplete, "screening service needs the number of instruments");
      return;
    }
    if (service.instruments > in.rules.screening_max_units) {
      reason(reasons, HoldCode::duplicate_service,
             fmt::format("{} screening instruments: at most {} units a day", service.instruments,
                         in.rules.screening_max_units));
      return;
    }
    add(in.rules.screening_code, service.instruments, in.encounter.date_of_service);
  }

  void hcpcs() {
    auto it = in.rules.hcpcs.find(service.code);
    if (it == in.rules.hcpcs.end()) {
      reason(reasons, HoldCode::service_incomplete,
             service.code.empty() ? std::string("HCPCS service needs a code")
                                  : fmt::format("HCPCS code {} is not in the rules' HCPCS table", service.code));
      return;
    }
    const Encounter& e = in.encounter;
    switch (it->second) {
      case UnitType::per_diem: {
        Date last = e.through ? *e.through : e.date_of_service;
        for (Date d = e.date_of_service; !(last < d); d += boost::gregorian::days(1)) add(service.code, 1, d);
        return;
      }
      case UnitType::per_session: add(service.code, 1, e.date_of_service); return;
      case UnitType::per_15_minutes: {
        auto m = minutes();
        if (!m) return notes.unbilled.push_back(service.code);
        int units = in.rules.units_15(*m, in.payer.unit_rule);
        if (units == 0) {
          reason(reasons, HoldCode::no_billable_minutes,
                 fmt::format("{} minutes of {} make no 15-minute unit under the payer's {} rule", *m, service.code,
                             to_string(in.payer.unit_rule)));
          return notes.unbilled.push_back(service.code);
        }
        if (units > in.rules.max_15_minute_units_per_day) {
          reason(reasons, HoldCode::duplicate_service,
                 fmt::format("{} units of {} in one day is more than {}", units, service.code,
                             in.rules.max_15_minute_units_per_day));
          return notes.unbilled.push_back(service.code);
        }
        add(service.code, units, e.date_of_service, *m);
        return;
      }
    }
  }

  void run() {
    const Date dos = in.encounter.date_of_service;
    switch (service.type) {
      case ServiceType::psychotherapy:
        if (auto m = minutes()) psychotherapy(*m, in.em_same_day, true);
        break;
      case ServiceType::em_with_psychotherapy: {
        auto m = minutes();
        em_code();
        if (m) psychotherapy(*m, true, false);
        break;
      }
      case ServiceType::em: em_code(); break;
      case ServiceType::diagnostic_evaluation:
        add(service.with_medical ? in.rules.evaluation_medical_code : in.rules.evaluation_code, 1, dos);
        break;
      case ServiceType::crisis: crisis(); break;
      case ServiceType::family_therapy: family(); break;
      case ServiceType::group_therapy: add(in.rules.group_code, 1, dos); break;
      case ServiceType::multiple_family_group: add(in.rules.multiple_family_code, 1, dos); break;
      case ServiceType::interactive_complexity: add(in.rules.interactive_code, 1, dos); break;
      case ServiceType::screening: screening(); break;
      case ServiceType::hcpcs: hcpcs(); break;
    }
  }
};

bool has(const std::vector<DraftLine>& lines, std::string_view code) {
  return std::any_of(lines.begin(), lines.end(), [&](const DraftLine& d) { return d.line.code == code; });
}

}  // namespace

bool is_psychotherapy(const CodingRules& r, std::string_view code) {
  return std::any_of(r.psychotherapy.begin(), r.psychotherapy.end(),
                     [&](const MinuteBand& b) { return b.code == code; });
}
bool is_psychotherapy_addon(const CodingRules& r, std::string_view code) {
  return std::any_of(r.psychotherapy.begin(), r.psychotherapy.end(),
                     [&](const MinuteBand& b) { return b.with_em == code; });
}

void code_services(const CodingInput& in, std::vector<DraftLine>& lines, std::vector<HoldReason>& reasons,
                   CodingNotes& notes) {
  if (in.encounter.services.empty()) reason(reasons, HoldCode::service_incomplete, "the encounter lists no services");
  for (const auto& s : in.encounter.services) LineMaker{in, s, lines, reasons, notes}.run();
}

void check_pairs(const CodingInput& in, std::vector<DraftLine>& lines, std::vector<HoldReason>& reasons,
                 CodingNotes& notes) {
  const CodingRules& r = in.rules;
  int psycho = 0, addons = 0, evaluations = 0, em = 0;
  for (const auto& d : lines) {
    const std::string& c = d.line.code;
    psycho += is_psychotherapy(r, c);
    addons += is_psychotherapy_addon(r, c);
    evaluations += c == r.evaluation_code || c == r.evaluation_medical_code;
    em += r.em_codes.count(c) > 0;
  }
  if (psycho > 0 && addons > 0)
    reason(reasons, HoldCode::code_pairing,
           "psychotherapy and a psychotherapy add-on for the same session: bill one code for the total time");
  else if (psycho + addons > 1)
    reason(reasons, HoldCode::duplicate_service,
           "two psychotherapy codes on one day for one provider: bill one code for the total time");
  if (addons > 0 && em == 0 && !in.em_same_day)  // the E/M of another encounter joins the claim
    reason(reasons, HoldCode::code_pairing, "a psychotherapy add-on needs an E/M on the same claim");
  if (evaluations > r.evaluations_per_day)
    reason(
        reasons, HoldCode::duplicate_service,
        fmt::format("diagnostic evaluation billed more than {} time(s) a day by one provider", r.evaluations_per_day));
  if (has(lines, r.interactive_code)) {
    bool allowed = std::any_of(lines.begin(), lines.end(),
                               [&](const DraftLine& d) { return r.interactive_allowed_with.count(d.line.code) > 0; });
    auto never = std::find_if(lines.begin(), lines.end(),
                              [&](const DraftLine& d) { return r.interactive_never_with.count(d.line.code) > 0; });
    std::string why;
    if (never != lines.end())
      why = fmt::format("interactive complexity ({}) is never billed with {}: left off the claim", r.interactive_code,
                        never->line.code);
    else if (!allowed)
      why = fmt::format(
          "interactive complexity ({}) needs a diagnostic evaluation, psychotherapy or group "
          "psychotherapy code on the same claim: left off the claim",
          r.interactive_code);
    if (!why.empty()) {  // only the add-on is wrong: drop it, bill the rest
      std::erase_if(lines, [&](const DraftLine& d) { return d.line.code == r.interactive_code; });
      notes.changes.push_back({r.interactive_code, ChangeAction::dropped, "", "addon_not_allowed", std::move(why)});
      if (lines.empty())
        reason(reasons, HoldCode::code_pairing,
               fmt::format("the encounter has only interactive complexity ({}), which needs a primary code",
                           r.interactive_code));
    }
  }
  if (has(lines, r.crisis_code)) {
    for (const auto& d : lines)
      if (r.crisis_not_with.count(d.line.code) && d.line.code != r.interactive_code) {
        reason(
            reasons, HoldCode::code_pairing,
            fmt::format("crisis psychotherapy ({}) is not billed with {} on the same day", r.crisis_code, d.line.code));
        break;
      }
  }
  const std::string& credential = in.encounter.rendering.credential;
  for (const auto& d : lines) {
    const std::string& cred = d.line.rendering ? d.line.rendering->credential : credential;
    if (r.prescriber_codes.count(d.line.code) && !r.prescriber_credentials.count(cred)) {
      reason(reasons, HoldCode::credential_not_allowed,
             fmt::format("{} needs a prescribing clinician (MD, DO, NP, PA); the rendering credential is {}",
                         d.line.code, cred.empty() ? "missing" : cred));
      break;
    }
  }
}

void apply_modifiers(const CodingInput& in, std::vector<DraftLine>& lines, std::vector<HoldReason>& reasons) {
  auto add = [](std::vector<std::string>& mods, const std::string& m) {
    if (!m.empty() && std::find(mods.begin(), mods.end(), m) == mods.end()) mods.push_back(m);
  };
  for (auto& d : lines) {
    std::vector<std::string> mods;
    const Provider& p = d.line.rendering     ? *d.line.rendering
                        : in.claim_rendering ? *in.claim_rendering
                                             : in.encounter.rendering;
    if (auto it = in.payer.credential_modifiers.find(p.credential); it != in.payer.credential_modifiers.end())
      add(mods, it->second);
    for (const auto& m : d.line.modifiers) add(mods, m);
    add(mods, in.telehealth_modifier);
    if (mods.size() > 4) {
      reason(reasons, HoldCode::too_many_modifiers,
             fmt::format("{} would carry {} modifiers; a line takes four", d.line.code, mods.size()));
      mods.resize(4);
    }
    d.line.modifiers = std::move(mods);
  }
}

}  // namespace x12::billing::detail
