#include "x12/schema/registry.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/test_support.hpp"

namespace x12::schema {
namespace {

TEST(Registry, EmbedsEveryGrammarFile) {
  auto files = embedded_grammar_files();
  auto has = [&](std::string_view name) {
    for (const auto& f : files)
      if (f.name == name) return !f.text.empty();
    return false;
  };
  EXPECT_TRUE(has("elements.x12d"));
  EXPECT_TRUE(has("codes.x12c"));
  EXPECT_TRUE(has("registry.x12r"));
  EXPECT_TRUE(has("835.005010X221A1.x12g"));
  EXPECT_TRUE(has("999.005010X231A1.x12g"));
}

TEST(Registry, EmbeddedTextMatchesSourceTree) {
  for (const auto& f : embedded_grammar_files()) {
    auto on_disk = test::read_file(test::source_dir() / "grammars" / std::string(f.name));
    EXPECT_EQ(on_disk, f.text) << f.name << " is stale: rebuild to re-embed it";
  }
}

TEST(Registry, FindsThe837pGrammarForEveryX222Version) {
  const Registry& reg = Registry::builtin();
  for (std::string_view v : {"005010X222A1", "005010X222", "005010X222A2"}) {
    const Grammar* g = reg.find(v, "837", v);
    ASSERT_NE(g, nullptr) << v;
    EXPECT_EQ(g->version, "005010X222A1");
    EXPECT_EQ(g->transaction, "837");
    EXPECT_EQ(g->group, "HC");
  }
}

TEST(Registry, GrammarKnowsEverySegmentIdItDefines) {
  const Registry& r = Registry::builtin();
  const Grammar* claims = r.find("005010X222A1", "837");
  const Grammar* remits = r.find("005010X221A1", "835");
  ASSERT_NE(claims, nullptr);
  ASSERT_NE(remits, nullptr);
  // Nested deep (2430 CAS, 2320 AMT) as well as at the top (BHT).
  for (std::string_view id : {"BHT", "HL", "SV1", "CAS", "AMT", "PWK", "SE"})
    EXPECT_TRUE(claims->defines(pack_segment_id(id))) << id;
  for (std::string_view id : {"BPR", "CLP", "SVC", "PLB"}) {
    EXPECT_FALSE(claims->defines(pack_segment_id(id))) << id << " is an 835 segment";
    EXPECT_TRUE(remits->defines(pack_segment_id(id))) << id;
  }
  EXPECT_FALSE(remits->defines(pack_segment_id("SV1")));
  EXPECT_FALSE(claims->defines(0));
}

TEST(Registry, FindsThe835And999Grammars) {
  const Registry& reg = Registry::builtin();
  for (std::string_view v : {"005010X221A1", "005010X221"}) {
    const Grammar* g = reg.find(v, "835");  // 835s often omit ST03
    ASSERT_NE(g, nullptr) << v;
    EXPECT_EQ(g->version, "005010X221A1");
  }
  for (std::string_view v : {"005010X231A1", "005010X231"}) {
    const Grammar* g = reg.find(v, "999", v);
    ASSERT_NE(g, nullptr) << v;
    EXPECT_EQ(g->version, "005010X231A1");
    EXPECT_EQ(g->transaction, "999");
  }
}

TEST(Registry, PrefersSt03AndFallsBackToGs08) {
  const Registry& reg = Registry::builtin();
  // ST03 known: it decides even if GS08 is odd.
  EXPECT_NE(reg.find("005010XBOGUS", "835", "005010X221A1"), nullptr);
  // ST03 unknown: GS08 decides.
  EXPECT_NE(reg.find("005010X221A1", "835", "005010XBOGUS"), nullptr);
  EXPECT_EQ(reg.find("005010XBOGUS", "835", "005010XBOGUS"), nullptr);
  // The version must belong to the transaction.
  EXPECT_EQ(reg.find("005010X221A1", "837", "005010X221A1"), nullptr);
  EXPECT_EQ(reg.find("005010X222A1", "270"), nullptr);
  EXPECT_EQ(reg.find("004010X098A1", "837"), nullptr);
}

TEST(Registry, RegistersACompanionGuideVariant) {
  auto reg = Registry::from_embedded();
  ASSERT_TRUE(reg.has_value()) << reg.error().message;
  constexpr std::string_view kVariant = R"(
grammar "999-ACME" transaction 999 group FA version 005010X231A1 "Acme's 999"
loop HEADER "Header" R 1 {
  segment ST "Transaction Set Header" R 1 { ST01 143 R codes { 999 } ST02 329 R ST03 1705 R }
  segment AK1 "Functional Group Response Header" R 1 { AK101 479 R AK102 28 R AK103 480 R }
  segment AK9 "Functional Group Response Trailer" R 1 { AK901 715 R AK902 97 R AK903 123 R AK904 2 R }
}
loop TRAILER "Trailer" R 1 { segment SE "Transaction Set Trailer" R 1 { SE01 96 R SE02 329 R } }
)";
  std::vector<std::string> aliases{"005010X231ACME"};
  auto g = reg->load_and_add(kVariant, "acme-999.x12g", aliases);
  ASSERT_TRUE(g.has_value()) << g.error().message;
  EXPECT_EQ(reg->find("005010X231A1", "999", "005010X231A1")->name, "999-ACME");  // replaced
  EXPECT_EQ(reg->find("005010X231ACME", "999")->name, "999-ACME");
  EXPECT_EQ(reg->find("005010X231", "999")->name, "999");  // the alias still finds the embedded one
  // The shared registry is untouched.
  EXPECT_EQ(Registry::builtin().find("005010X231A1", "999")->name, "999");
}

TEST(Registry, ReportsAVariantThatDoesNotLoad) {
  auto reg = Registry::from_embedded();
  ASSERT_TRUE(reg.has_value());
  auto g = reg->load_and_add("grammar \"X\" transaction 999 group FA version V\nloop A \"a\" R 1 {\n  oops\n}\n",
                             "bad.x12g");
  ASSERT_FALSE(g.has_value());
  EXPECT_EQ(g.error().code, make_error_code(errc::grammar_syntax));
  EXPECT_EQ(g.error().message.rfind("bad.x12g:3:3:", 0), 0U) << g.error().message;
  EXPECT_EQ(reg->find("V", "999"), nullptr);
}

TEST(Registry, LoadsFromADirectory) {
  auto reg = Registry::from_directory(test::source_dir() / "grammars");
  ASSERT_TRUE(reg.has_value()) << reg.error().message;
  EXPECT_NE(reg->find("005010X221A1", "835"), nullptr);
  EXPECT_GE(reg->keys().size(), 7U);
}

TEST(Registry, ReportsAMissingDirectory) {
  auto reg = Registry::from_directory("/nonexistent/grammars");
  ASSERT_FALSE(reg.has_value());
  EXPECT_EQ(reg.error().code, make_error_code(errc::file_unreadable));
}

}  // namespace
}  // namespace x12::schema
