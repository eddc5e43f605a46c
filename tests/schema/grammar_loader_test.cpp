#include "x12/schema/grammar_loader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/test_support.hpp"

namespace x12::schema {
namespace {

constexpr std::string_view kDictionary = R"(
# a comment
element 98   ID 2 3   "Entity Identifier Code"
element 66   ID 1 2   "Identification Code Qualifier"
element 67   AN 2 80  "Identification Code"
element 1035 AN 1 60  "Name Last or Organization Name"
element 1065 ID 1 1   "Entity Type Qualifier"
element 143  ID 3 3   "Transaction Set Identifier Code"
element 329  AN 4 9   "Transaction Set Control Number"
element 96   N0 1 10  "Number of Included Segments"
element 782  R  1 18  "Monetary Amount"
element 1331 AN 1 2   "Facility Code Value"
element 1332 ID 1 2   "Facility Code Qualifier"
element C023 composite "Health Care Service Location Information"
)";

constexpr std::string_view kCodes = R"(
codes place_of_service "Place of Service" { 11 02 10 }
codes carc "Claim Adjustment Reason Codes" external
)";

constexpr std::string_view kGrammar = R"(grammar "T" transaction 123 group ZZ version 005010TEST "Test"
loop HEADER "Header" R 1 {
  segment ST "Transaction Set Header" R 1 {
    ST01 143 R codes { 123 }
    ST02 329 R
  }
  loop 1000A "Payer" S >1 {
    segment NM1 "Payer Name" R 1 when NM101 = PR, 41 and NM102 = 2 {
      NM101 98   R codes { PR 41 }
      NM102 1065 R codes { 2 }
      NM103 1035 R length 1 35
      NM108 66   S codes { PI XV }
      NM109 67   S
      rule P0809
    }
    segment CLM "Claim" S 1 {
      CLM02 782 R
      CLM05 C023 R {
        CLM05-01 1331 R codes @place_of_service
        CLM05-02 1332 R codes { B }
      }
    }
  }
}
loop TRAILER "Trailer" R 1 {
  segment SE "Transaction Set Trailer" R 1 {
    SE01 96  R
    SE02 329 R
  }
}
)";

GrammarSet base_set() {
  GrammarSet set;
  EXPECT_TRUE(set.add_dictionary(kDictionary, "t.x12d").has_value());
  EXPECT_TRUE(set.add_code_lists(kCodes, "t.x12c").has_value());
  return set;
}

TEST(GrammarLoader, LoadsDictionaryAndCodeLists) {
  GrammarSet set = base_set();
  EXPECT_EQ(set.dictionary().size(), 12U);
  const ElementDef* d = set.dictionary().find("67");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->type, ElementType::AN);
  EXPECT_EQ(d->min_length, 2);
  EXPECT_EQ(d->max_length, 80);
  EXPECT_TRUE(set.dictionary().find("C023")->composite);

  auto pos = set.code_lists().find("place_of_service");
  ASSERT_TRUE(pos);
  EXPECT_TRUE(pos->contains("02"));
  EXPECT_TRUE(pos->contains("11"));
  EXPECT_FALSE(pos->contains("1"));
  EXPECT_FALSE(pos->contains("99"));
  auto carc = set.code_lists().find("carc");
  ASSERT_TRUE(carc);
  EXPECT_TRUE(carc->open());
  EXPECT_TRUE(carc->contains("anything"));
}

TEST(GrammarLoader, LoadsLoopsSegmentsAndElements) {
  GrammarSet set = base_set();
  auto g = set.add_grammar(kGrammar, "t.x12g");
  ASSERT_TRUE(g.has_value()) << g.error().message;
  const Grammar& grammar = **g;
  EXPECT_EQ(grammar.name, "T");
  EXPECT_EQ(grammar.transaction, "123");
  EXPECT_EQ(grammar.group, "ZZ");
  EXPECT_EQ(grammar.version, "005010TEST");
  ASSERT_EQ(grammar.loops.size(), 2U);

  const LoopDef* payer = grammar.find_loop("1000A");
  ASSERT_NE(payer, nullptr);
  EXPECT_EQ(payer, grammar.find_loop("HEADER/1000A"));
  EXPECT_EQ(payer->usage, Usage::situational);
  EXPECT_EQ(payer->repeat, 0U);
  EXPECT_EQ(payer->trigger().id, "NM1");

  const SegmentDef& nm1 = payer->trigger();
  ASSERT_EQ(nm1.when.size(), 2U);
  EXPECT_EQ(nm1.when[0].position, 1);
  EXPECT_TRUE(nm1.when[0].matches("PR"));
  EXPECT_TRUE(nm1.when[0].matches("41"));
  EXPECT_FALSE(nm1.when[0].matches("QC"));
  ASSERT_EQ(nm1.rules.size(), 1U);
  EXPECT_EQ(nm1.rules[0].kind, SyntaxRule::Kind::paired);
  EXPECT_EQ(nm1.rules[0].text(), "P0809");

  const GrammarElement* nm103 = nm1.find_element(3);
  ASSERT_NE(nm103, nullptr);
  EXPECT_EQ(nm103->max_length, 35);  // overridden
  EXPECT_EQ(nm103->number, "1035");
  EXPECT_EQ(nm1.find_element(4), nullptr);  // not listed: not used
  EXPECT_EQ(nm1.max_position(), 9U);

  const SegmentDef& clm = payer->segments[1];
  const GrammarElement* clm05 = clm.find_element(5);
  ASSERT_NE(clm05, nullptr);
  EXPECT_TRUE(clm05->composite);
  ASSERT_EQ(clm05->components.size(), 2U);
  EXPECT_EQ(clm05->find_component(1)->codes->name(), "place_of_service");
  EXPECT_TRUE(clm05->find_component(2)->codes->contains("B"));
}

TEST(GrammarLoader, IndexesCandidatesBySegmentId) {
  GrammarSet set = base_set();
  auto g = set.add_grammar(kGrammar, "t.x12g");
  ASSERT_TRUE(g.has_value()) << g.error().message;
  const LoopDef& header = (*g)->loops[0];
  auto nm1 = header.candidates("NM1");
  ASSERT_EQ(nm1.size(), 1U);
  EXPECT_EQ(header.children[nm1[0]].kind, LoopChild::Kind::loop);
  EXPECT_EQ(header.candidates(pack_segment_id("ST")).size(), 1U);
  EXPECT_TRUE(header.candidates("CLM").empty());  // inside 1000A, not a trigger
  EXPECT_TRUE(header.candidates("ZZZ").empty());
}

TEST(GrammarLoader, PacksSegmentIds) {
  EXPECT_NE(pack_segment_id("ST"), pack_segment_id("STX"));
  EXPECT_EQ(pack_segment_id("st"), 0U);
  EXPECT_EQ(pack_segment_id("ABCD"), 0U);
  EXPECT_EQ(pack_segment_id("A"), 0U);
  static_assert(pack_segment_id("NM1") == (('N' << 16) | ('M' << 8) | '1'));
}

TEST(GrammarLoader, ReportsLineAndColumn) {
  GrammarSet set = base_set();
  std::string bad(kGrammar);
  bad.replace(bad.find("ST02 329 R"), 10, "ST02 329 Q");
  auto g = set.add_grammar(bad, "bad.x12g");
  ASSERT_FALSE(g.has_value());
  EXPECT_EQ(g.error().code, make_error_code(errc::grammar_syntax));
  EXPECT_EQ(g.error().message.rfind("bad.x12g:5:14: expected a usage (R, S or N)", 0), 0U) << g.error().message;
}

TEST(GrammarLoader, ReportsMissingBrace) {
  GrammarSet set = base_set();
  auto g = set.add_grammar("grammar \"T\" transaction 1 group X version V\nloop A \"a\" R 1 {\n", "x.x12g");
  ASSERT_FALSE(g.has_value());
  EXPECT_EQ(g.error().message.rfind("x.x12g:3:1: expected", 0), 0U) << g.error().message;
}

TEST(GrammarLoader, ReportsUnknownElementNumber) {
  GrammarSet set = base_set();
  std::string bad(kGrammar);
  bad.replace(bad.find("SE01 96"), 7, "SE01 9x");
  auto g = set.add_grammar(bad, "bad.x12g");
  ASSERT_FALSE(g.has_value());
  EXPECT_EQ(g.error().code, make_error_code(errc::grammar_reference));
  EXPECT_NE(g.error().message.find("unknown data element number 9x"), std::string::npos) << g.error().message;
  EXPECT_EQ(g.error().message.rfind("bad.x12g:27:10:", 0), 0U) << g.error().message;
}

TEST(GrammarLoader, ReportsUnknownCodeList) {
  GrammarSet set = base_set();
  std::string bad(kGrammar);
  bad.replace(bad.find("@place_of_service"), 17, "@nowhere");
  auto g = set.add_grammar(bad, "bad.x12g");
  ASSERT_FALSE(g.has_value());
  EXPECT_NE(g.error().message.find("unknown code list @nowhere"), std::string::npos) << g.error().message;
}

TEST(GrammarLoader, ReportsDuplicates) {
  GrammarSet set = base_set();
  auto d = set.add_dictionary("element 98 ID 2 3 \"again\"", "dup.x12d");
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().message, "dup.x12d:1:9: duplicate definition of data element 98");
  EXPECT_EQ(set.dictionary().size(), 12U);  // nothing added

  auto c = set.add_code_lists("codes carc \"again\" { 1 }", "dup.x12c");
  ASSERT_FALSE(c.has_value());
  EXPECT_NE(c.error().message.find("duplicate definition of code list @carc"), std::string::npos);

  std::string bad(kGrammar);
  bad.replace(bad.find("ST02 329 R"), 10, "ST01 329 R");
  auto g = set.add_grammar(bad, "bad.x12g");
  ASSERT_FALSE(g.has_value());
  EXPECT_NE(g.error().message.find("duplicate definition of ST01"), std::string::npos) << g.error().message;
}

TEST(GrammarLoader, RejectsElementOfAnotherSegment) {
  GrammarSet set = base_set();
  std::string bad(kGrammar);
  bad.replace(bad.find("ST02 329 R"), 10, "SE02 329 R");
  auto g = set.add_grammar(bad, "bad.x12g");
  ASSERT_FALSE(g.has_value());
  EXPECT_NE(g.error().message.find("not an element of segment ST"), std::string::npos) << g.error().message;
}

TEST(GrammarLoader, RejectsLoopWithoutTriggerSegment) {
  GrammarSet set = base_set();
  auto g = set.add_grammar(
      "grammar \"T\" transaction 1 group X version V\n"
      "loop A \"a\" R 1 { loop B \"b\" R 1 { segment SE \"s\" R 1 { SE01 96 R } } }\n",
      "x.x12g");
  ASSERT_FALSE(g.has_value());
  EXPECT_EQ(g.error().message, "x.x12g:2:6: loop A must start with a segment (its trigger)");
}

TEST(GrammarLoader, RejectsBadSyntaxRule) {
  GrammarSet set = base_set();
  std::string bad(kGrammar);
  bad.replace(bad.find("P0809"), 5, "Q0809");
  auto g = set.add_grammar(bad, "bad.x12g");
  ASSERT_FALSE(g.has_value());
  EXPECT_NE(g.error().message.find("'Q0809' is not a syntax rule"), std::string::npos) << g.error().message;
}

TEST(GrammarLoader, ReadsRegistryEntries) {
  auto r = load_registry_entries(
      "# c\ngrammar a.x12g transaction 837 versions 005010X222A1 005010X222\n"
      "grammar b.x12g transaction 835 versions 005010X221A1\n",
      "r.x12r");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->size(), 2U);
  EXPECT_EQ((*r)[0].file, "a.x12g");
  EXPECT_EQ((*r)[0].versions.size(), 2U);
  EXPECT_EQ((*r)[1].transaction, "835");
}

TEST(GrammarLoader, ReportsUnreadableFile) {
  GrammarSet set;
  auto r = set.add_dictionary_file("/nonexistent/elements.x12d");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, make_error_code(errc::file_unreadable));
}

// Every file in grammars/ loads (what the library embeds, read from the source tree).
TEST(GrammarLoader, LoadsProjectGrammarFiles) {
  namespace fs = std::filesystem;
  fs::path dir = test::source_dir() / "grammars";
  GrammarSet set;
  ASSERT_TRUE(set.add_dictionary_file(dir / "elements.x12d").has_value());
  for (const auto& f : test::files_in(dir))
    if (f.extension() == ".x12c") {
      auto r = set.add_code_lists_file(f);
      ASSERT_TRUE(r.has_value()) << r.error().message;
    }
  for (const auto& f : test::files_in(dir))
    if (f.extension() == ".x12g") {
      auto g = set.add_grammar_file(f);
      EXPECT_TRUE(g.has_value()) << g.error().message;
    }
}

}  // namespace
}  // namespace x12::schema
