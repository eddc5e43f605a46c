#include "x12/billing/encounter.hpp"

#include <fmt/format.h>

#include <array>

#include "billing/json_util.hpp"

namespace x12::billing {

using detail::json;
using namespace detail;

namespace {

constexpr std::array<std::string_view, 4> relationship_names{"self", "spouse", "child", "other"};
constexpr std::array<std::string_view, 4> relationship_codes{"18", "01", "19", "G8"};
constexpr std::array<std::string_view, 3> modality_names{"in_person", "video", "audio"};
constexpr std::array<std::string_view, 11> service_names{"psychotherapy",
                                                         "em_with_psychotherapy",
                                                         "em",
                                                         "diagnostic_evaluation",
                                                         "crisis",
                                                         "family_therapy",
                                                         "group_therapy",
                                                         "multiple_family_group",
                                                         "interactive_complexity",
                                                         "screening",
                                                         "hcpcs"};
constexpr std::array<std::string_view, 3> frequency_names{"original", "replacement", "void"};

template <class E, std::size_t N>
E pick(const json& o, const char* key, const std::string& path, const std::array<std::string_view, N>& names,
       E fallback) {
  std::string s = get_string(o, key, path);
  if (s.empty()) return fallback;
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  fail(path + "." + key, "unknown value");
}

void read_person(const json& o, const std::string& path, Person& p) {
  p.last = get_string(o, "last", path);
  p.first = get_string(o, "first", path);
  p.middle = get_string(o, "middle", path);
  p.birth_date = get_date(o, "birth_date", path);
  std::string sex = get_string(o, "sex", path, "U");
  if (sex.size() != 1 || std::string_view("FMU").find(sex[0]) == std::string_view::npos)
    fail(path + ".sex", "expected F, M or U");
  p.sex = sex[0];
  if (o.contains("address") && !o["address"].is_null()) p.address = read_address(o["address"], path + ".address");
}

Provider read_provider(const json& o, const std::string& path) {
  if (!o.is_object()) fail(path, "expected an object");
  Provider p;
  p.npi = get_string(o, "npi", path);
  p.taxonomy = get_string(o, "taxonomy", path);
  p.credential = get_string(o, "credential", path);
  p.organization = o.contains("organization") && o["organization"].is_string();
  p.last = p.organization ? get_string(o, "organization", path) : get_string(o, "last", path);
  p.first = get_string(o, "first", path);
  p.part2_program = get_bool(o, "part2_program", path, false);
  return p;
}

std::optional<Provider> opt_provider(const json& o, const char* key, const std::string& path) {
  if (!o.contains(key) || o[key].is_null()) return std::nullopt;
  return read_provider(o[key], path + "." + key);
}

std::optional<int> opt_clock(const json& o, const char* key, const std::string& path) {
  std::string s = get_string(o, key, path);
  if (s.empty()) return std::nullopt;
  auto m = parse_clock(s);
  if (!m) fail(path + "." + key, "expected a time HH:MM");
  return m;
}

Service read_service(const json& o, const std::string& path) {
  if (!o.is_object()) fail(path, "expected an object");
  Service s;
  s.type = pick(o, "type", path, service_names, ServiceType::psychotherapy);
  if (get_string(o, "type", path).empty()) fail(path + ".type", "required");
  s.minutes = get_opt_int(o, "minutes", path);
  s.code = get_string(o, "code", path);
  s.with_medical = get_bool(o, "with_medical", path, false);
  s.patient_present = get_bool(o, "patient_present", path, true);
  if (o.contains("instruments") && o["instruments"].is_array()) {
    s.instrument_names = get_strings(o, "instruments", path);
    s.instruments = static_cast<int>(s.instrument_names.size());
  } else {
    s.instruments = get_int(o, "instruments", path, 0);
  }
  s.modifiers = get_strings(o, "modifiers", path);
  s.diagnoses = get_strings(o, "diagnoses", path);
  s.rendering = opt_provider(o, "rendering", path);
  return s;
}

Encounter read_encounter(const json& o, const std::string& path) {
  if (!o.is_object()) fail(path, "expected an object");
  Encounter e;
  e.id = get_string(o, "id", path);
  e.patient_control_number = get_string(o, "patient_control_number", path);
  if (!o.contains("patient")) fail(path + ".patient", "required");
  read_person(o["patient"], path + ".patient", e.patient);
  e.relationship = pick(o, "relationship", path, relationship_names, Relationship::self);
  if (o.contains("subscriber") && o["subscriber"].is_object()) {
    const json& s = o["subscriber"];
    read_person(s, path + ".subscriber", e.subscriber);
    e.subscriber.member_id = get_string(s, "member_id", path + ".subscriber");
    e.subscriber.group_number = get_string(s, "group_number", path + ".subscriber");
  }
  if (e.relationship == Relationship::self && e.subscriber.last.empty()) {
    static_cast<Person&>(e.subscriber) = e.patient;
  }
  e.payer = get_string(o, "payer", path);
  e.plan = get_string(o, "plan", path);
  e.billing = opt_provider(o, "billing", path);
  if (o.contains("rendering")) e.rendering = read_provider(o["rendering"], path + ".rendering");
  e.referring = opt_provider(o, "referring", path);
  e.supervising = opt_provider(o, "supervising", path);
  e.date_of_service = need_date(o, "date", path);
  e.through = get_date(o, "through", path);
  if (e.through && *e.through < e.date_of_service) fail(path + ".through", "before the date of service");
  e.start_minute = opt_clock(o, "start", path);
  e.end_minute = opt_clock(o, "end", path);
  e.minutes = get_opt_int(o, "minutes", path);
  e.place_of_service = get_string(o, "place_of_service", path, "11");
  e.modality = pick(o, "modality", path, modality_names, Modality::in_person);
  e.patient_at_home = get_bool(o, "patient_at_home", path, false);
  e.diagnoses = get_strings(o, "diagnoses", path);
  if (o.contains("services")) {
    if (!o["services"].is_array()) fail(path + ".services", "expected an array");
    for (std::size_t i = 0; i < o["services"].size(); ++i)
      e.services.push_back(read_service(o["services"][i], fmt::format("{}.services[{}]", path, i)));
  }
  e.authorization = get_string(o, "authorization", path);
  e.frequency = pick(o, "frequency", path, frequency_names, Frequency::original);
  e.payer_claim_control_number = get_string(o, "payer_claim_control_number", path);
  e.location = get_string(o, "location", path);
  if (o.contains("part2") && !o["part2"].is_null()) e.part2 = get_bool(o, "part2", path, false);
  return e;
}

json write_address(const Address& a) {
  json j = json::object();
  auto put = [&](const char* k, const std::string& v) {
    if (!v.empty()) j[k] = v;
  };
  put("line1", a.line1);
  put("line2", a.line2);
  put("city", a.city);
  put("state", a.state);
  put("zip", a.zip);
  return j;
}

json write_person(const Person& p) {
  json j = json::object();
  j["last"] = p.last;
  j["first"] = p.first;
  if (!p.middle.empty()) j["middle"] = p.middle;
  if (p.birth_date) j["birth_date"] = format_date(*p.birth_date);
  j["sex"] = std::string(1, p.sex);
  j["address"] = write_address(p.address);
  return j;
}

json write_provider(const Provider& p) {
  json j = json::object();
  if (p.organization) j["organization"] = p.last;
  else {
    j["last"] = p.last;
    j["first"] = p.first;
  }
  j["npi"] = p.npi;
  if (!p.taxonomy.empty()) j["taxonomy"] = p.taxonomy;
  if (!p.credential.empty()) j["credential"] = p.credential;
  if (p.part2_program) j["part2_program"] = true;
  return j;
}

std::string clock(int m) { return fmt::format("{:02}:{:02}", m / 60, m % 60); }

json write_encounter(const Encounter& e) {
  json j = json::object();
  j["id"] = e.id;
  j["patient_control_number"] = e.patient_control_number;
  j["patient"] = write_person(e.patient);
  j["relationship"] = to_string(e.relationship);
  json s = write_person(e.subscriber);
  s["member_id"] = e.subscriber.member_id;
  if (!e.subscriber.group_number.empty()) s["group_number"] = e.subscriber.group_number;
  j["subscriber"] = s;
  j["payer"] = e.payer;
  if (!e.plan.empty()) j["plan"] = e.plan;
  if (e.billing) j["billing"] = write_provider(*e.billing);
  j["rendering"] = write_provider(e.rendering);
  if (e.referring) j["referring"] = write_provider(*e.referring);
  if (e.supervising) j["supervising"] = write_provider(*e.supervising);
  j["date"] = format_date(e.date_of_service);
  if (e.through) j["through"] = format_date(*e.through);
  if (e.start_minute) j["start"] = clock(*e.start_minute);
  if (e.end_minute) j["end"] = clock(*e.end_minute);
  if (e.minutes) j["minutes"] = *e.minutes;
  j["place_of_service"] = e.place_of_service;
  j["modality"] = to_string(e.modality);
  if (e.modality != Modality::in_person) j["patient_at_home"] = e.patient_at_home;
  j["diagnoses"] = e.diagnoses;
  json services = json::array();
  for (const auto& sv : e.services) {
    json x = json::object();
    x["type"] = to_string(sv.type);
    if (sv.minutes) x["minutes"] = *sv.minutes;
    if (!sv.code.empty()) x["code"] = sv.code;
    if (sv.type == ServiceType::diagnostic_evaluation) x["with_medical"] = sv.with_medical;
    if (sv.type == ServiceType::family_therapy) x["patient_present"] = sv.patient_present;
    if (sv.type == ServiceType::screening) {
      if (sv.instrument_names.empty()) x["instruments"] = sv.instruments;
      else x["instruments"] = sv.instrument_names;
    }
    if (!sv.modifiers.empty()) x["modifiers"] = sv.modifiers;
    if (!sv.diagnoses.empty()) x["diagnoses"] = sv.diagnoses;
    if (sv.rendering) x["rendering"] = write_provider(*sv.rendering);
    services.push_back(std::move(x));
  }
  j["services"] = std::move(services);
  if (!e.authorization.empty()) j["authorization"] = e.authorization;
  if (e.frequency != Frequency::original) {
    j["frequency"] = frequency_names[static_cast<int>(e.frequency)];
    j["payer_claim_control_number"] = e.payer_claim_control_number;
  }
  if (!e.location.empty()) j["location"] = e.location;
  if (e.part2) j["part2"] = *e.part2;
  return j;
}

}  // namespace

std::string_view to_string(Relationship r) noexcept { return relationship_names[static_cast<int>(r)]; }
std::string_view x12_code(Relationship r) noexcept { return relationship_codes[static_cast<int>(r)]; }
std::string_view to_string(Modality m) noexcept { return modality_names[static_cast<int>(m)]; }
std::string_view to_string(ServiceType t) noexcept { return service_names[static_cast<int>(t)]; }
std::string_view x12_code(Frequency f) noexcept {
  switch (f) {
    case Frequency::original: return "1";
    case Frequency::replacement: return "7";
    case Frequency::void_claim: return "8";
  }
  return "1";
}

std::optional<int> Encounter::minutes_for(const Service& s) const noexcept {
  if (s.minutes) return s.minutes;
  if (minutes) return minutes;
  if (start_minute && end_minute) {
    int m = *end_minute - *start_minute;
    if (m < 0) m += 24 * 60;  // past midnight
    return m;
  }
  return std::nullopt;
}

std::optional<int> parse_clock(std::string_view t) noexcept {
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  auto digit = [&](std::size_t i) { return t[i] >= '0' && t[i] <= '9'; };
  if (!digit(0) || !digit(1) || !digit(3) || !digit(4)) return std::nullopt;
  int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

// Each encounter is read as soon as the parser has it and its JSON is then
// thrown away, so a run holds one encounter's document at a time, not the
// whole file's (a 100,000-encounter file is about 50 MB of JSON and would be
// several hundred MB as one document).
result<std::vector<Encounter>> parse_encounters(std::string_view text) {
  std::vector<Encounter> out;
  // An encounter takes a few hundred bytes of JSON: room for all of them up
  // front, so the list is not moved again and again as it grows.
  out.reserve(text.size() / 256 + 1);
  // The list is the top-level array, or the array under the top-level key "encounters".
  int list_depth = -1;
  bool top_array = false, top_seen = false;
  std::string key;  // the current key of the top-level object
  auto take = [&](int depth, json::parse_event_t event, json& parsed) -> bool {
    using E = json::parse_event_t;
    if (!top_seen && (event == E::array_start || event == E::object_start)) {
      top_seen = true;
      top_array = event == E::array_start;
      if (top_array) list_depth = 1;
      return true;
    }
    if (!top_array && depth == 1 && event == E::key) key = parsed.get<std::string>();
    if (!top_array && depth == 1 && event == E::array_start && key == "encounters") list_depth = 2;
    if (list_depth < 0) return true;
    if (depth == list_depth - 1 && event == E::array_end) {  // the list's own end
      list_depth = -1;
      return true;
    }
    if (depth != list_depth || (event != E::object_end && event != E::array_end && event != E::value)) return true;
    out.push_back(read_encounter(parsed, fmt::format("encounters[{}]", out.size())));  // one element of the list
    return false;                                                                      // not kept in the document
  };
  json j;
  try {
    j = json::parse(text.begin(), text.end(), take);
  } catch (const json::parse_error& e) {
    return Error{make_error_code(errc::json_invalid), {}, "encounters: not valid JSON at " + line_column(text, e.byte)};
  } catch (const FieldError& e) {
    return Error{make_error_code(errc::json_invalid), {}, std::string("encounters: ") + e.what()};
  } catch (const json::exception&) {
    return Error{make_error_code(errc::json_invalid), {}, "encounters: wrong JSON shape"};
  }
  bool listed = j.is_array() || (j.is_object() && j.contains("encounters") && j["encounters"].is_array());
  if (!listed) return Error{make_error_code(errc::json_invalid), {}, "encounters: encounters: expected an array"};
  return out;
}

std::string to_json(const std::vector<Encounter>& encounters) {
  json j = json::array();
  for (const auto& e : encounters) j.push_back(write_encounter(e));
  return j.dump(2);
}

}  // namespace x12::billing
