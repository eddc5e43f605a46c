// ICD-10-CM codes: the structure check, the X12 form (no dot), and code tables
// (existence and billability) loaded from the CMS order file layout.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "x12/error.hpp"
#include "x12/schema/external_codes.hpp"

namespace x12::billing {

// "f33.1" -> "F331"; nullopt unless the structure holds: a letter, a digit, a
// letter or digit, then optionally a dot and one to four letters or digits.
std::optional<std::string> normalize_icd10(std::string_view code);
// "F331" -> "F33.1" (display form).
std::string dotted_icd10(std::string_view x12_form);

// billable (false: a header, category, code) and description (the short one).
using IcdEntry = schema::ExternalCode;

class CodeTable {
 public:
  // The CMS icd10cm_order_YYYY.txt fixed-width layout, read by
  // schema::ExternalCodeList::from_icd10cm_order_file (the list validation
  // takes as ValidateOptions::diagnoses).
  static result<CodeTable> load_order_file(std::string_view text);
  static result<CodeTable> load_order_file_path(const std::string& path);
  // The project's own small table of behavioral-health codes (F and some Z),
  // embedded in the library; written in the CMS layout.
  static const CodeTable& behavioral_health();

  // Lookup by X12 form or dotted form.
  const IcdEntry* find(std::string_view code) const;
  std::size_t size() const noexcept { return codes_.size(); }
  const schema::ExternalCodeList& list() const noexcept { return codes_; }

 private:
  schema::ExternalCodeList codes_;
};

}  // namespace x12::billing
