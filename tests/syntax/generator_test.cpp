// The seeded generator (tests/generator): its output reads back through the
// syntax layer with no errors, with any delimiters, line breaks and
// envelope counts; its sidecar matches what is in the file; it is
// deterministic; and its 837P/835 content keeps the guides' balancing rules.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "x12/syntax/envelope.hpp"
#include "x12/syntax/reader.hpp"
#include "x12/syntax/source.hpp"
#include "x12/syntax/writer.hpp"
#include "x12/testdata/generator.hpp"

namespace {

using x12::Money;
using x12::syntax::Delimiters;
using x12::syntax::LineBreak;
using x12::syntax::Reader;
using x12::syntax::Segment;
using x12::testdata::Kind;
using x12::testdata::Options;
using x12::testdata::Truth;

const std::vector<Delimiters> kDelimiterSets{
    {'*', '^', ':', '~', LineBreak::none},
    {'|', '^', '>', '~', LineBreak::none},
    {'^', '`', '\\', '\'', LineBreak::none},
    {'+', '!', '<', '#', LineBreak::none},
    {'\x1d', '\x1f', '\x1c', '\x1e', LineBreak::none},
};

Money money(std::string_view text) {
  auto m = Money::parse(text);
  EXPECT_TRUE(m.has_value()) << "not an amount";
  return m.value_or(Money{});
}

std::string errors_of(const x12::Diagnostics& d) {
  std::string s;
  for (const auto& f : d.all())
    if (f.severity == x12::Severity::error) s += x12::format(f) + "\n";
  return s;
}

struct ReadBack {
  std::uint64_t segments = 0;
  x12::syntax::EnvelopeCounts counts;
  std::string errors;
};

// Reads the output with the Reader and the EnvelopeChecker; `each` sees every segment.
template <class Each> ReadBack read_back(std::string_view text, Each each) {
  Reader reader(text);
  x12::Diagnostics envelope_findings;
  x12::syntax::EnvelopeChecker checker(envelope_findings);
  Segment s;
  while (reader.next(s)) {
    checker.add(s);
    each(s);
  }
  checker.finish(reader.bytes_read());
  ReadBack r;
  r.segments = reader.segments_read();
  r.counts = checker.counts();
  if (reader.stop()) r.errors += "stop: " + reader.stop()->message + "\n";
  r.errors += errors_of(reader.diagnostics()) + errors_of(envelope_findings);
  return r;
}
ReadBack read_back(std::string_view text) {
  return read_back(text, [](const Segment&) {});
}

void expect_envelopes_match(const ReadBack& r, const Truth& t, const std::string& out) {
  EXPECT_EQ(r.errors, "");
  EXPECT_EQ(r.segments, t.segments);
  EXPECT_EQ(r.counts.interchanges, t.interchanges);
  EXPECT_EQ(r.counts.groups, t.groups);
  EXPECT_EQ(r.counts.sets, t.sets);
  EXPECT_EQ(out.size(), t.bytes);
}

std::string_view name(LineBreak b) {
  return b == LineBreak::none ? "none" : b == LineBreak::lf ? "lf" : b == LineBreak::crlf ? "crlf" : "cr";
}

TEST(Generator, ReadsBackWithoutErrorsWithEveryDelimiterSetAndLineBreak) {
  for (Kind kind : {Kind::claims_837p, Kind::remittance_835}) {
    for (const auto& base : kDelimiterSets) {
      for (LineBreak lb : {LineBreak::none, LineBreak::lf, LineBreak::crlf}) {
        Options o;
        o.kind = kind;
        o.seed = 11;
        o.claims = 120;
        o.interchanges = 3;
        o.groups_per_interchange = 2;
        o.max_claims_per_set = 9;
        o.delimiters = base;
        o.delimiters.line_break = lb;
        std::string out;
        x12::syntax::Writer writer(out, o.delimiters);
        const Truth t = x12::testdata::generate(o, writer);
        EXPECT_TRUE(writer.diagnostics().empty()) << "a generated value holds a delimiter";
        SCOPED_TRACE(::testing::Message() << to_string(kind) << " element 0x" << std::hex
                                          << int(static_cast<unsigned char>(base.element)) << " newline " << name(lb));
        const ReadBack r = read_back(out);
        expect_envelopes_match(r, t, out);
        EXPECT_EQ(t.claims, 120u);
        EXPECT_EQ(t.interchanges, 3u);
        EXPECT_EQ(t.groups, 6u);
        EXPECT_GE(t.sets, 120u / 9);
      }
    }
  }
}

TEST(Generator, StreamReadingSeesTheSameSegments) {
  Options o;
  o.claims = 300;
  o.delimiters.line_break = LineBreak::crlf;
  std::string out;
  const Truth t = x12::testdata::generate(o, out);
  x12::syntax::StringSource source(out, 4093);
  Reader reader(source, x12::syntax::ReaderOptions{1 << 20, 4096});
  Segment s;
  std::uint64_t n = 0;
  while (reader.next(s)) ++n;
  EXPECT_EQ(reader.stop(), nullptr);
  EXPECT_EQ(n, t.segments);
}

TEST(Generator, IsDeterministicFromSeed) {
  for (Kind kind : {Kind::claims_837p, Kind::remittance_835}) {
    Options o;
    o.kind = kind;
    o.seed = 42;
    o.claims = 200;
    std::string a, b;
    x12::testdata::generate(o, a);
    x12::testdata::generate(o, b);
    EXPECT_EQ(a, b);
    o.seed = 43;
    std::string c;
    x12::testdata::generate(o, c);
    EXPECT_NE(a, c);
  }
}

TEST(Generator, FileOutputEqualsStringOutput) {
  Options o;
  o.kind = Kind::remittance_835;
  o.claims = 500;
  o.delimiters.line_break = LineBreak::lf;
  std::string expected;
  const Truth t1 = x12::testdata::generate(o, expected);
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  const Truth t2 = x12::testdata::generate(o, f);
  std::rewind(f);
  std::string got;
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) got.append(buf, n);
  std::fclose(f);
  EXPECT_EQ(got, expected);
  EXPECT_EQ(t1.segments, t2.segments);
  EXPECT_EQ(t1.total_bpr02, t2.total_bpr02);
}

TEST(Generator, TargetSizeIsReached) {
  for (Kind kind : {Kind::claims_837p, Kind::remittance_835}) {
    Options o;
    o.kind = kind;
    o.target_bytes = 300 * 1024;
    o.interchanges = 2;
    o.max_claims_per_set = 50;
    std::string out;
    const Truth t = x12::testdata::generate(o, out);
    EXPECT_EQ(out.size(), t.bytes);
    EXPECT_GE(out.size(), o.target_bytes);
    EXPECT_LT(out.size(), o.target_bytes + 64 * 1024);
    expect_envelopes_match(read_back(out), t, out);
  }
}

TEST(Generator, KeepsClaimsPerSetUnderTheLimit) {
  Options o;
  o.claims = 100;
  o.max_claims_per_set = 7;
  std::string out;
  const Truth t = x12::testdata::generate(o, out);
  std::uint64_t in_set = 0, most = 0;
  read_back(out, [&](const Segment& s) {
    if (s.is("ST")) in_set = 0;
    if (s.is("CLM")) most = std::max(most, ++in_set);
  });
  EXPECT_EQ(t.claims, 100u);
  EXPECT_LE(most, 7u);
  EXPECT_GE(t.sets, 15u);
}

// 837P content rules the validator will check: CLM02 = sum of SV102, HL
// numbering and parents, HL04 against children, LX 1..n, SV107 pointers
// within HI, unique CLM01 and REF*6R, valid NPIs, SBR02 with a 2000C.
TEST(Generator, ClaimsFollowThe837pGuide) {
  Options o;
  o.claims = 1500;
  o.seed = 5;
  o.max_claims_per_set = 400;
  std::string out;
  const Truth t = x12::testdata::generate(o, out);

  Money total, claim_charge, lines_sum;
  bool in_claim = false;
  std::size_t hi_count = 0, lx = 0;
  std::set<std::string> pcns, refs;
  std::map<std::string, std::string> hl_level;  // HL01 -> HL03
  std::string current_pcn, claim_pos, last_hl_level, last_sbr02;
  std::uint64_t hl_expected = 0, lines = 0, claims = 0;
  std::string pending_hl04;
  auto close_claim = [&] {
    if (in_claim) EXPECT_EQ(claim_charge, lines_sum) << current_pcn;
    in_claim = false;
  };
  read_back(out, [&](const Segment& s) {
    const auto id = s.id();
    if (id == "ST") hl_expected = 0, hl_level.clear();
    if (id == "HL" || id == "SE") close_claim();
    if (id == "HL") {
      EXPECT_EQ(s.element(1), std::to_string(++hl_expected));
      const std::string level(s.element(3));
      if (level == "20") EXPECT_EQ(s.element(2), "");
      if (level == "22") EXPECT_EQ(hl_level[std::string(s.element(2))], "20");
      if (level == "23") {
        EXPECT_EQ(hl_level[std::string(s.element(2))], "22");
        EXPECT_EQ(pending_hl04, "1");
        EXPECT_EQ(last_sbr02, "");
      }
      if (last_hl_level == "22" && level != "23") EXPECT_EQ(pending_hl04, "0");
      hl_level[std::string(s.element(1))] = level;
      last_hl_level = level;
      pending_hl04 = std::string(s.element(4));
    }
    if (id == "SBR") last_sbr02 = std::string(s.element(2));
    if (id == "NM1" && s.element(8) == "XX") EXPECT_TRUE(x12::testdata::npi_valid(s.element(9))) << s.element(9);
    if (id == "CLM") {
      close_claim();
      in_claim = true;
      ++claims;
      current_pcn = std::string(s.element(1));
      EXPECT_LE(current_pcn.size(), 20u);
      EXPECT_TRUE(pcns.insert(current_pcn).second) << current_pcn;
      claim_charge = money(s.element(2));
      total += claim_charge;
      lines_sum = Money{};
      lx = 0;
      claim_pos = std::string(s.component(5, 1));
      EXPECT_EQ(s.component(5, 2), "B");
      EXPECT_EQ(s.component(5, 3), "1");
    }
    if (id == "HI") {
      hi_count = s.element_count();
      EXPECT_EQ(s.component(1, 1), "ABK");
      for (std::size_t i = 1; i <= hi_count; ++i) EXPECT_EQ(s.component(i, 2).find('.'), std::string_view::npos);
    }
    if (id == "LX") EXPECT_EQ(s.element(1), std::to_string(++lx));
    if (id == "SV1") {
      ++lines;
      lines_sum += money(s.element(2));
      EXPECT_EQ(s.element(3), "UN");
      if (!s.element(5).empty()) EXPECT_NE(s.element(5), claim_pos);  // SV105 only when it differs
      for (std::size_t c = 1; c <= 4; ++c) {
        auto p = s.component(7, c);
        if (p.empty()) break;
        EXPECT_LE(std::stoul(std::string(p)), hi_count);
      }
    }
    if (id == "REF" && s.element(1) == "6R") {
      EXPECT_EQ(s.element(2), current_pcn + "-" + std::to_string(lx));
      EXPECT_TRUE(refs.insert(std::string(s.element(2))).second);
    }
  });
  EXPECT_EQ(claims, t.claims);
  EXPECT_EQ(lines, t.service_lines);
  EXPECT_EQ(total, t.total_charge);
}

// 835 balancing (domain C.3) to the cent, and the sidecar totals.
TEST(Generator, RemittancesBalanceExactly) {
  Options o;
  o.kind = Kind::remittance_835;
  o.claims = 3000;
  o.seed = 9;
  o.max_claims_per_set = 250;
  std::string out;
  const Truth t = x12::testdata::generate(o, out);

  struct ClaimSums {
    Money charge, paid, patient, svc02, svc03, cas, pr;
    bool reversal = false;
  } claim;
  bool in_claim = false;
  Money line_charge, line_paid, line_cas;
  bool in_line = false;
  Money set_paid, set_plb, bpr02, all_paid, all_bpr02, all_charge;
  std::uint64_t claims = 0, reversals = 0, denials = 0;
  auto close_line = [&] {
    if (in_line) EXPECT_EQ(line_charge - line_cas, line_paid);
    in_line = false;
  };
  auto close_claim = [&] {
    close_line();
    if (!in_claim) return;
    EXPECT_EQ(claim.charge - claim.cas, claim.paid);
    EXPECT_EQ(claim.svc02, claim.charge);
    EXPECT_EQ(claim.svc03, claim.paid);
    if (!claim.reversal) EXPECT_EQ(claim.patient, claim.pr);
    in_claim = false;
  };
  read_back(out, [&](const Segment& s) {
    const auto id = s.id();
    if (id == "ST") set_paid = set_plb = Money{};
    if (id == "BPR") {
      bpr02 = money(s.element(2));
      EXPECT_GE(bpr02, Money{});
      all_bpr02 += bpr02;
      if (s.element(1) == "H") EXPECT_EQ(bpr02, Money{});
    }
    if (id == "CLP") {
      close_claim();
      in_claim = true;
      ++claims;
      claim = ClaimSums{};
      claim.charge = money(s.element(3));
      claim.paid = money(s.element(4));
      claim.patient = money(s.element(5));
      claim.reversal = s.element(2) == "22";
      reversals += claim.reversal;
      denials += s.element(2) == "4";
      set_paid += claim.paid;
      all_paid += claim.paid;
      all_charge += claim.charge;
    }
    if (id == "SVC") {
      close_line();
      in_line = true;
      line_charge = money(s.element(2));
      line_paid = money(s.element(3));
      line_cas = Money{};
      claim.svc02 += line_charge;
      claim.svc03 += line_paid;
    }
    if (id == "CAS") {
      for (std::size_t i = 3; i <= 18; i += 3) {
        if (s.element(i).empty()) continue;
        Money a = money(s.element(i));
        claim.cas += a;
        if (in_line) line_cas += a;
        if (s.element(1) == "PR") claim.pr += a;
      }
    }
    if (id == "PLB") {
      close_claim();
      for (std::size_t i = 4; i <= 14; i += 2)
        if (!s.element(i).empty()) set_plb += money(s.element(i));
    }
    if (id == "SE") {
      close_claim();
      EXPECT_EQ(bpr02, set_paid - set_plb);
    }
  });
  EXPECT_EQ(claims, t.claims);
  EXPECT_GT(reversals, 0u);
  EXPECT_GT(denials, 0u);
  EXPECT_EQ(all_paid, t.total_paid);
  EXPECT_EQ(all_bpr02, t.total_bpr02);
  EXPECT_EQ(all_charge, t.total_charge);
  EXPECT_EQ(t.total_bpr02, t.total_paid - t.total_plb);
}

TEST(Generator, ComputesNpiCheckDigits) {
  EXPECT_EQ(x12::testdata::npi_check_digit("123456789"), '3');
  EXPECT_TRUE(x12::testdata::npi_valid("1234567893"));
  EXPECT_TRUE(x12::testdata::npi_valid("1245319599"));
  EXPECT_FALSE(x12::testdata::npi_valid("1234567890"));
  EXPECT_FALSE(x12::testdata::npi_valid("12345678"));
}

TEST(Generator, ParsesSizes) {
  EXPECT_EQ(x12::testdata::parse_size("100M"), 100ULL << 20);
  EXPECT_EQ(x12::testdata::parse_size("1G"), 1ULL << 30);
  EXPECT_EQ(x12::testdata::parse_size("512k"), 512ULL << 10);
  EXPECT_EQ(x12::testdata::parse_size("12345"), 12345u);
  EXPECT_FALSE(x12::testdata::parse_size("M").has_value());
  EXPECT_FALSE(x12::testdata::parse_size("1.5G").has_value());
}

TEST(Generator, RejectsDelimitersTheDataContains) {
  Options o;
  o.delimiters.element = '-';
  std::string out;
  EXPECT_THROW(x12::testdata::generate(o, out), x12::usage_error);
  o.delimiters = Delimiters{};
  o.interchanges = 0;
  EXPECT_THROW(x12::testdata::generate(o, out), x12::usage_error);
}

}  // namespace
