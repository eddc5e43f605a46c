// A file cut into parts at its sets (scan_envelope, validate_range) gives,
// put back together, the findings and sets validate() gives for the whole
// file: the envelope checks that span the cuts (set and group counts,
// duplicate control numbers) resume from what the parts before left.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "x12/schema/validate_range.hpp"
#include "x12/schema/validator.hpp"
#include "x12/testdata/generator.hpp"

namespace x12::schema {
namespace range_test {

// One line per finding and set: what the JSON report shows of them.
std::vector<std::string> lines(const Report& r, std::uint64_t offset = 0, std::uint64_t segments = 0) {
  std::vector<std::string> out;
  for (const auto& f : r.diagnostics.all())
    out.push_back(std::string(info(f.code).name) + " @" + std::to_string(f.where.offset + offset) + " #" +
                  std::to_string(f.where.segment_index ? f.where.segment_index + segments : 0) + " " + f.message);
  for (const auto* s : r.sets())
    out.push_back("set " + s->control + " @" + std::to_string(s->offset + offset) + " " + std::to_string(s->errors));
  return out;
}

struct Part {
  std::uint64_t begin = 0, end = 0, isa = 0, gs = 0;
  bool cut_at_set = false, open_at_end = false;
  syntax::EnvelopeResume resume;
};

std::string segment_at(const std::string& text, std::uint64_t at) {
  return text.substr(at, text.find("~\n", at) + 2 - at);
}

// Cuts after every `every` sets of the group, as x12.dask's plan does.
std::vector<Part> plan(const std::string& text, std::size_t every) {
  std::vector<Part> parts(1);
  std::vector<std::string> isas, groups, sets;
  std::uint64_t isa = 0, gs = 0;
  bool in_gs = false, in_st = false;
  std::size_t since = 0;
  for (const auto& m : scan_envelope(text, 0, 0, text.size(), '*', '~')) {
    using K = EnvelopeMark::Kind;
    if (m.kind == K::st && in_gs && !in_st && since >= every) {
      parts.back().end = m.offset;
      parts.back().open_at_end = true;
      Part p;
      p.begin = m.offset;
      p.isa = isa;
      p.gs = gs;
      p.cut_at_set = true;
      p.resume.interchange_controls = isas;
      p.resume.group_controls = groups;
      p.resume.set_controls = sets;
      p.resume.groups = groups.size();
      p.resume.sets = sets.size();
      parts.push_back(p);
      since = 0;
    }
    switch (m.kind) {
      case K::isa: isa = m.offset, isas.push_back(m.control), groups.clear(); break;
      case K::gs: gs = m.offset, in_gs = true, groups.push_back(m.control), sets.clear(); break;
      case K::st: in_st = true, sets.push_back(m.control), ++since; break;
      case K::se: in_st = false; break;
      case K::ge: in_gs = in_st = false; break;
      case K::iea: in_gs = in_st = false; break;
    }
  }
  parts.back().end = text.size();
  return parts;
}

TEST(ValidateRange, PartsCutAtSetsGiveTheWholeFilesFindings) {
  testdata::Options o;
  o.claims = 120;
  o.max_claims_per_set = 4;
  o.delimiters.line_break = syntax::LineBreak::lf;
  std::string text;
  testdata::generate(o, text);
  // A set control number used again far from the first, and a GE01 one too high.
  const auto st = text.find("ST*837*", text.size() * 3 / 4);
  ASSERT_NE(st, std::string::npos);
  const auto control = text.find('*', st + 3) + 1;
  const std::string first_control = text.substr(text.find("ST*837*") + 7, 4);
  text.replace(control, 4, first_control);
  const auto ge = text.rfind("GE*");
  text.replace(ge + 3, text.find('*', ge + 3) - ge - 3, "999");

  const Report whole = validate(text);
  const auto expected = lines(whole);
  ASSERT_GE(whole.diagnostics.all().size(), 2u);
  for (std::size_t every : {1u, 3u, 7u}) {
    const auto parts = plan(text, every);
    ASSERT_GT(parts.size(), 2u);
    std::vector<std::string> got;
    std::uint64_t segments = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const Part& p = parts[i];
      std::string prologue;
      if (p.cut_at_set) prologue = segment_at(text, p.isa) + segment_at(text, p.gs);
      RangeContext c;
      c.prologue = prologue;
      c.resume = p.resume;
      c.open_at_end = p.open_at_end;
      c.last = i + 1 == parts.size();
      const RangeReport r = validate_range(std::string_view(text).substr(p.begin, p.end - p.begin), c);
      EXPECT_TRUE(r.clean) << "part " << i;
      for (auto& line : lines(r.report, p.begin, segments)) got.push_back(line);
      segments += r.report.segments;
    }
    // Findings first, then sets, as lines() lists a whole report.
    std::stable_partition(got.begin(), got.end(), [](const std::string& l) { return l.rfind("set ", 0) != 0; });
    EXPECT_EQ(got, expected) << "a cut every " << every << " sets";
    EXPECT_EQ(segments, whole.segments);
  }
}

// A part that ends with a set left open (no SE before the cut) says so, so
// the caller validates the file in one piece.
TEST(ValidateRange, AnOpenSetAtTheCutIsNotClean) {
  testdata::Options o;
  o.claims = 12;
  o.max_claims_per_set = 2;
  o.delimiters.line_break = syntax::LineBreak::lf;
  std::string text;
  testdata::generate(o, text);
  const auto second_st = text.find("ST*837*", text.find("ST*837*") + 1);
  RangeContext c;
  c.open_at_end = true;
  const std::string part = text.substr(0, second_st);
  const auto se = part.rfind("SE*");
  EXPECT_TRUE(validate_range(part, c).clean);
  EXPECT_FALSE(validate_range(part.substr(0, se), c).clean);
}

}  // namespace range_test
}  // namespace x12::schema
