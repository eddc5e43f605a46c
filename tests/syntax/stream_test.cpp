#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "syntax/fixtures.hpp"
#include "syntax/structure.hpp"

using namespace x12;
using namespace x12::syntax;

namespace {

struct Streamed {
  test::Structure segments;
  std::vector<std::uint64_t> offsets;
  std::string round_trip;
  bool stopped = false;
};

Streamed stream(std::string_view text, std::size_t piece, std::size_t chunk) {
  StringSource source(text, piece);
  ReaderOptions options;
  options.chunk_size = chunk;
  Reader reader(source, options);
  Streamed r;
  std::string out;
  Writer w(out, Delimiters{});
  w.set_line_breaks(false);
  Segment s;
  while (reader.next(s)) {
    r.segments.push_back(test::normalise(s));
    r.offsets.push_back(s.offset());
    if (s.is("ISA")) w.set_delimiters(s.delimiters());
    w.write_gap(s.gap());
    w.write(s);
  }
  w.write_gap(reader.trailing());
  r.round_trip = out;
  r.stopped = reader.stop() != nullptr;
  return r;
}

void expect_same_as_buffer(std::string_view text, const std::string& what) {
  Reader buffer_reader(text);
  std::vector<std::uint64_t> offsets;
  test::Structure expected;
  Segment s;
  while (buffer_reader.next(s)) {
    expected.push_back(test::normalise(s));
    offsets.push_back(s.offset());
  }
  for (std::size_t piece : {1, 2, 7, 4096}) {
    for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{4096}}) {
      auto r = stream(text, piece, chunk);
      EXPECT_EQ(r.segments, expected) << what << " piece " << piece << " chunk " << chunk;
      EXPECT_EQ(r.offsets, offsets) << what << " piece " << piece;
      if (!buffer_reader.stop()) {
        EXPECT_EQ(r.round_trip, text) << what << " piece " << piece << " chunk " << chunk;
      }
    }
  }
}

}  // namespace

TEST(StreamReader, ChunkSeamsGiveTheSameSegments) {
  expect_same_as_buffer(test::tiny_interchange(), "tiny");
  expect_same_as_buffer("\xEF\xBB\xBF" + test::tiny_interchange("\r\n  ") + test::tiny_interchange("\n"), "two");
  std::string unterminated = test::tiny_interchange();
  unterminated.pop_back();
  expect_same_as_buffer(unterminated, "unterminated");
}

TEST(StreamReader, SampleDataGivesTheSameSegments) {
  for (const char* name : {"sample.837", "sample.835"}) {
    auto text = test::read_file(test::source_dir() / "examples" / "data" / name);
    ASSERT_FALSE(text.empty()) << name;
    expect_same_as_buffer(text, name);
  }
}

TEST(StreamReader, OverLongSegmentIsSkippedWithBoundedMemory) {
  std::string text = test::kIsa + "GS*HC*A*B*20250101*1200*1*X*005010X222A1~ST*837*0001~NTE*ADD*" +
                     std::string(200000, 'X') + "~SE*2*0001~GE*1*1~IEA*1*000000001~";
  StringSource source(text, 4096);
  ReaderOptions options;
  options.max_segment_length = 10000;
  options.chunk_size = 4096;
  Reader reader(source, options);
  auto r = test::read_all(reader);
  EXPECT_TRUE(test::has_code(r.findings, Code::segment_too_long));
  EXPECT_EQ(r.segments.size(), 6u);
  EXPECT_FALSE(r.findings.has_errors() && !test::has_code(r.findings, Code::segment_too_long));
}
