// The loop tree builder: grammar-driven loop entry, nesting, unplaced
// segments kept with findings, HL checks, streaming and arena reuse.
#include <gtest/gtest.h>

#include <functional>

#include <string>
#include <vector>

#include "support/findings.hpp"
#include "support/test_support.hpp"
#include "x12/schema/loop_tree.hpp"
#include "x12/syntax/reader.hpp"
#include "x12/syntax/source.hpp"

using namespace x12;
using namespace x12::schema;
using test::replace_once;
using test::sample;

namespace {

// Builds every set of a buffer; returns a description of each tree (copied,
// since a tree lives only until the builder moves on).
struct Built {
  std::vector<std::string> trees;
  std::vector<std::vector<Finding>> findings;
};

Built build(std::string_view text, std::size_t piece = 0) {
  Built out;
  Builder b;
  b.on_complete([&](const TransactionTree& t) {
    out.trees.push_back(format_tree(t));
    out.findings.push_back(t.findings);
  });
  syntax::Segment s;
  if (piece == 0) {
    syntax::Reader r(text);
    while (r.next(s)) b.add(s);
  } else {
    syntax::StringSource src(text, piece);
    syntax::Reader r(src);
    while (r.next(s)) b.add(s);
  }
  b.finish();
  return out;
}

// Loop ids of a loop's children, in order.
std::vector<std::string> child_ids(const TreeLoop& l) {
  std::vector<std::string> out;
  for (const auto* c : l.loops) out.emplace_back(c->id);
  return out;
}

}  // namespace

TEST(LoopTree, Builds837pSampleByTheGrammar) {
  std::string text = sample("sample.837");
  syntax::Reader r(text);
  Builder b;
  syntax::Segment s;
  const TransactionTree* tree = nullptr;
  while (r.next(s))
    if (auto* t = b.add(s)) tree = t;
  ASSERT_NE(tree, nullptr);
  EXPECT_TRUE(tree->complete);
  ASSERT_NE(tree->grammar, nullptr);
  EXPECT_EQ(tree->grammar->transaction, "837");
  EXPECT_TRUE(tree->findings.empty());
  EXPECT_EQ(tree->segment_count, 49u);
  EXPECT_EQ(child_ids(*tree->root), (std::vector<std::string>{"HEADER", "2000A", "TRAILER"}));
  const TreeLoop& a = *tree->root->loops[1];
  EXPECT_EQ(child_ids(a), (std::vector<std::string>{"2010AA", "2000B", "2000B"}));
  const TreeLoop& sub1 = *a.loops[1];
  EXPECT_EQ(child_ids(sub1), (std::vector<std::string>{"2010BA", "2010BB", "2300"}));
  EXPECT_EQ(child_ids(*sub1.loops[2]), (std::vector<std::string>{"2310B", "2400", "2400"}));
  const TreeLoop& sub2 = *a.loops[2];
  EXPECT_EQ(child_ids(sub2), (std::vector<std::string>{"2010BA", "2010BB", "2000C"}));
  const TreeLoop& patient = *sub2.loops[2];
  EXPECT_EQ(child_ids(patient), (std::vector<std::string>{"2010CA", "2300"}));
  // Segments carry their definitions and positions.
  const TreeLoop& claim = *sub1.loops[2];
  ASSERT_NE(claim.find("CLM"), nullptr);
  EXPECT_EQ(claim.find("CLM")->def->name, "Claim Information");
  EXPECT_EQ(claim.find("CLM")->set_index, 19u);
  EXPECT_NE(claim.find("REF", 1, "G1"), nullptr);
  EXPECT_EQ(claim.find("REF", 1, "F8"), nullptr);
}

TEST(LoopTree, Builds835SampleByTheGrammar) {
  auto built = build(sample("sample.835"));
  ASSERT_EQ(built.trees.size(), 1u);
  EXPECT_TRUE(built.findings[0].empty());
  const std::string& t = built.trees[0];
  EXPECT_NE(t.find("1000A Payer Identification"), std::string::npos);
  EXPECT_NE(t.find("1000B Payee Identification"), std::string::npos);
  EXPECT_NE(t.find("      2110 Service Payment Information"), std::string::npos) << t;
}

TEST(LoopTree, StreamingGivesTheSameTree) {
  std::string text = sample("sample.837");
  auto whole = build(text);
  auto streamed = build(text, 7);
  EXPECT_EQ(whole.trees, streamed.trees);
}

TEST(LoopTree, KeepsUnknownSegmentsWithAFinding) {
  std::string text = replace_once(sample("sample.837"), "REF*G1*PA55012~", "REF*G1*PA55012~\nZZZ*1~");
  syntax::Reader r(text);
  Builder b;
  syntax::Segment s;
  const TransactionTree* tree = nullptr;
  while (r.next(s))
    if (auto* t = b.add(s)) tree = t;
  ASSERT_NE(tree, nullptr);
  ASSERT_EQ(tree->findings.size(), 1u);
  EXPECT_EQ(tree->findings[0].code, Code::segment_unrecognized);  // ZZZ is no X12 segment
  EXPECT_EQ(tree->findings[0].loop, "2300");
  EXPECT_EQ(tree->findings[0].where.set_index, 21u);
  bool kept = false;
  tree->for_each_loop([&](const TreeLoop& l) {
    for (const auto& seg : l.segments)
      if (seg.id() == "ZZZ") kept = seg.def == nullptr && l.id == "2300";
  });
  EXPECT_TRUE(kept);
}

TEST(LoopTree, UnexpectedSegmentStaysInItsLoop) {
  // An NM1 qualifier no loop of 2300 knows: kept in 2300, and the lines that follow still land in 2400.
  std::string text = replace_once(sample("sample.837"), "REF*G1*PA55012~", "REF*G1*PA55012~\nNM1*ZZ*1*X~");
  auto built = build(text);
  ASSERT_EQ(built.findings[0].size(), 1u);
  EXPECT_EQ(built.findings[0][0].code, Code::segment_unexpected);
  EXPECT_NE(built.trees[0].find("        2400 Service Line Number"), std::string::npos);
}

TEST(LoopTree, ChecksHlParentAndNumbering) {
  auto wrong_parent = build(replace_once(sample("sample.837"), "HL*4*3*23*0~", "HL*4*1*23*0~"));
  ASSERT_EQ(wrong_parent.findings[0].size(), 1u);
  EXPECT_EQ(wrong_parent.findings[0][0].code, Code::element_invalid_code);
  EXPECT_EQ(wrong_parent.findings[0][0].where.element, 2);
  EXPECT_EQ(wrong_parent.findings[0][0].reference, "2000C/HL02");

  auto unknown_parent = build(replace_once(sample("sample.837"), "HL*4*3*23*0~", "HL*4*9*23*0~"));
  ASSERT_EQ(unknown_parent.findings[0].size(), 1u);
  EXPECT_EQ(unknown_parent.findings[0][0].code, Code::element_invalid_code);

  auto numbering = build(replace_once(sample("sample.837"), "HL*2*1*22*0~", "HL*7*1*22*0~"));
  ASSERT_EQ(numbering.findings[0].size(), 1u);
  EXPECT_EQ(numbering.findings[0][0].code, Code::element_pattern_mismatch);
  EXPECT_TRUE(numbering.findings[0][0].value.empty());  // values only when asked
}

TEST(LoopTree, SetWithoutGrammarIsKeptFlat) {
  auto built = build(replace_once(sample("sample.837"), "ST*837*0001*005010X222A1~", "ST*278*0001*005010X217~"));
  ASSERT_EQ(built.trees.size(), 1u);
  EXPECT_NE(built.trees[0].find("no grammar"), std::string::npos);
  EXPECT_TRUE(built.findings[0].empty());
}

TEST(LoopTree, SetWithoutSeIsReturnedAtTheNextEnvelope) {
  std::string text = sample("sample.837");
  text = replace_once(text, "SE*49*0001~", "");
  syntax::Reader r(text);
  Builder b;
  syntax::Segment s;
  int trees = 0;
  bool complete = true;
  while (r.next(s))
    if (auto* t = b.add(s)) {
      ++trees;
      complete = t->complete;
    }
  EXPECT_EQ(b.finish(), nullptr);
  EXPECT_EQ(trees, 1);
  EXPECT_FALSE(complete);
}

TEST(LoopTree, ArenaCapacityIsReusedAcrossSets) {
  std::string one = sample("sample.837");
  // Ten interchanges, one after another.
  std::string text;
  for (int i = 0; i < 10; ++i) text += one;
  syntax::Reader r(text);
  Builder b;
  syntax::Segment s;
  std::vector<std::size_t> capacity;
  while (r.next(s))
    if (b.add(s)) capacity.push_back(b.arena_capacity());
  ASSERT_EQ(capacity.size(), 10u);
  EXPECT_EQ(capacity[3], capacity[9]);  // no growth once both arenas have seen a set
}

TEST(LoopTree, BorrowedInputIsViewedWhereItStands) {
  const std::string text = sample("sample.837");
  auto inside = [&](std::string_view v) {
    return std::less_equal<const char*>()(text.data(), v.data()) &&
           std::less_equal<const char*>()(v.data() + v.size(), text.data() + text.size());
  };
  for (bool borrow : {false, true}) {
    syntax::Reader r(text);
    Builder b;
    b.borrow_input(borrow);
    const TransactionTree* tree = nullptr;
    for (syntax::Segment s; r.next(s);)
      if (auto* t = b.add(s)) tree = t;
    ASSERT_NE(tree, nullptr);
    std::size_t segments = 0, in_input = 0;
    tree->for_each_loop([&](const TreeLoop& l) {
      for (const auto& seg : l.segments) {
        ++segments;
        in_input += inside(seg.segment.content()) ? 1 : 0;
        EXPECT_EQ(text.substr(seg.offset, seg.segment.content().size()), seg.segment.content());
      }
    });
    EXPECT_GT(segments, 10u);
    EXPECT_EQ(in_input, borrow ? segments : 0u) << "borrow_input(" << borrow << ")";
  }
}

TEST(LoopTree, TwoTreesAliveAtOnce) {
  // A tree stays valid while the next set is being built.
  std::string text = sample("sample.837") + sample("sample.837");
  syntax::Reader r(text);
  Builder b;
  syntax::Segment s;
  const TransactionTree* first = nullptr;
  std::string before;
  while (r.next(s)) {
    auto* t = b.add(s);
    if (t && !first) {
      first = t;
      before = format_tree(*t);
    } else if (t) {
      EXPECT_EQ(format_tree(*first), before);
      EXPECT_EQ(format_tree(*t), before);
    }
  }
}
