// ICD-10-CM codes: the structure check, the X12 form (no dot), and code tables
// (existence and billability) loaded from the CMS order file layout.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "x12/error.hpp"

namespace x12::billing {

// "f33.1" -> "F331"; nullopt unless the structure holds: a letter, a digit, a
// letter or digit, then optionally a dot and one to four letters or digits.
std::optional<std::string> normalize_icd10(std::string_view code);
// "F331" -> "F33.1" (display form).
std::string dotted_icd10(std::string_view x12_form);

struct IcdEntry {
  bool billable = false;  // false: a header (category) code
  std::string short_description;
};

class CodeTable {
 public:
  // The CMS icd10cm_order_YYYY.txt fixed-width layout: order number (5), blank,
  // code (7, no dot), blank, flag (1: billable, 0: header), blank, short
  // description (60), blank, long description. Blank lines are skipped; a
  // malformed line is a stop naming its line number.
  static result<CodeTable> load_order_file(std::string_view text);
  static result<CodeTable> load_order_file_path(const std::string& path);
  // The project's own small table of behavioral-health codes (F and some Z),
  // embedded in the library; written in the CMS layout.
  static const CodeTable& behavioral_health();

  // Lookup by X12 form or dotted form.
  const IcdEntry* find(std::string_view code) const;
  std::size_t size() const noexcept { return codes_.size(); }

 private:
  std::unordered_map<std::string, IcdEntry> codes_;
};

}  // namespace x12::billing
