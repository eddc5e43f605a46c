// Helpers the validation tests share: sample files, one-place edits of a
// file's text, and findings reduced to what an assertion compares.
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include <string>
#include <string_view>
#include <vector>

#include "support/test_support.hpp"
#include "x12/finding.hpp"
#include "x12/schema/validator.hpp"

namespace x12::test {

// examples/data/<name>: the sample files the project ships.
inline std::string sample(const char* name) { return read_file(source_dir() / "examples" / "data" / name); }

// `text` with the first `from` replaced by `to`; a missing `from` fails the test.
inline std::string replace_once(std::string text, std::string_view from, std::string_view to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Every finding of a report, one per line, for failure messages.
inline std::string dump(const schema::Report& r) {
  std::string out;
  for (const auto& f : r.diagnostics.all()) out += format(f) + "\n";
  return out;
}

inline std::vector<Code> codes(const Diagnostics& d) {
  std::vector<Code> out;
  for (const auto& f : d.all()) out.push_back(f.code);
  return out;
}

// Where a finding goes in an acknowledgment ("IK403 7", "IK304 1",
// "TA105 023"), "-" when it goes in none.
inline std::string ack_place(Code code) {
  const auto& i = info(code);
  const char* where = "";
  switch (i.level) {
    case AckLevel::none: return "-";
    case AckLevel::ta1: where = "TA105"; break;
    case AckLevel::ak9: where = "AK905"; break;
    case AckLevel::ik5: where = "IK502"; break;
    case AckLevel::ik3: where = "IK304"; break;
    case AckLevel::ik4: where = "IK403"; break;
  }
  return fmt::format("{} {}", where, i.ack_code);
}

// Each finding as "name reference ack-place", sorted: what the table-driven
// rule tests compare with their expected rows.
inline std::vector<std::string> finding_rows(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& f : d.all())
    out.push_back(fmt::format("{} {} {}", info(f.code).name, f.reference, ack_place(f.code)));
  std::sort(out.begin(), out.end());
  return out;
}

// A GS opening a group of 837P claims, to follow test::kIsa.
inline const std::string kGs837 = "GS*HC*SENDER*RECEIVER*20250101*1200*1*X*005010X222A1~";

}  // namespace x12::test
