// One visit (or one per-diem stay) as the practice records it, before any
// coding: who, where, when, how long, what was done and why. The Builder
// turns encounters into claim plans or holds. JSON form: docs/encounters.md.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/error.hpp"

namespace x12::billing {

using Date = boost::gregorian::date;

struct Address {
  std::string line1, line2, city, state, zip;
};

struct Person {
  std::string last, first, middle;
  std::optional<Date> birth_date;
  char sex = 'U';  // F, M, U
  Address address;
};

// The patient's relationship to the subscriber (PAT01 / SBR02).
enum class Relationship : std::uint8_t { self, spouse, child, other };
std::string_view to_string(Relationship r) noexcept;  // "self", "spouse", ...
std::string_view x12_code(Relationship r) noexcept;   // "18", "01", "19", "G8"

struct Subscriber : Person {
  std::string member_id;
  std::string group_number;
};

// A clinician or an organization. `credential` is the licence or degree as the
// practice writes it (LCSW, LMHC, PhD, MD, NP ...); payer configurations map it
// to practitioner-level modifiers.
struct Provider {
  std::string npi, taxonomy, credential;
  std::string last, first;  // last holds the organization name when organization
  bool organization = false;
  bool part2_program = false;  // a 42 CFR Part 2 program (a clinician of a substance-use-disorder program)
  bool empty() const noexcept { return npi.empty() && last.empty(); }
};

enum class Modality : std::uint8_t { in_person, telehealth_video, telehealth_audio };
std::string_view to_string(Modality m) noexcept;  // "in_person", "video", "audio"

enum class ServiceType : std::uint8_t {
  psychotherapy,           // minutes -> 90832/90834/90837
  em_with_psychotherapy,   // em_code + minutes -> E/M + 90833/90836/90838
  em,                      // an E/M alone
  diagnostic_evaluation,   // 90791, or 90792 with medical services
  crisis,                  // minutes -> 90839 (+ 90840 units)
  family_therapy,          // minutes, patient_present -> 90847/90846
  group_therapy,           // 90853, one unit
  multiple_family_group,   // 90849
  interactive_complexity,  // 90785, only with an allowed primary
  screening,               // 96127, units = instruments
  hcpcs,                   // code from the rules' HCPCS table (per diem, per 15 minutes, per session)
};
std::string_view to_string(ServiceType t) noexcept;

struct Service {
  ServiceType type = ServiceType::psychotherapy;
  std::optional<int> minutes;                 // when absent, the encounter's start/end or minutes
  std::string code;                           // hcpcs code; E/M code for em / em_with_psychotherapy
  bool with_medical = false;                  // diagnostic evaluation: 90792
  bool patient_present = true;                // family therapy: 90847 (true) or 90846
  int instruments = 0;                        // screening: number of scored instruments
  std::vector<std::string> instrument_names;  // screening: their names ("PHQ-9"), when given as a list
  std::vector<std::string> modifiers;         // extra modifiers asked for (HQ, HF, U-codes ...)
  std::vector<std::string> diagnoses;         // subset of the encounter's, in pointer order; empty = first four
  std::optional<Provider> rendering;          // a line-level rendering provider, when it differs
};

// Claim frequency (CLM05-3).
enum class Frequency : std::uint8_t { original, replacement, void_claim };
std::string_view x12_code(Frequency f) noexcept;  // "1", "7", "8"

struct Encounter {
  std::string id;                      // the practice's own id, echoed on holds
  std::string patient_control_number;  // CLM01; capped at 20 characters by the builder
  Person patient;
  Subscriber subscriber;
  Relationship relationship = Relationship::self;
  std::string payer;  // key of a payer in the practice configuration
  std::string plan;   // plan or product name (informational)

  std::optional<Provider> billing;  // when absent, the practice's billing provider
  Provider rendering;
  std::optional<Provider> referring;
  std::optional<Provider> supervising;

  Date date_of_service;
  std::optional<Date> through;      // per-diem stays: last day (inclusive); one line per day
  std::optional<int> start_minute;  // minutes after midnight
  std::optional<int> end_minute;
  std::optional<int> minutes;  // total face-to-face minutes, when no start/end

  std::string place_of_service = "11";  // where the patient is when in person
  Modality modality = Modality::in_person;
  bool patient_at_home = false;  // telehealth: patient in their home (POS 10 vs 02)

  std::vector<std::string> diagnoses;  // ICD-10-CM, principal first, with or without the dot
  std::vector<Service> services;
  std::string authorization;  // the payer's number, when the practice has one

  Frequency frequency = Frequency::original;
  std::string payer_claim_control_number;  // REF*F8 for replacements and voids

  std::string location;       // key of a location in the practice configuration
  std::optional<bool> part2;  // explicit 42 CFR Part 2 flag; absent: from the program (practice, location, rendering)

  // Minutes for a time-based service: its own, else the encounter's.
  std::optional<int> minutes_for(const Service& s) const noexcept;
};

// JSON (docs/encounters.md): an array of encounters, or {"encounters": [...]}.
// Bad input is a stop (errc::json_invalid) whose message names the encounter
// index and field, never the value.
result<std::vector<Encounter>> parse_encounters(std::string_view json);
std::string to_json(const std::vector<Encounter>& encounters);

// "HH:MM" -> minutes after midnight.
std::optional<int> parse_clock(std::string_view text) noexcept;

}  // namespace x12::billing
