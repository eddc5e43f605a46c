// Replays every input the fuzzers found (tests/data/regress/<target>-<what>)
// through the property its fuzz target checks (fuzz/properties.hpp), one test
// per file. A new finding becomes a regression test by dropping the file there.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "../../fuzz/properties_models.hpp"
#include "support/test_support.hpp"

namespace {

x12::fuzz::Violation replay(const std::string& target, std::string_view input) {
  using namespace x12::fuzz;
  if (target == "fuzz_reader_buffer") return check_reader_buffer(input);
  if (target == "fuzz_reader_stream") return check_reader_stream(input);
  if (target == "fuzz_roundtrip") return check_roundtrip(input);
  if (target == "fuzz_money") return check_money(input);
  if (target == "fuzz_grammar_loader") return check_grammar_loader(input);
  if (target == "fuzz_validate") return check_validate(input);
  if (target == "fuzz_jobs_diff") return check_jobs_diff(input);
  if (target == "fuzz_tx_read") return check_tx_read(input);
  if (target == "fuzz_json_import") return check_json_import(input);
  return "no fuzz target named " + target;
}

std::vector<std::string> regress_files() {
  std::vector<std::string> names;
  for (const auto& p : x12::test::files_in(x12::test::source_dir() / "tests" / "data" / "regress"))
    if (p.filename() != "README.md") names.push_back(p.filename().string());
  if (names.empty()) names.push_back("none");
  return names;
}

class Regress : public testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(Regress, FuzzFindingStaysFixed) {
  const std::string& name = GetParam();
  if (name == "none") GTEST_SKIP() << "no regression inputs";
  const std::string input = x12::test::read_file(x12::test::source_dir() / "tests" / "data" / "regress" / name);
  const std::string target = name.substr(0, name.find('-'));
  auto violation = replay(target, input);
  EXPECT_FALSE(violation) << name << ": " << violation.value_or("");
  // Every input also goes through the plain reader and envelope checker.
  auto plain = x12::fuzz::check_reader_buffer(input);
  EXPECT_FALSE(plain) << name << ": " << plain.value_or("");
}

INSTANTIATE_TEST_SUITE_P(Inputs, Regress, testing::ValuesIn(regress_files()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string n;
                           for (char c : info.param) n += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return n;
                         });
