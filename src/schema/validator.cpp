// The validation's settings and summaries (x12/schema/validator.hpp): rule
// family names and set status words.
#include "x12/schema/validator.hpp"

namespace x12::schema {

std::optional<Rules> Rules::parse(std::string_view list) {
  Rules r = none();
  while (!list.empty()) {
    auto comma = list.find(',');
    auto item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) continue;
    if (item == "all") r = all();
    else if (item == "snip1" || item == "1") r.snip1 = true;
    else if (item == "snip2" || item == "2") r.snip2 = true;
    else if (item == "snip4" || item == "4") r.snip4 = true;
    else if (item == "snip3" || item == "3") r.snip3 = true;
    else return std::nullopt;
  }
  return r;
}

std::string_view to_string(SetStatus s) noexcept {
  switch (s) {
    case SetStatus::accepted: return "accepted";
    case SetStatus::accepted_with_errors: return "accepted with errors";
    case SetStatus::rejected: return "rejected";
  }
  return "?";
}

}  // namespace x12::schema
