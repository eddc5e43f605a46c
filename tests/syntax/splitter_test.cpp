// syntax::Splitter: transaction-set units with their envelope, positions
// that map back to the input, and OrderedPool keeping results in order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fixtures.hpp"
#include "x12/syntax/splitter.hpp"

namespace x12::syntax {
namespace {

const std::string kTwoSets = test::kIsa + "\nGS*HC*SENDER*RECEIVER*20250101*1200*1*X*005010X222A1~\n" +
                             "ST*837*0001*005010X222A1~\nBHT*0019*00*B1*20250101*1200*CH~\nSE*3*0001~\n" +
                             "ST*837*0002*005010X222A1~\r\nBHT*0019*00*B2*20250101*1200*CH~\n  SE*3*0002~\n" +
                             "GE*2*1~\nIEA*1*000000001~\n";

std::vector<Unit> split_all(std::string_view text) {
  Reader reader(text);
  Splitter split;
  std::vector<Unit> units;
  Unit u;
  while (split.next(reader, u)) units.push_back(u);
  return units;
}

TEST(Splitter, YieldsOneUnitPerSetWithItsEnvelope) {
  auto units = split_all(kTwoSets);
  ASSERT_EQ(units.size(), 2u);
  for (std::size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    EXPECT_EQ(u.sequence, i);
    EXPECT_TRUE(u.complete);
    EXPECT_EQ(u.header_segments, 2u);
    EXPECT_TRUE(u.bytes.starts_with("ISA*00*"));
    EXPECT_NE(u.bytes.find("~GS*HC*"), std::string::npos);
    EXPECT_EQ(u.segments, 3u);
    // The set's bytes are the input's, gaps included, from its ST to its SE terminator.
    EXPECT_EQ(u.set_bytes(), std::string_view(kTwoSets).substr(u.offset, u.set_bytes().size()));
    EXPECT_TRUE(u.set_bytes().ends_with("~"));
  }
  EXPECT_EQ(units[0].segment_index, 3u);
  EXPECT_EQ(units[1].segment_index, 6u);
}

TEST(Splitter, PositionsReadFromAUnitMapBackToTheInput) {
  auto units = split_all(kTwoSets);
  ASSERT_EQ(units.size(), 2u);
  const Unit& u = units[1];
  Reader reader(std::string_view(u.bytes));
  std::vector<std::pair<std::uint64_t, std::uint64_t>> local;
  for (Segment s; reader.next(s);) local.emplace_back(s.offset(), s.index());
  Reader whole(kTwoSets);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> input;
  for (Segment s; whole.next(s);) input.emplace_back(s.offset(), s.index());
  ASSERT_EQ(local.size(), 5u);  // ISA, GS, ST, BHT, SE
  for (std::size_t k = 2; k < local.size(); ++k) {
    EXPECT_EQ(u.input_offset(local[k].first), input[3 + k].first);
    EXPECT_EQ(u.input_index(local[k].second), input[3 + k].second);
  }
}

TEST(Splitter, PositionsAfterSkippedSegmentsMapBackToTheInput) {
  // Three segments over the reader's length limit: one alone, two in a row.
  const std::string big = std::string(60, 'X');
  const std::string text = test::kIsa + "GS*HC*SENDER*RECEIVER*20250101*1200*1*X*005010X222A1~" +
                           "ST*837*0001*005010X222A1~BHT*0019~NTE*ADD*" + big + "~REF*EA*1~NTE*ADD*" + big +
                           "~NTE*ADD*" + big + "~REF*EA*2~SE*8*0001~GE*1*1~IEA*1*000000001~";
  ReaderOptions options;
  options.max_segment_length = 64;  // the GS (60 bytes) stays
  Reader whole(text, options);
  Splitter split;
  Unit u;
  ASSERT_TRUE(split.next(whole, u));
  EXPECT_EQ(u.segments, 8u);                                    // ST..SE as in the input, the skipped NTEs included
  EXPECT_EQ(u.skipped, (std::vector<std::uint32_t>{3, 4, 4}));  // read-back set positions of the REFs after them
  Reader input(text, options);
  std::vector<Position> expected;
  for (Segment s; input.next(s);)
    if (s.set_index() > 0) expected.push_back(s.position());
  Reader back(std::string_view(u.bytes));
  std::vector<Position> mapped;
  for (Segment s; back.next(s);) {
    Position p = s.position();
    u.to_input(p);
    if (p.set_index > 0) mapped.push_back(p);
  }
  ASSERT_EQ(mapped.size(), expected.size());
  for (std::size_t k = 0; k < mapped.size(); ++k) {
    EXPECT_EQ(mapped[k].offset, expected[k].offset) << k;
    EXPECT_EQ(mapped[k].segment_index, expected[k].segment_index) << k;
    EXPECT_EQ(mapped[k].set_index, expected[k].set_index) << k;
  }
  EXPECT_EQ(expected.back().set_index, 8u);  // the SE, where SE01 says
}

TEST(Splitter, ASetWithoutSeClosesAtTheNextEnvelopeSegment) {
  std::string text = test::kIsa + "GS*HC*S*R*20250101*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~BHT*0019~GE*1*1~" +
                     "IEA*1*000000001~";
  auto units = split_all(text);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_FALSE(units[0].complete);
  EXPECT_EQ(units[0].segments, 2u);
  EXPECT_EQ(units[0].set_bytes(), "ST*837*0001*005010X222A1~BHT*0019~");
}

TEST(OrderedPool, DeliversResultsInSubmissionOrder) {
  std::vector<int> got;
  {
    OrderedPool<int, int> pool(
        3, [](int& x) { return x * 2; }, [&](int& r) { got.push_back(r); }, 4);
    for (int i = 0; i < 100; ++i) pool.submit(i);
    pool.close();
  }
  ASSERT_EQ(got.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(got[static_cast<std::size_t>(i)], 2 * i);
}

}  // namespace
}  // namespace x12::syntax
