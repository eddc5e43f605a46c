// Names, addresses, identifiers and the provider/payer pools of a run. All
// names are invented and upper-case basic-set characters only.
#include <fmt/format.h>

#include "detail.hpp"
#include "x12/error.hpp"
#include "x12/npi.hpp"

namespace x12::testdata {

char npi_check_digit(std::string_view first_nine) noexcept {
  // Luhn over "80840" + the nine digits; the rightmost of them is doubled
  // because the check digit will follow it.
  std::string digits = "80840";
  digits.append(first_nine);
  int sum = 0;
  bool twice = true;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool npi_valid(std::string_view npi) noexcept { return x12::npi_valid(npi); }

}  // namespace x12::testdata

namespace x12::testdata::detail {

namespace {

constexpr std::array<std::string_view, 48> kLast{
    "SMITH",     "JOHNSON", "WILLIAMS", "BROWN",  "JONES",    "GARCIA",  "MILLER",   "DAVIS",   "RODRIGUEZ", "MARTINEZ",
    "HERNANDEZ", "LOPEZ",   "GONZALEZ", "WILSON", "ANDERSON", "THOMAS",  "TAYLOR",   "MOORE",   "JACKSON",   "MARTIN",
    "LEE",       "PEREZ",   "THOMPSON", "WHITE",  "HARRIS",   "SANCHEZ", "CLARK",    "RAMIREZ", "LEWIS",     "ROBINSON",
    "WALKER",    "YOUNG",   "ALLEN",    "KING",   "WRIGHT",   "SCOTT",   "TORRES",   "NGUYEN",  "HILL",      "FLORES",
    "GREEN",     "ADAMS",   "NELSON",   "BAKER",  "HALL",     "RIVERA",  "CAMPBELL", "MITCHELL"};
constexpr std::array<std::string_view, 40> kFirstF{
    "MARY",  "PATRICIA", "JENNIFER", "LINDA",   "ELIZABETH", "BARBARA", "SUSAN",    "JESSICA", "SARAH",   "KAREN",
    "LISA",  "NANCY",    "BETTY",    "SANDRA",  "MARGARET",  "ASHLEY",  "KIMBERLY", "EMILY",   "DONNA",   "MICHELLE",
    "CAROL", "AMANDA",   "MELISSA",  "DEBORAH", "STEPHANIE", "REBECCA", "LAURA",    "SHARON",  "CYNTHIA", "KATHLEEN",
    "AMY",   "ANGELA",   "SHIRLEY",  "ANNA",    "BRENDA",    "PAMELA",  "EMMA",     "NICOLE",  "HELEN",   "SAMANTHA"};
constexpr std::array<std::string_view, 40> kFirstM{
    "JAMES",       "ROBERT", "JOHN",     "MICHAEL", "DAVID",    "WILLIAM", "RICHARD", "JOSEPH", "THOMAS",  "CHARLES",
    "CHRISTOPHER", "DANIEL", "MATTHEW",  "ANTHONY", "MARK",     "DONALD",  "STEVEN",  "PAUL",   "ANDREW",  "JOSHUA",
    "KENNETH",     "KEVIN",  "BRIAN",    "GEORGE",  "TIMOTHY",  "RONALD",  "EDWARD",  "JASON",  "JEFFREY", "RYAN",
    "JACOB",       "GARY",   "NICHOLAS", "ERIC",    "JONATHAN", "STEPHEN", "LARRY",   "JUSTIN", "SCOTT",   "BRANDON"};
constexpr std::array<std::string_view, 24> kStreet{
    "MAIN ST",         "OAK AVE",   "MAPLE DR",    "CEDAR LN",     "PINE ST",      "ELM ST",
    "WASHINGTON BLVD", "LAKE RD",   "HILL ST",     "PARK AVE",     "RIVER RD",     "SUNSET BLVD",
    "MILL RD",         "CHURCH ST", "HIGH ST",     "BROADWAY",     "CENTER ST",    "SPRING ST",
    "UNION AVE",       "WALNUT ST", "CHESTNUT ST", "FRANKLIN AVE", "JEFFERSON ST", "MARKET ST"};
struct City {
  std::string_view name, state, zip3;
};
constexpr std::array<City, 16> kCity{{{"SPRINGFIELD", "IL", "627"},
                                      {"CHICAGO", "IL", "606"},
                                      {"COLUMBUS", "OH", "432"},
                                      {"MADISON", "WI", "537"},
                                      {"DENVER", "CO", "802"},
                                      {"AUSTIN", "TX", "787"},
                                      {"PORTLAND", "OR", "972"},
                                      {"RALEIGH", "NC", "276"},
                                      {"NASHVILLE", "TN", "372"},
                                      {"PHOENIX", "AZ", "850"},
                                      {"ALBANY", "NY", "122"},
                                      {"TRENTON", "NJ", "086"},
                                      {"RICHMOND", "VA", "232"},
                                      {"BOISE", "ID", "837"},
                                      {"OMAHA", "NE", "681"},
                                      {"TACOMA", "WA", "984"}}};
constexpr std::array<std::string_view, 12> kOrgWord{"SUNRISE",    "RIVERSIDE", "NORTHSTAR",  "CLEARWATER",
                                                    "EVERGREEN",  "HARBOR",    "SUMMIT",     "MEADOWBROOK",
                                                    "LIGHTHOUSE", "PINEHURST", "BLUE RIDGE", "NEW HORIZONS"};
constexpr std::array<std::string_view, 6> kOrgKind{"BEHAVIORAL HEALTH",      "COUNSELING CENTER",
                                                   "PSYCHIATRIC ASSOCIATES", "RECOVERY SERVICES",
                                                   "MENTAL HEALTH CLINIC",   "FAMILY THERAPY GROUP"};

struct PayerSeed {
  std::string_view name, id, filing_837, filing_835;
  bool medicaid;
};
constexpr std::array<PayerSeed, 8> kPayers{{{"ACME HEALTH PLAN", "ACME01", "CI", "12", false},
                                            {"GREAT LAKES BLUE PLAN", "GLB001", "BL", "12", false},
                                            {"STATE MEDICAID PROGRAM", "SKMCD1", "MC", "MC", true},
                                            {"MEDICARE PART B CARRIER", "MCRB01", "MB", "MB", false},
                                            {"UNITED MIDWEST HMO", "UMHMO1", "HM", "HM", false},
                                            {"PRAIRIE PPO NETWORK", "PPO123", "12", "12", false},
                                            {"HEARTLAND MEDICAID MCO", "HLMCO1", "MC", "MC", true},
                                            {"COASTAL POS PLAN", "CPOS01", "13", "13", false}}};

struct Taxonomy {
  std::string_view code;
  ProviderKind kind;
};
constexpr std::array<Taxonomy, 9> kRenderingTaxonomy{{{"2084P0800X", ProviderKind::prescriber},
                                                      {"363LP0808X", ProviderKind::prescriber},
                                                      {"1041C0700X", ProviderKind::therapist},
                                                      {"103TC0700X", ProviderKind::therapist},
                                                      {"101YM0800X", ProviderKind::therapist},
                                                      {"106H00000X", ProviderKind::therapist},
                                                      {"101YP2500X", ProviderKind::therapist},
                                                      {"101YA0400X", ProviderKind::program},
                                                      {"101YM0800X", ProviderKind::program}}};

}  // namespace

std::string Rng::digits(std::size_t n) {
  std::string s(n, '0');
  for (auto& c : s) c = static_cast<char>('0' + below(10));
  return s;
}

std::int64_t days_from_civil(int y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string format_date(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  return fmt::format("{:04}{:02}{:02}", y, m, d);
}

std::int64_t parse_date(std::string_view s) {
  if (s.size() != 8 || s.find_first_not_of("0123456789") != std::string_view::npos)
    throw usage_error("generator date must be CCYYMMDD");
  int y = std::stoi(std::string(s.substr(0, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(s.substr(4, 2))));
  unsigned d = static_cast<unsigned>(std::stoi(std::string(s.substr(6, 2))));
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31) throw usage_error("generator date must be a valid CCYYMMDD");
  std::int64_t days = days_from_civil(y, m, d);
  if (format_date(days) != s) throw usage_error("generator date must be a valid CCYYMMDD");
  return days;
}

std::string make_npi(Rng& rng) {
  std::string n = rng.percent(50) ? "1" : "2";
  n += rng.digits(8);
  n.push_back(npi_check_digit(n));
  return n;
}

std::string aba_routing(Rng& rng) {
  // ABA routing number: weights 3 7 1, the ninth digit makes the sum 0 mod 10.
  std::string r = fmt::format("{:02}", rng.between(1, 12));  // Federal Reserve district
  r += rng.digits(6);
  static constexpr int w[8] = {3, 7, 1, 3, 7, 1, 3, 7};
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += w[i] * (r[static_cast<std::size_t>(i)] - '0');
  r.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
  return r;
}

Address make_address(Rng& rng) {
  const City& c = rng.pick(kCity);
  Address a;
  a.street = fmt::format("{} {}", rng.between(1, 9999), rng.pick(kStreet));
  a.city = c.name;
  a.state = c.state;
  a.zip = fmt::format("{}{}", c.zip3, rng.digits(rng.percent(70) ? 6 : 2));  // ZIP+4 or ZIP
  return a;
}

Person make_person(Rng& rng, std::int64_t born_from, std::int64_t born_to) {
  Person p;
  p.sex = rng.percent(55) ? 'F' : 'M';
  p.last = rng.pick(kLast);
  p.first = p.sex == 'F' ? rng.pick(kFirstF) : rng.pick(kFirstM);
  if (rng.percent(30)) p.middle = std::string(1, static_cast<char>('A' + rng.below(26)));
  p.birth = rng.between(born_from, born_to);
  p.address = make_address(rng);
  return p;
}

Pools make_pools(Rng& rng) {
  Pools pools;
  for (int i = 0; i < 12; ++i) {
    Provider p;
    p.organization = rng.percent(75);
    if (p.organization) {
      p.name = fmt::format("{} {}", rng.pick(kOrgWord), rng.pick(kOrgKind));
      p.taxonomy = rng.percent(50) ? "261QM0801X" : "251S00000X";
    } else {
      const Taxonomy& t = rng.pick(kRenderingTaxonomy);
      p.name = rng.pick(kLast);
      p.first = rng.percent(50) ? rng.pick(kFirstF) : rng.pick(kFirstM);
      p.taxonomy = t.code;
      p.kind = t.kind;
    }
    p.npi = make_npi(rng);
    p.ein = fmt::format("{}{}", rng.between(10, 98), rng.digits(7));
    p.address = make_address(rng);
    // The billing provider's ZIP is the nine-digit ZIP+4 (TR3 2010AA N403);
    // padded without drawing from rng, so every later value stays the same.
    if (p.address.zip.size() == 5) p.address.zip += "1000";
    pools.billing.push_back(std::move(p));
  }
  for (int i = 0; i < 24; ++i) {
    Provider p;
    const Taxonomy& t = rng.pick(kRenderingTaxonomy);
    p.name = rng.pick(kLast);
    p.first = rng.percent(50) ? rng.pick(kFirstF) : rng.pick(kFirstM);
    p.taxonomy = t.code;
    p.kind = t.kind;
    p.npi = make_npi(rng);
    pools.rendering.push_back(std::move(p));
  }
  for (const auto& s : kPayers) {
    Payer p;
    p.name = s.name;
    p.id = s.id;
    p.filing_837 = s.filing_837;
    p.filing_835 = s.filing_835;
    p.medicaid = s.medicaid;
    p.tax_id = fmt::format("{}{}", rng.between(10, 98), rng.digits(7));
    p.address = make_address(rng);
    p.address.street = fmt::format("PO BOX {}", rng.between(100, 99999));
    pools.payers.push_back(std::move(p));
  }
  return pools;
}

}  // namespace x12::testdata::detail
