// Golden 999s: tests/data/golden/*.999 are compared byte for byte. Rewrite
// them with X12_UPDATE_GOLDEN=1 after a deliberate change, then review the
// diff like code.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ack/ack_support.hpp"
#include "support/test_support.hpp"
#include "x12/ack/ack.hpp"

using namespace x12;
using x12::test::finding;
using x12::test::group_837;

namespace {

std::filesystem::path golden_path(const std::string& name) {
  return test::source_dir() / "tests" / "data" / "golden" / name;
}

// Golden files are written with a line break after each segment, so a diff
// reads one segment per line.
ack::AckOptions golden_options() {
  ack::AckOptions o;
  o.delimiters.line_break = syntax::LineBreak::lf;
  o.date = "20250115";
  o.time = "1431";
  o.interchange_control = "900000101";
  o.group_control = "900101";
  o.sender = "ACMECLEARING";
  o.receiver = "SUBMITTERID";
  return o;
}

void check_golden(const std::string& name, const std::string& actual) {
  const auto path = golden_path(name);
  if (const char* update = std::getenv("X12_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << path;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; run with X12_UPDATE_GOLDEN=1";
  EXPECT_EQ(test::read_file(path), actual)
      << "golden " << name << " differs; rerun with X12_UPDATE_GOLDEN=1 if intended";
  // Golden files carry line breaks, which the reader notes as a layout
  // tolerance (no acknowledgment code); nothing else may be found.
  for (const auto& f : test::read_back(actual)) EXPECT_NE(f.find("line breaks"), std::string::npos) << f;
  EXPECT_EQ(test::grammar_order_problem(actual), "");
}

}  // namespace

TEST(Ack999Golden, AcceptedGroup) { check_golden("accepted.999", ack::make_999(group_837(2), golden_options())); }

TEST(Ack999Golden, RejectedClaimWithValues) {
  auto g = group_837();
  g.sets[0].findings.push_back(finding(Code::element_invalid_code, {19, "CLM", "2300", 5, 3}, "9"));
  g.sets[0].units.push_back({"CLM01", "PCN0001234", 19, 40});
  auto o = golden_options();
  o.include_values = true;
  check_golden("rejected-clm05.999", ack::make_999(g, o));
}

TEST(Ack999Golden, PartiallyAcceptedGroup) {
  auto g = group_837(3);
  g.sets[1].findings.push_back(finding(Code::segment_required_missing, {12, "NM1", "2010BA"}));
  g.sets[1].findings.push_back(finding(Code::element_too_long, {20, "DTP", "2300", 3}));
  g.sets[2].findings.push_back(finding(Code::set_segment_count_mismatch, {41, "SE", "", 1}));
  check_golden("partial.999", ack::make_999(g, golden_options()));
}
