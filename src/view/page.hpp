// What every view shares: escaping, the page shell (inline CSS), money and
// small table helpers over the library's JSON (docs/json.md).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace x12::view::detail {

using json = nlohmann::json;

std::string escape(std::string_view text);
// A JSON value as text ("" for null or absent).
std::string text(const json& j, std::string_view key);
// The page around `body`.
std::string page(std::string_view title, std::string_view body);
// <td> with the value escaped; `cls` and a data-NAME="VALUE" attribute when given.
std::string cell(std::string_view value, std::string_view cls = {}, std::string_view data = {});
// A person's or organization's name from NM1 fields (last, first middle).
std::string name_of(const json& party);

// Words for acknowledgment codes (IK304, IK403, IK501/AK901, TA104, TA105, STC).
std::string_view segment_error_words(std::string_view code);
std::string_view element_error_words(std::string_view code);
std::string_view set_status_words(std::string_view code);
std::string_view interchange_note_words(std::string_view code);

}  // namespace x12::view::detail
