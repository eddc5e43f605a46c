// Owning building blocks shared by the 837P and 835 models: the segments both
// transaction sets use (NM1, N3/N4, PER, REF, DTP, DTM, AMT, QTY, CAS, NTE,
// procedure composites), and the "unmodelled segment" that keeps anything the
// typed model does not carry field by field, so nothing read is ever dropped.
//
// Conventions: a std::string that is empty means "element absent"; money is
// x12::Money (exact cents); dates are boost::gregorian::date; decimal
// quantities (SV104, SVC05, QTY02...) stay as their X12 text so they are exact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "x12/money.hpp"
#include "x12/position.hpp"

namespace x12::tx {

using Date = boost::gregorian::date;

// A segment kept as read: its id and its elements as text. Inside an element,
// components are joined with ':' and repetitions with '^' (whatever the
// input's delimiters were). `at` is the number of the loop's own modelled
// segments that came before it, which is where the writer puts it back.
// `replaces` marks a required segment (CLM, SV1, BPR...) that held a value
// its typed struct cannot carry (a bad date, say): the typed struct keeps
// what could be read, and the writer writes this copy in its place.
struct Unmodelled {
  std::string id;
  std::vector<std::string> elements;
  std::uint32_t at = 0;
  bool replaces = false;
  friend bool operator==(const Unmodelled&, const Unmodelled&) = default;
};
using Extras = std::vector<Unmodelled>;

// Where a loop was read from (its trigger segment; for a service line, its
// SV1). Not data: two origins always compare equal, so models read from a
// file compare equal to models built in code or read from JSON.
struct Origin {
  Position where;
  friend bool operator==(const Origin&, const Origin&) noexcept { return true; }
};

// NM1 Individual or organizational name.
struct Name {
  std::string entity;               // NM101 entity identifier code (85, IL, PR, QC, 82...)
  std::string entity_type;          // NM102 1 person, 2 non-person
  std::string last;                 // NM103 last or organization name
  std::string first;                // NM104
  std::string middle;               // NM105
  std::string prefix;               // NM106
  std::string suffix;               // NM107
  std::string id_qualifier;         // NM108 (XX NPI, MI member id, PI payer id...)
  std::string id;                   // NM109
  std::string relationship;         // NM110
  std::string entity_relationship;  // NM111
  std::string last2;                // NM112
  friend bool operator==(const Name&, const Name&) = default;
};

// N3 + N4, merged. Written as N3 when a street line is set, N4 when any of
// the other fields is.
struct Address {
  std::string line1, line2;         // N301, N302
  std::string city;                 // N401
  std::string state;                // N402
  std::string postal_code;          // N403
  std::string country;              // N404
  std::string location_qualifier;   // N405
  std::string location_id;          // N406
  std::string country_subdivision;  // N407
  bool has_street() const noexcept { return !line1.empty() || !line2.empty(); }
  bool has_locality() const noexcept {
    return !city.empty() || !state.empty() || !postal_code.empty() || !country.empty() || !location_qualifier.empty() ||
           !location_id.empty() || !country_subdivision.empty();
  }
  friend bool operator==(const Address&, const Address&) = default;
};

// One PER communication number: TE/EM/FX/EX/UR + the number.
struct Communication {
  std::string qualifier, number;
  friend bool operator==(const Communication&, const Communication&) = default;
};

// PER Administrative communications contact.
struct Contact {
  std::string function;                // PER01 (IC, BL, CX)
  std::string name;                    // PER02
  std::vector<Communication> numbers;  // PER03/04, 05/06, 07/08
  std::string inquiry_reference;       // PER09
  friend bool operator==(const Contact&, const Contact&) = default;
};

// REF Reference identification.
struct Reference {
  std::string qualifier;    // REF01 (G1 prior auth, 9F referral, F8 original claim, 6R line item control...)
  std::string value;        // REF02
  std::string description;  // REF03
  std::vector<std::string> identifiers;  // REF04 components (qualifier, id, ...)
  friend bool operator==(const Reference&, const Reference&) = default;
};

// A date or a date range as X12 writes it (CCYYMMDD or CCYYMMDD-CCYYMMDD).
// Anything else (DT, TM, a bad date) stays in `text`, exactly as read.
struct Period {
  std::optional<Date> from;
  std::optional<Date> to;
  std::string text;
  friend bool operator==(const Period&, const Period&) = default;
};

// DTP Date or time period (837P).
struct DateOrPeriod {
  std::string qualifier;  // DTP01 (472 service, 431 onset, 573 adjudication...)
  std::string format;     // DTP02 D8 / RD8
  Period value;           // DTP03
  friend bool operator==(const DateOrPeriod&, const DateOrPeriod&) = default;
};

// DTM Date/time reference (835).
struct DateTime {
  std::string qualifier;     // DTM01 (405 production, 050 received, 232/233 statement, 472 service...)
  std::optional<Date> date;  // DTM02
  std::string time;          // DTM03
  std::string time_code;     // DTM04
  std::string format;        // DTM05
  std::string period;        // DTM06
  friend bool operator==(const DateTime&, const DateTime&) = default;
};

// AMT Monetary amount.
struct Amount {
  std::string qualifier;     // AMT01 (F5 patient paid, D payer paid, B6 allowed, I interest...)
  Money amount;              // AMT02
  std::string credit_debit;  // AMT03
  friend bool operator==(const Amount&, const Amount&) = default;
};

// QTY Quantity.
struct Quantity {
  std::string qualifier;          // QTY01
  std::string quantity;           // QTY02, decimal text
  std::vector<std::string> unit;  // QTY03 composite
  std::string free_form;          // QTY04
  friend bool operator==(const Quantity&, const Quantity&) = default;
};

// One CAS reason/amount/quantity triple.
struct AdjustmentItem {
  std::string reason;  // CARC
  Money amount;
  std::string quantity;  // decimal text, empty when absent
  friend bool operator==(const AdjustmentItem&, const AdjustmentItem&) = default;
};

// CAS Claims adjustment: one group code and up to six triples.
struct Adjustment {
  std::string group;  // CO, PR, OA, PI (CR in 837 COB)
  std::vector<AdjustmentItem> items;
  Money total() const noexcept {
    Money t;
    for (const auto& i : items) t += i.amount;
    return t;
  }
  friend bool operator==(const Adjustment&, const Adjustment&) = default;
};

// NTE Note.
struct Note {
  std::string reference;  // NTE01 (ADD, CER, DCP, DGN, TPO)
  std::string text;       // NTE02
  friend bool operator==(const Note&, const Note&) = default;
};

// K3 File information.
struct FileInfo {
  std::string text;                    // K301
  std::string record_format;           // K302
  std::vector<std::string> composite;  // K303
  friend bool operator==(const FileInfo&, const FileInfo&) = default;
};

// A procedure composite (SV101, SVC01, SVC06, SVD03): qualifier, code, four
// modifiers, description, and a product id.
struct Procedure {
  std::string qualifier;  // HC, ER, IV, WK, N4, AD...
  std::string code;
  std::vector<std::string> modifiers;  // components 3..6
  std::string description;             // component 7
  std::string product_id;              // component 8
  bool empty() const noexcept {
    return qualifier.empty() && code.empty() && modifiers.empty() && description.empty() && product_id.empty();
  }
  friend bool operator==(const Procedure&, const Procedure&) = default;
};

// MOA Outpatient adjudication information (837P 2320 and 835 2100).
struct OutpatientAdjudication {
  std::string reimbursement_rate;                // MOA01, percent text
  std::optional<Money> hcpcs_payable;            // MOA02
  std::vector<std::string> remarks;              // MOA03..MOA07 (RARCs)
  std::optional<Money> esrd_payment;             // MOA08
  std::optional<Money> nonpayable_professional;  // MOA09
  friend bool operator==(const OutpatientAdjudication&, const OutpatientAdjudication&) = default;
};

// The first reference with this qualifier, or null.
const Reference* find_reference(const std::vector<Reference>& refs, std::string_view qualifier) noexcept;
// The first amount with this qualifier, or null.
const Amount* find_amount(const std::vector<Amount>& amounts, std::string_view qualifier) noexcept;
// Sum of every amount of every adjustment.
Money total(const std::vector<Adjustment>& adjustments) noexcept;

}  // namespace x12::tx
