// The on-disk claim store answers as the in-memory ClaimIndex does, and the
// poster posts the same against either.
#include <gtest/gtest.h>

#include "billing/posting_fixture.hpp"
#include "x12/billing/claim_store.hpp"
#include "x12/billing/pieces.hpp"
#include "x12/billing/posting_report.hpp"
#include "x12/testdata/generator.hpp"

namespace x12::billing::test {
namespace {

ClaimStore week_store(const Week& week) {
  auto store = ClaimStore::create();
  EXPECT_TRUE(store.has_value());
  for (const auto& s : week.sets) store->add(s);
  store->commit();
  return std::move(store).value();
}

void expect_same(const SubmittedClaim& a, const SubmittedClaim& b) {
  EXPECT_EQ(a.patient_control_number, b.patient_control_number);
  EXPECT_EQ(a.payer_claim_control_number, b.payer_claim_control_number);
  EXPECT_EQ(a.payer_id, b.payer_id);
  EXPECT_EQ(a.payer_name, b.payer_name);
  EXPECT_EQ(a.member_id, b.member_id);
  EXPECT_EQ(a.charge, b.charge);
  EXPECT_EQ(a.submitted, b.submitted);
  EXPECT_EQ(a.service_from, b.service_from);
  ASSERT_EQ(a.lines.size(), b.lines.size());
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    const auto &x = a.lines[i], &y = b.lines[i];
    EXPECT_EQ(x.control_number, y.control_number);
    EXPECT_EQ(x.procedure.qualifier, y.procedure.qualifier);
    EXPECT_EQ(x.procedure.code, y.procedure.code);
    EXPECT_EQ(x.procedure.modifiers, y.procedure.modifiers);
    EXPECT_EQ(x.charge, y.charge);
    EXPECT_EQ(x.units, y.units);
    EXPECT_EQ(x.date, y.date);
  }
}

TEST(ClaimStore, HoldsWhatTheIndexHolds) {
  Week week;
  auto store = week_store(week);
  ASSERT_GT(week.index.size(), 0u);
  EXPECT_EQ(store.size(), week.index.size());
  auto reader = store.reader();
  for (const auto& c : week.index.claims()) {
    const auto* s = reader->find_by_patient_control_number(c.patient_control_number);
    ASSERT_NE(s, nullptr) << c.patient_control_number;
    expect_same(*s, c);
  }
  EXPECT_EQ(reader->find_by_patient_control_number("NO SUCH CLAIM"), nullptr);
  EXPECT_EQ(reader->find_by_payer_claim_control_number(""), nullptr);
  std::size_t n = 0;
  store.each([&](const SubmittedClaim& c) {
    ++n;
    EXPECT_TRUE(c.lines.empty());
    EXPECT_NE(week.index.find_by_patient_control_number(c.patient_control_number), nullptr);
  });
  EXPECT_EQ(n, week.index.size());
}

TEST(ClaimStore, ALaterClaimReplacesAndTheLatestControlNumberWins) {
  auto store = ClaimStore::create();
  ASSERT_TRUE(store.has_value());
  SubmittedClaim a;
  a.patient_control_number = "A1";
  a.payer_claim_control_number = "ICN7";
  a.charge = Money::from_cents(10000);
  a.lines.push_back(
      {"A1-1", {"HC", "90834", {"95", "AJ"}, {}, {}}, Money::from_cents(-250), "1.5", Date(2024, 12, 31)});
  store->add(a);
  SubmittedClaim b = a;
  b.patient_control_number = "B1";
  store->add(b);
  a.charge = Money::from_cents(20000);
  store->add(a);  // a replacement of A1: the latest claim with ICN7
  store->commit();
  EXPECT_EQ(store->size(), 2u);
  auto reader = store->reader();
  const auto* byicn = reader->find_by_payer_claim_control_number("ICN7");
  ASSERT_NE(byicn, nullptr);
  EXPECT_EQ(byicn->patient_control_number, "A1");
  EXPECT_EQ(byicn->charge, Money::from_cents(20000));
  expect_same(*byicn, a);
}

TEST(ClaimStore, ThePosterPostsTheSameAgainstTheStore) {
  Week week;
  auto store = week_store(week);
  auto reader = store.reader();
  auto memory = make_memory_ledger(), disk = make_memory_ledger();
  Poster from_index(week.index, memory.get()), from_store(*reader, disk.get());
  for (const auto& name : week_remits()) {
    auto r = read_one_835(week_file(name));
    auto a = from_index.post_and_store(r);
    auto b = from_store.finish(from_store.prepare(r));
    RemittancePosting pa[] = {a.posting}, pb[] = {b.posting};
    EXPECT_EQ(to_json(pa), to_json(pb)) << name;
    EXPECT_EQ(a.denials.size(), b.denials.size()) << name;
  }
  EXPECT_EQ(memory->counts(), disk->counts());
}

}  // namespace
}  // namespace x12::billing::test

namespace x12::billing::test {
namespace {

std::string generated(testdata::Kind kind) {
  testdata::Options o;
  o.kind = kind;
  o.seed = 5;
  o.claims = 300;
  o.max_claims_per_set = 120;
  std::string out;
  testdata::generate(o, out);
  return out;
}

std::vector<syntax::Unit> units_of(const std::string& bytes) {
  syntax::Reader reader{std::string_view(bytes)};
  syntax::Splitter split;
  std::vector<syntax::Unit> out;
  for (syntax::Unit u; split.next(reader, u);) out.push_back(std::move(u));
  return out;
}

TEST(Pieces, ClaimsReadInPiecesAreTheClaimsOfTheWholeSet) {
  const std::string bytes = generated(testdata::Kind::claims_837p);
  auto whole = tx::read_837p(bytes);
  ASSERT_EQ(whole.sets.size(), 3u);
  ClaimIndex index;
  for (const auto& s : whole.sets) index.add(s);
  auto store = ClaimStore::create();
  ASSERT_TRUE(store.has_value());
  for (const auto& u : units_of(bytes))
    read_in_pieces(
        u,
        [&](tx::AnySet& set) {
          if (const auto* c = std::get_if<tx::Claim837p>(&set)) store->add(*c);
        },
        7);
  store->commit();
  EXPECT_EQ(store->size(), index.size());
  auto reader = store->reader();
  for (const auto& c : index.claims()) {
    const auto* s = reader->find_by_patient_control_number(c.patient_control_number);
    ASSERT_NE(s, nullptr) << c.patient_control_number;
    expect_same(*s, c);
  }
}

TEST(Pieces, PostingInPiecesEqualsPostingTheWholeSet) {
  const std::string claims = generated(testdata::Kind::claims_837p);
  const std::string remits = generated(testdata::Kind::remittance_835);
  auto sets = tx::read_837p(claims).sets;
  ClaimIndex index;
  for (const auto& s : sets) index.add(s);
  auto whole = tx::read_835(remits);
  auto units = units_of(remits);
  ASSERT_EQ(whole.sets.size(), units.size());
  auto la = make_memory_ledger(), lb = make_memory_ledger();
  Poster a(index, la.get()), b(index, lb.get());
  for (std::size_t i = 0; i < units.size(); ++i) {
    auto pa = a.post_and_store(whole.sets[i]);
    auto prepared = prepare_in_pieces(b, units[i], 7);
    ASSERT_TRUE(prepared.has_value());
    auto pb = b.finish(std::move(*prepared));
    RemittancePosting ja[] = {pa.posting}, jb[] = {pb.posting};
    EXPECT_EQ(to_json(ja), to_json(jb)) << "set " << i;
    EXPECT_EQ(to_text(ja), to_text(jb)) << "set " << i;
  }
  EXPECT_EQ(la->counts(), lb->counts());
}

}  // namespace
}  // namespace x12::billing::test
