// ICD-10-CM structure and tables, NPI check digits, encounter and practice JSON.
#include <gtest/gtest.h>

#include "billing/fixture.hpp"
#include "support/test_support.hpp"
#include "x12/billing/npi.hpp"

namespace x12::billing::test {
namespace {

TEST(Icd10, Structure) {
  struct Row {
    const char* in;
    const char* out;  // "" = rejected
  } rows[] = {{"F33.1", "F331"}, {"f331", "F331"},    {"F32.A", "F32A"}, {"F17.210", "F17210"}, {"F32", "F32"},
              {"Z63.0", "Z630"}, {" F41.1 ", "F411"}, {"F33.", ""},      {"33.1", ""},          {"FF3.1", ""},
              {"F3", ""},        {"F33.12345", ""},   {"F3312345", ""},  {"F33-1", ""},         {"", ""},
              {"F33.1.2", ""}};
  for (const auto& r : rows) {
    auto n = normalize_icd10(r.in);
    EXPECT_EQ(n.value_or(""), r.out) << r.in;
  }
  EXPECT_EQ(dotted_icd10("F17210"), "F17.210");
  EXPECT_EQ(dotted_icd10("F32"), "F32");
}

constexpr const char* order_file =
    "00001 F32     0 Major depressive disorder, single episode                    Major depressive disorder, single episode\n"
    "00002 F320    1 Major depressv disord, single episode, mild                  Major depressive disorder, single episode, mild\r\n"
    "\n"
    "00003 Z630    1 Problems in relationship with spouse or partner              Problems in relationship with spouse or partner\n";

TEST(Icd10, LoadsTheCmsOrderFileLayout) {
  auto t = CodeTable::load_order_file(order_file);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->size(), 3u);
  ASSERT_NE(t->find("F32.0"), nullptr);
  EXPECT_TRUE(t->find("F320")->billable);
  EXPECT_EQ(t->find("F320")->description, "Major depressv disord, single episode, mild");
  EXPECT_FALSE(t->find("F32")->billable);
  EXPECT_EQ(t->find("F33.1"), nullptr);
}

TEST(Icd10, RejectsMalformedLinesByNumber) {
  auto flag = CodeTable::load_order_file("00001 F32     0 Header\n00002 F320    2 Bad flag\n");
  ASSERT_FALSE(flag);
  EXPECT_NE(flag.error().message.find("line 2"), std::string::npos);
  EXPECT_FALSE(CodeTable::load_order_file("0000X F32     0 Header\n"));
  EXPECT_FALSE(CodeTable::load_order_file("00001 F32.0   1 Dotted\n"));
  EXPECT_FALSE(CodeTable::load_order_file("00001 F32\n"));
}

TEST(Icd10, BuiltinTableKnowsHeadersAndBillableCodes) {
  const CodeTable& t = CodeTable::behavioral_health();
  EXPECT_GT(t.size(), 60u);
  for (const char* billable : {"F33.1", "F41.1", "F43.10", "F90.2", "F10.20", "F17.210", "F32.A", "Z63.0"}) {
    ASSERT_NE(t.find(billable), nullptr) << billable;
    EXPECT_TRUE(t.find(billable)->billable) << billable;
  }
  for (const char* header : {"F32", "F33", "F43.1", "F43.2", "F10"}) {
    ASSERT_NE(t.find(header), nullptr) << header;
    EXPECT_FALSE(t.find(header)->billable) << header;
  }
}

TEST(Icd10, BuilderUsesALoadedTable) {
  auto table = CodeTable::load_order_file(order_file);
  ASSERT_TRUE(table);
  Harness h;
  h.options.codes = &*table;
  Encounter e = encounter("T", {psychotherapy(45)});
  e.diagnoses = {"F32.0", "Z63.0"};
  EXPECT_EQ(h.build(e).claims.size(), 1u);
  e.diagnoses = {"F33.1"};  // billable, but not in this table
  EXPECT_TRUE(h.build(e).holds.at(0).has(HoldCode::diagnosis_invalid));
}

TEST(Npi, LuhnCheckDigit) {
  EXPECT_TRUE(npi_valid("1234567893"));
  EXPECT_TRUE(npi_valid("1245319599"));
  for (const char* bad : {"1234567890", "1234567894", "123456789", "12345678930", "12345678a3", ""})
    EXPECT_FALSE(npi_valid(bad)) << bad;
}

TEST(EncounterJson, ParsesTheDocumentedShape) {
  auto r = parse_encounters(R"({"encounters": [{
    "id": "E1", "patient_control_number": "PCN1",
    "patient": {"last": "DOE", "first": "JANE", "birth_date": "1985-04-12", "sex": "F",
                "address": {"line1": "1 ELM ST", "city": "SPRINGFIELD", "state": "IL", "zip": "62702"}},
    "relationship": "self", "subscriber": {"member_id": "M1", "group_number": "G1"},
    "payer": "commercial", "rendering": {"last": "SMITH", "first": "ALEX", "npi": "1245319599", "credential": "LCSW"},
    "date": "2025-03-03", "start": "09:00", "end": "09:53",
    "modality": "video", "patient_at_home": true, "diagnoses": ["F33.1"],
    "services": [{"type": "psychotherapy"}, {"type": "hcpcs", "code": "H2019", "minutes": 30}],
    "authorization": "A1"}]})");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  const Encounter& e = (*r)[0];
  EXPECT_EQ(e.subscriber.last, "DOE");  // self: the patient is the subscriber
  EXPECT_EQ(e.subscriber.member_id, "M1");
  EXPECT_EQ(e.minutes_for(e.services[0]), 53);
  EXPECT_EQ(e.minutes_for(e.services[1]), 30);
  EXPECT_EQ(e.modality, Modality::telehealth_video);
  EXPECT_EQ(e.services[1].type, ServiceType::hcpcs);
  auto again = parse_encounters(to_json(*r));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(to_json(*again), to_json(*r));
}

TEST(EncounterJson, ErrorsNameTheFieldNotTheValue) {
  auto r = parse_encounters(R"([{"id": "E1", "patient": {"last": "SECRETNAME"}, "date": "2025-02-30"}])");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("encounters[0].date"), std::string::npos);
  EXPECT_EQ(r.error().message.find("2025-02-30"), std::string::npos);
  auto t = parse_encounters(R"([{"patient": {}, "date": "2025-03-03", "services": [{"type": "massage"}]}])");
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().message.find("services[0].type"), std::string::npos);
  EXPECT_FALSE(parse_encounters("not json"));
}

TEST(PracticeJson, DemoPracticeParses) {
  auto p = parse_practice(x12::test::read_file(x12::test::source_dir() / "examples/data/week/practice.json"));
  ASSERT_TRUE(p) << p.error().message;
  ASSERT_NE(p->payer("medicaid"), nullptr);
  const PayerConfig& m = *p->payer("medicaid");
  EXPECT_EQ(m.unit_rule, UnitRule::whole_units);
  EXPECT_EQ(m.authorization_level, AuthorizationLevel::line);
  EXPECT_EQ(m.credential_modifiers.at("LCSW"), "HO");
  EXPECT_EQ(p->fee(m, "H0018"), Money::parse("380"));
  EXPECT_EQ(p->fee(*p->payer("bcbs"), "H0018"), Money::parse("450"));
  EXPECT_FALSE(parse_practice(R"({"interchange": {"sender_id": "S"}})"));
}

}  // namespace
}  // namespace x12::billing::test
