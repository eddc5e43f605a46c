// parse_encounters reads each encounter as the parser finishes it (no
// document of the whole file): the same answers and errors as before, for
// both shapes of the file.
#include <gtest/gtest.h>

#include "x12/billing/encounter.hpp"

namespace x12::billing::test {
namespace encounter_stream {

const char* one =
    R"({"id": "A", "payer": "p", "patient": {"last": "DOE"}, "date": "2025-03-03", "services": [{"type": "psychotherapy"}]})";

std::string ids(const std::vector<Encounter>& list) {
  std::string out;
  for (const auto& e : list) out += (out.empty() ? "" : " ") + e.id;
  return out;
}

TEST(EncounterStream, TopLevelArray) {
  auto r = parse_encounters(std::string("[") + one + ", " + one + "]");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(ids(*r), "A A");
  ASSERT_EQ((*r)[0].services.size(), 1u);
  EXPECT_EQ((*r)[0].services[0].type, ServiceType::psychotherapy);
}

TEST(EncounterStream, UnderTheEncountersKeyOnly) {
  // Arrays of objects under other keys, before and after, are not encounters.
  auto r = parse_encounters(std::string(R"({"about": [{"id": "X"}], "encounters": [)") + one +
                            R"(], "later": [{"id": "Y"}], "n": 3})");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(ids(*r), "A");
}

TEST(EncounterStream, EmptyLists) {
  ASSERT_TRUE(parse_encounters("[]"));
  EXPECT_TRUE(parse_encounters("[]")->empty());
  ASSERT_TRUE(parse_encounters(R"({"encounters": []})"));
}

TEST(EncounterStream, ErrorsNameTheElement) {
  auto scalar = parse_encounters(std::string("[") + one + ", 5]");
  ASSERT_FALSE(scalar);
  EXPECT_NE(scalar.error().message.find("encounters[1]"), std::string::npos) << scalar.error().message;
  auto nested = parse_encounters(std::string("[") + one + ", [1]]");
  ASSERT_FALSE(nested);
  EXPECT_NE(nested.error().message.find("encounters[1]"), std::string::npos) << nested.error().message;
  auto not_list = parse_encounters(R"({"encounters": {"id": "A"}})");
  ASSERT_FALSE(not_list);
  EXPECT_NE(not_list.error().message.find("expected an array"), std::string::npos) << not_list.error().message;
  auto missing = parse_encounters(R"({"visits": []})");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("expected an array"), std::string::npos);
  auto syntax = parse_encounters("[\n  {\"id\": \"A\",\n   \"date\": 2025-03-03}\n]");
  ASSERT_FALSE(syntax);
  EXPECT_NE(syntax.error().message.find("line 3"), std::string::npos) << syntax.error().message;
  auto top_scalar = parse_encounters("5");
  ASSERT_FALSE(top_scalar);
}

}  // namespace encounter_stream
}  // namespace x12::billing::test
