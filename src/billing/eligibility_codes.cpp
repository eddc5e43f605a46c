// Words for the 271 codes a biller reads: EB01 benefit codes, service types,
// time periods, AAA reject reasons and follow-up actions, benefit-related
// entity roles and date qualifiers (005010X279A1; domain.md I.1). A code not
// listed here has no words: callers show the code itself.
#include <algorithm>
#include <utility>

#include "x12/billing/eligibility.hpp"

namespace x12::billing {

namespace {

using Entry = std::pair<std::string_view, std::string_view>;

template <std::size_t N> std::string_view lookup(const Entry (&table)[N], std::string_view code) noexcept {
  for (const auto& [k, v] : table)
    if (k == code) return v;
  return {};
}

// EB01, data element 1390.
constexpr Entry kBenefit[] = {
    {"1", "active coverage"},
    {"2", "active, full risk capitation"},
    {"3", "active, services capitated"},
    {"4", "active, services capitated to primary care physician"},
    {"5", "active, pending investigation"},
    {"6", "inactive"},
    {"7", "inactive, pending eligibility update"},
    {"8", "inactive, pending investigation"},
    {"A", "co-insurance"},
    {"B", "co-payment"},
    {"C", "deductible"},
    {"CB", "coverage basis"},
    {"D", "benefit description"},
    {"E", "exclusions"},
    {"F", "limitations"},
    {"G", "out of pocket (stop loss)"},
    {"H", "unlimited"},
    {"I", "non-covered"},
    {"J", "cost containment"},
    {"K", "reserve"},
    {"L", "primary care provider"},
    {"M", "pre-existing condition"},
    {"MC", "managed care coordinator"},
    {"N", "services restricted to following provider"},
    {"O", "not deemed a medical necessity"},
    {"P", "benefit disclaimer"},
    {"Q", "second surgical opinion required"},
    {"R", "other or additional payer"},
    {"S", "prior year(s) history"},
    {"T", "card(s) reported lost/stolen"},
    {"U", "contact following entity for eligibility or benefit information"},
    {"V", "cannot process"},
    {"W", "other source of data"},
    {"X", "health care facility"},
    {"Y", "spend down"},
};

// EQ01 / EB03, data element 1365: the general ones and every
// behavioral-health one (domain.md I.1).
constexpr Entry kServiceType[] = {
    {"1", "medical care"},
    {"2", "surgical"},
    {"3", "consultation"},
    {"4", "diagnostic x-ray"},
    {"5", "diagnostic lab"},
    {"12", "durable medical equipment purchase"},
    {"18", "durable medical equipment rental"},
    {"30", "health benefit plan coverage"},
    {"33", "chiropractic"},
    {"35", "dental care"},
    {"47", "hospital"},
    {"48", "hospital, inpatient"},
    {"50", "hospital, outpatient"},
    {"86", "emergency services"},
    {"88", "pharmacy"},
    {"98", "professional (physician) visit, office"},
    {"A4", "psychiatric"},
    {"A6", "psychotherapy"},
    {"A7", "psychiatric, inpatient"},
    {"A8", "psychiatric, outpatient"},
    {"AI", "substance abuse"},
    {"AJ", "alcoholism"},
    {"AK", "drug addiction"},
    {"AL", "vision (optometry)"},
    {"BB", "partial hospitalization (psychiatric)"},
    {"CE", "mental health provider, inpatient"},
    {"CF", "mental health provider, outpatient"},
    {"CG", "mental health facility, inpatient"},
    {"CH", "mental health facility, outpatient"},
    {"CI", "substance abuse facility, inpatient"},
    {"CJ", "substance abuse facility, outpatient"},
    {"MH", "mental health"},
    {"RT", "residential psychiatric treatment"},
    {"UC", "urgent care"},
};

constexpr std::string_view kBehavioral[] = {"MH", "A4", "A6", "A7", "A8", "AI", "AJ", "AK",
                                            "BB", "CE", "CF", "CG", "CH", "CI", "CJ", "RT"};

// EB06 / HSD05, data element 615.
constexpr Entry kPeriod[] = {
    {"6", "hour"},          {"7", "day"},
    {"13", "24 hours"},     {"21", "years"},
    {"22", "service year"}, {"23", "calendar year"},
    {"24", "year to date"}, {"25", "contract"},
    {"26", "episode"},      {"27", "visit"},
    {"28", "outlier"},      {"29", "remaining"},
    {"30", "exceeded"},     {"31", "not exceeded"},
    {"32", "lifetime"},     {"33", "lifetime remaining"},
    {"34", "month"},        {"35", "week"},
    {"36", "admission"},
};

// AAA03, data element 901.
constexpr Entry kReason[] = {
    {"04", "authorized quantity exceeded"},
    {"15", "required application data missing"},
    {"33", "input errors"},
    {"35", "out of network"},
    {"41", "authorization/access restrictions"},
    {"42", "unable to respond at current time"},
    {"43", "invalid or missing provider identification"},
    {"44", "invalid or missing provider name"},
    {"45", "invalid or missing provider specialty"},
    {"46", "invalid or missing provider phone number"},
    {"47", "invalid or missing provider state"},
    {"48", "invalid or missing referring provider identification number"},
    {"49", "provider is not primary care physician"},
    {"50", "provider ineligible for inquiries"},
    {"51", "provider not on file"},
    {"52", "service dates not within provider plan enrollment"},
    {"53", "inquired benefit inconsistent with provider type"},
    {"54", "inappropriate product/service ID qualifier"},
    {"55", "inappropriate product/service ID"},
    {"56", "inappropriate date"},
    {"57", "invalid or missing date(s) of service"},
    {"58", "invalid or missing date of birth"},
    {"60", "date of birth follows date(s) of service"},
    {"61", "date of death precedes date(s) of service"},
    {"62", "date of service not within allowable inquiry period"},
    {"63", "date of service in future"},
    {"64", "invalid or missing patient ID"},
    {"65", "invalid or missing patient name"},
    {"66", "invalid or missing patient gender code"},
    {"67", "patient not found"},
    {"68", "duplicate patient ID number"},
    {"69", "inconsistent with patient's age"},
    {"70", "inconsistent with patient's gender"},
    {"71", "patient birth date does not match that for the patient on the database"},
    {"72", "invalid or missing subscriber/insured ID"},
    {"73", "invalid or missing subscriber/insured name"},
    {"74", "invalid or missing subscriber/insured gender code"},
    {"75", "subscriber/insured not found"},
    {"76", "duplicate subscriber/insured ID number"},
    {"77", "subscriber found, patient not found"},
    {"78", "subscriber/insured not in group/plan identified"},
    {"79", "invalid participant identification"},
    {"80", "no response received, transaction terminated"},
    {"97", "invalid or missing provider address"},
    {"98", "experimental service or procedure"},
    {"AA", "authorization number not found"},
    {"AE", "requires primary care physician authorization"},
    {"AF", "invalid or missing diagnosis code(s)"},
    {"AG", "invalid or missing procedure code(s)"},
    {"AO", "additional patient condition information required"},
    {"CI", "certification information does not match patient"},
    {"E8", "requires medical review"},
    {"IA", "invalid authorization number format"},
    {"MA", "missing authorization"},
    {"T4", "payer name or identifier missing"},
};

// AAA04, data element 889.
constexpr Entry kAction[] = {
    {"C", "please correct and resubmit"},
    {"N", "resubmission not allowed"},
    {"P", "please resubmit original transaction"},
    {"R", "resubmission allowed"},
    {"S", "do not resubmit; inquiry initiated to a third party"},
    {"W", "please wait 30 days and resubmit"},
    {"X", "please wait 10 days and resubmit"},
    {"Y", "do not resubmit; we will hand deliver"},
};

// NM101 of 2120C/D, data element 98.
constexpr Entry kEntity[] = {
    {"13", "contracted service provider"},
    {"1I", "preferred provider organization (PPO)"},
    {"1P", "provider"},
    {"2B", "third-party administrator"},
    {"36", "employer"},
    {"73", "other physician"},
    {"FA", "facility"},
    {"GP", "gateway provider"},
    {"GW", "group"},
    {"I3", "independent physicians association (IPA)"},
    {"IL", "insured or subscriber"},
    {"LR", "legal representative"},
    {"OC", "origin carrier"},
    {"P3", "primary care provider"},
    {"P4", "prior insurance carrier"},
    {"P5", "plan sponsor"},
    {"PR", "payer"},
    {"PRP", "primary payer"},
    {"SEP", "secondary payer"},
    {"TTP", "tertiary payer"},
    {"VER", "party performing verification"},
    {"VN", "vendor"},
    {"VY", "organization completing configuration change"},
    {"X3", "utilization management organization"},
    {"Y2", "managed care organization"},
};

// DTP01, data element 374, as the 271 uses it.
constexpr Entry kDate[] = {
    {"096", "discharge"},
    {"102", "issue"},
    {"152", "effective date of change"},
    {"193", "period start"},
    {"194", "period end"},
    {"198", "completion"},
    {"290", "coordination of benefits"},
    {"291", "plan"},
    {"292", "benefit"},
    {"295", "primary care provider"},
    {"304", "latest visit or consultation"},
    {"307", "eligibility"},
    {"318", "added"},
    {"340", "COBRA begin"},
    {"341", "COBRA end"},
    {"342", "premium paid to date begin"},
    {"343", "premium paid to date end"},
    {"346", "plan begin"},
    {"347", "plan end"},
    {"348", "benefit begin"},
    {"349", "benefit end"},
    {"356", "eligibility begin"},
    {"357", "eligibility end"},
    {"382", "enrollment"},
    {"435", "admission"},
    {"442", "date of death"},
    {"458", "certification"},
    {"472", "service"},
    {"539", "policy effective"},
    {"540", "policy expiration"},
    {"636", "date of last update"},
    {"771", "status"},
};

}  // namespace

std::string_view benefit_code_name(std::string_view c) noexcept { return lookup(kBenefit, c); }
std::string_view service_type_name(std::string_view c) noexcept { return lookup(kServiceType, c); }
std::string_view time_period_name(std::string_view c) noexcept { return lookup(kPeriod, c); }
std::string_view aaa_reason_name(std::string_view c) noexcept { return lookup(kReason, c); }
std::string_view follow_up_action_name(std::string_view c) noexcept { return lookup(kAction, c); }
std::string_view entity_role_name(std::string_view c) noexcept { return lookup(kEntity, c); }
std::string_view eligibility_date_name(std::string_view c) noexcept { return lookup(kDate, c); }

bool behavioral_health_service(std::string_view c) noexcept {
  return std::find(std::begin(kBehavioral), std::end(kBehavioral), c) != std::end(kBehavioral);
}

std::string_view to_string(EligibilityStatus s) noexcept {
  switch (s) {
    case EligibilityStatus::active: return "active";
    case EligibilityStatus::inactive: return "inactive";
    case EligibilityStatus::rejected: return "rejected";
    case EligibilityStatus::unknown: break;
  }
  return "unknown";
}

}  // namespace x12::billing
