// CARC/RARC tables: the embedded CSVs, and the loader for the official lists.
#include "x12/billing/reason_codes.hpp"

#include <algorithm>
#include <array>

namespace x12::billing {

namespace {

constexpr std::array<std::string_view, 12> family_names{"patient_responsibility",
                                                        "contractual",
                                                        "authorization",
                                                        "eligibility",
                                                        "timely_filing",
                                                        "coding",
                                                        "medical_necessity",
                                                        "duplicate",
                                                        "missing_information",
                                                        "coordination_of_benefits",
                                                        "provider",
                                                        "other"};

Error bad_csv(std::string message) { return Error{make_error_code(errc::json_invalid), {}, std::move(message)}; }

}  // namespace

std::string_view to_string(ReasonFamily f) noexcept { return family_names[static_cast<std::size_t>(f)]; }

std::optional<ReasonFamily> parse_reason_family(std::string_view s) noexcept {
  for (std::size_t i = 0; i < family_names.size(); ++i)
    if (family_names[i] == s) return static_cast<ReasonFamily>(i);
  return std::nullopt;
}

result<bool> ReasonCodeTable::merge_csv(std::string_view csv, bool carc) {
  auto& table = carc ? carcs_ : rarcs_;
  schema::ExternalCodeList merged = table;
  if (auto r = merged.merge_csv(csv, carc ? "CARC list" : "RARC list"); !r) return bad_csv(r.error().message);
  for (const auto& [code, e] : merged.all())
    if (!e.family.empty() && !parse_reason_family(e.family))
      return bad_csv("code table names an unknown family for code " + code);
  table = std::move(merged);
  return true;
}

const ReasonCodeTable& ReasonCodeTable::builtin() {
  static const ReasonCodeTable table = [] {
    ReasonCodeTable t;
    t.carcs_ = schema::ExternalCodeList::builtin_carc();
    t.rarcs_ = schema::ExternalCodeList::builtin_rarc();
    return t;
  }();
  return table;
}

result<ReasonCodeTable> ReasonCodeTable::load(std::string_view carc_csv, std::string_view rarc_csv) {
  ReasonCodeTable t = builtin();
  if (!carc_csv.empty())
    if (auto r = t.merge_csv(carc_csv, true); !r) return r.error();
  if (!rarc_csv.empty())
    if (auto r = t.merge_csv(rarc_csv, false); !r) return r.error();
  return t;
}

const ReasonCodeTable::Entry* ReasonCodeTable::carc(std::string_view code) const noexcept { return carcs_.find(code); }
const ReasonCodeTable::Entry* ReasonCodeTable::rarc(std::string_view code) const noexcept { return rarcs_.find(code); }
std::optional<ReasonFamily> ReasonCodeTable::carc_family(std::string_view code) const noexcept {
  const auto* e = carc(code);
  if (!e) return std::nullopt;
  return parse_reason_family(e->family).value_or(ReasonFamily::other);
}
std::string_view ReasonCodeTable::carc_text(std::string_view code) const noexcept {
  const auto* e = carc(code);
  return e ? std::string_view(e->description) : std::string_view{};
}
std::string_view ReasonCodeTable::rarc_text(std::string_view code) const noexcept {
  const auto* e = rarc(code);
  return e ? std::string_view(e->description) : std::string_view{};
}

}  // namespace x12::billing
