// JSON both ways: golden documents for the samples, JSON -> model -> X12
// reproducing the original segments, and errors that name the JSON path.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "support/test_support.hpp"
#include "tx_support.hpp"
#include "x12/tx/json.hpp"
#include "x12/tx/read.hpp"
#include "x12/tx/write.hpp"

namespace x12 {
namespace {

std::string json_of(const std::string& x12_text, bool pretty) {
  auto r = tx::read(x12_text);
  std::string out = "[";
  for (std::size_t i = 0; i < r.sets.size(); ++i) {
    if (i) out += pretty ? ",\n" : ",";
    tx::to_json(r.sets[i], out, {pretty});
  }
  return out + "]\n";
}

void expect_json_round_trip(const std::string& name, const std::string& text) {
  auto r = tx::read(text);
  std::string js = json_of(text, false);
  auto back = tx::from_json(js);
  ASSERT_TRUE(back.ok()) << name << ": " << back.errors.front().path << ": " << back.errors.front().message;
  ASSERT_EQ(back.sets.size(), r.sets.size()) << name;
  for (std::size_t i = 0; i < r.sets.size(); ++i) EXPECT_TRUE(back.sets[i] == r.sets[i]) << name << " set " << i;
  std::string out = tx::to_x12(std::span<const tx::AnySet>(back.sets));
  EXPECT_EQ(test::first_difference(test::canonical_segments(text), test::canonical_segments(out)), "") << name;
}

TEST(Json, GoldenSamples) {
  const bool update = std::getenv("X12_UPDATE_GOLDEN") != nullptr;
  for (auto name : {"sample.837", "sample.835"}) {
    auto input = test::read_file(test::source_dir() / "examples" / "data" / name);
    std::string actual = json_of(input, true);
    auto golden = test::source_dir() / "tests" / "data" / "golden" / (std::string(name) + ".json");
    if (update) {
      std::ofstream(golden, std::ios::binary) << actual;
      continue;
    }
    ASSERT_TRUE(std::filesystem::exists(golden)) << golden << " is missing; run with X12_UPDATE_GOLDEN=1";
    EXPECT_EQ(actual, test::read_file(golden)) << name << " JSON changed; review and rerun with X12_UPDATE_GOLDEN=1";
  }
}

TEST(Json, SamplesRoundTrip) {
  for (auto name : {"sample.837", "sample.835"})
    expect_json_round_trip(name, test::read_file(test::source_dir() / "examples" / "data" / name));
}

TEST(Json, CorpusRoundTrip) {
  X12_REQUIRE_CORPUS();
  for (auto sub : {"837p", "835"}) {
    auto dir = test::corpus_dir(sub);
    if (!dir) continue;
    for (const auto& f : test::files_in(*dir)) expect_json_round_trip(f.filename().string(), test::read_file(f));
  }
}

TEST(Json, ShapeUsesReadableKeysMoneyAndDates) {
  auto input = test::read_file(test::source_dir() / "examples" / "data" / "sample.837");
  std::string js = json_of(input, false);
  EXPECT_NE(js.find("\"patient_control_number\":"), std::string::npos);
  EXPECT_NE(js.find("\"total_charge\":\"350.00\""), std::string::npos);
  EXPECT_NE(js.find("\"service_lines\":["), std::string::npos);
  EXPECT_NE(js.find("\"loop\":\"2300\""), std::string::npos);
  EXPECT_NE(js.find("\"date\":\"20"), std::string::npos);
}

TEST(Json, LinesAndArrays) {
  auto input = test::read_file(test::source_dir() / "examples" / "data" / "sample.835");
  auto r = tx::read(input);
  std::string one = tx::to_json(r.sets[0]);
  auto a = tx::from_json(one + "\n" + one + "\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.sets.size(), 2u);
  auto b = tx::from_json("[" + one + "," + one + "]");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b.sets.size(), 2u);
}

std::vector<tx::JsonError> errors_of(const std::string& text) { return tx::from_json(text).errors; }

bool has_error(const std::vector<tx::JsonError>& errs, const std::string& path, const std::string& words) {
  for (const auto& e : errs)
    if (e.path == path && e.message.find(words) != std::string::npos) return true;
  return false;
}

std::string minimal_837(const std::string& claim) {
  return R"({"transaction_set":"837","header":{"structure":"0019"},"submitter":{"entity":"41"},"receiver":{"entity":"40"},
  "billing_providers":[{"billing_provider":{"entity":"85"},"subscribers":[{"subscriber_info":{},
  "subscriber":{"entity":"IL"},"payer":{"entity":"PR"},"claims":[)" +
         claim + "]}]}]}";
}

TEST(JsonErrors, MinimalDocumentReads) {
  auto r = tx::from_json(minimal_837(R"({"patient_control_number":"A1","total_charge":"10.00"})"));
  ASSERT_TRUE(r.ok()) << r.errors.front().path << ": " << r.errors.front().message;
  auto& m = std::get<tx::Claim837p>(r.sets.at(0));
  EXPECT_EQ(m.claims().at(0)->info.total_charge, Money::from_cents(1000));
}

TEST(JsonErrors, MissingRequiredFieldNamesPath) {
  auto errs = errors_of(minimal_837(R"({"total_charge":"10.00"})"));
  EXPECT_TRUE(has_error(errs, "$.billing_providers[0].subscribers[0].claims[0].patient_control_number", "missing"));
  errs = errors_of(minimal_837(R"({"patient_control_number":"A1"})"));
  EXPECT_TRUE(has_error(errs, "$.billing_providers[0].subscribers[0].claims[0].total_charge", "missing"));
}

TEST(JsonErrors, WrongTypeNamesPath) {
  auto errs = errors_of(minimal_837(R"({"patient_control_number":12,"total_charge":"1"})"));
  EXPECT_TRUE(has_error(errs, "$.billing_providers[0].subscribers[0].claims[0].patient_control_number", "wrong type"));
  errs = errors_of(minimal_837(R"({"patient_control_number":"A","total_charge":"1","service_lines":{}})"));
  EXPECT_TRUE(has_error(errs, "$.billing_providers[0].subscribers[0].claims[0].service_lines", "wrong type"));
}

TEST(JsonErrors, BadMoneyNamesPath) {
  auto errs = errors_of(minimal_837(R"({"patient_control_number":"A","total_charge":"12.345"})"));
  EXPECT_TRUE(has_error(errs, "$.billing_providers[0].subscribers[0].claims[0].total_charge", "bad money"));
  errs = errors_of(minimal_837(R"({"patient_control_number":"A","total_charge":125})"));
  EXPECT_TRUE(has_error(errs, "$.billing_providers[0].subscribers[0].claims[0].total_charge", "wrong type"));
}

TEST(JsonErrors, BadDateNamesPath) {
  auto errs = errors_of(minimal_837(
      R"({"patient_control_number":"A","total_charge":"1","dates":[{"qualifier":"431","format":"D8","date":"2025-02-30"}]})"));
  EXPECT_TRUE(has_error(errs, "$.billing_providers[0].subscribers[0].claims[0].dates[0].date", "bad date"));
}

TEST(JsonErrors, InvalidJsonAndMissingSetId) {
  EXPECT_FALSE(errors_of("{not json").empty());
  EXPECT_TRUE(has_error(errors_of(R"({"control_number":"1"})"), "$.transaction_set", "missing"));
  EXPECT_TRUE(has_error(errors_of(R"({"transaction_set":"837"})"), "$.header", "missing"));
}

TEST(JsonErrors, MessagesDoNotQuoteValues) {
  auto errs = errors_of(minimal_837(R"({"patient_control_number":"SECRET-NAME","total_charge":"SECRET"})"));
  ASSERT_FALSE(errs.empty());
  for (const auto& e : errs) {
    EXPECT_EQ(e.message.find("SECRET"), std::string::npos);
    EXPECT_EQ(e.path.find("SECRET"), std::string::npos);
  }
}

// Found by fuzz_json_import (tests/data/regress/fuzz_json_import-isa-field-
// of-wrong-width-written-as-read): an envelope from JSON with an ISA field of
// the wrong width was written as it was, and the output could not be read
// (the ISA's delimiters sit at fixed positions). Such a header is generated.
TEST(Json, KeptIsaThatCannotBeWrittenIsGenerated) {
  const std::string json =
      R"({"transaction_set":"835","control_number":"0001","envelope":{"isa":["00","          ","00","m          ",)"
      R"("ZZ","CASCADEHP      ","ZZ","RIVERBENDBH    ","261120","0600","","00501","000000201","0","T",""],)"
      R"("gs":["HP","CASCADEHP","RIVERBENDBH","20261120","0600","201","X","005010X221A1"]},)"
      R"("payment":{"handling":"I","total_payment":"0.00","credit_debit":"C"}})";
  auto r = tx::from_json(json);
  ASSERT_EQ(r.sets.size(), 1u);
  tx::WriteOptions o;
  o.date = "20260101";
  o.time = "1200";
  std::string x12 = tx::to_x12(r.sets[0], o);
  auto back = tx::read(x12);
  ASSERT_FALSE(back.stop) << x12;
  ASSERT_EQ(back.sets.size(), 1u);
  EXPECT_TRUE(x12.starts_with("ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260101*1200*"))
      << x12;
  // A header that fits is still kept as read.
  auto kept = tx::read(x12);
  EXPECT_EQ(tx::to_x12(kept.sets[0], o).substr(0, 106), x12.substr(0, 106));
}

}  // namespace
}  // namespace x12
