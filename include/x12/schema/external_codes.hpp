// External code sets a validator checks values against, which the grammars
// only name as open lists (`codes adjustment_reasons ... external`): claim
// adjustment reason codes (CARC, code source 139), remittance advice remark
// codes (RARC, code source 411) and ICD-10-CM diagnosis codes. X12 updates
// CARC and RARC three times a year and CMS ICD-10-CM once a year, so each list
// is loaded from a file the user keeps current; the project ships partial
// CARC and RARC lists (grammars/carc.csv, grammars/rarc.csv) compiled in.
//
// One structure for every layer: validation (ValidateOptions::carc, ::rarc,
// ::diagnoses) reads it here, and the billing layer's ReasonCodeTable and
// CodeTable are built on it. The file formats are in docs/code-lists.md.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "x12/error.hpp"

namespace x12::schema {

struct ExternalCode {
  std::string description;
  // The first day the code may be used, and the last (its retirement, the
  // list's "stop date"); unset when the list gives none.
  std::optional<boost::gregorian::date> start, stop;
  bool billable = true;  // false: an ICD-10-CM header (category) code
  std::string family;    // an extra "family" column as written (billing's reason family); "" when none
};

class ExternalCodeList {
 public:
  // CSV with a header line; columns found by name, case and '_' ignored:
  //   code         "code", "carc", "rarc" (else the first column)
  //   description  "description", "desc", "text" (else the second column)
  //   start        "start", "start date", "effective date" (optional)
  //   stop         "stop", "stop date", "end date", "deactivated" (optional)
  //   family       "family" (optional; the billing layer's reason family)
  // Other columns are ignored. Dates are CCYYMMDD, YYYY-MM-DD or MM/DD/YYYY;
  // an empty date means none. Quoted fields ("a, b") work. A list read from a
  // file is complete (ExternalCodeList::complete). `source` names the text in
  // messages ("carc.csv"); a bad line is errc::grammar_syntax naming it.
  static result<ExternalCodeList> from_csv(std::string_view csv, std::string_view source);
  static result<ExternalCodeList> from_csv_file(const std::filesystem::path& path);
  // Adds the rows of another CSV, replacing codes already listed; an empty
  // optional column (family, dates) keeps what the list had. The list is
  // complete afterwards: a CSV is taken to be the official list. Nothing
  // changes on error.
  result<std::size_t> merge_csv(std::string_view csv, std::string_view source);
  // The built-in CARC (RARC) list with the rows of a CSV file over it, as
  // `x12 validate --carc` and `x12 post --carc` load it.
  static result<ExternalCodeList> load_carc(const std::filesystem::path& path);
  static result<ExternalCodeList> load_rarc(const std::filesystem::path& path);

  // The CMS ICD-10-CM order file (icd10cm_order_YYYY.txt), fixed width:
  // order number (5), blank, code (7, no dot), blank, flag (1 billable,
  // 0 header), blank, short description (60), blank, long description.
  // Blank lines are skipped; a malformed line is a stop naming its number.
  static result<ExternalCodeList> from_icd10cm_order_file(std::string_view text);
  static result<ExternalCodeList> from_icd10cm_order_file_path(const std::filesystem::path& path);

  // The CARC and RARC lists compiled into the library: partial (the common
  // codes, paraphrased), without dates. Validation against a partial list
  // reports only values that are not shaped like a code of the set.
  static const ExternalCodeList& builtin_carc();
  static const ExternalCodeList& builtin_rarc();

  // A complete list is the whole code set: a value it does not hold is an
  // unknown code. Lists read from a file are complete, the built-in ones not.
  bool complete() const noexcept { return complete_; }
  void set_complete(bool complete) noexcept { complete_ = complete; }

  const ExternalCode* find(std::string_view code) const noexcept;
  std::size_t size() const noexcept { return codes_.size(); }
  const std::map<std::string, ExternalCode, std::less<>>& all() const noexcept { return codes_; }

 private:
  std::map<std::string, ExternalCode, std::less<>> codes_;
  bool complete_ = true;
};

// Shapes of the code sets, for values a partial list does not hold: a CARC
// is one to three digits or a letter and one or two digits (45, A1, P12);
// a RARC is M, MA or N and one to four digits (M15, MA130, N657).
bool carc_shaped(std::string_view code) noexcept;
bool rarc_shaped(std::string_view code) noexcept;

}  // namespace x12::schema
