// Generated 837P/835 pairs with known truth: the generator writes claims; a
// small pairing helper writes two 835s for them (paid, partial with a line
// denied for authorization, denied for medical necessity, reversed and
// corrected, split across the two 835s, a PLB recoupment). Both 835s must
// validate with zero findings and balance; the poster must find exactly the
// statuses and amounts the helper wrote.
#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <map>

#include "billing/posting_fixture.hpp"
#include "x12/schema/validator.hpp"
#include "x12/testdata/generator.hpp"
#include "x12/tx/balancing.hpp"
#include "x12/tx/write.hpp"

namespace x12::billing::test {
namespace {

enum class Scenario { paid, partial, denied, reversed, split };

Money pct(Money m, int percent) { return Money::from_cents(m.cents() * percent / 100); }

tx::Adjustment cas(std::string group, std::string reason, Money amount) {
  return {std::move(group), {{std::move(reason), amount, {}}}};
}

tx::ServicePayment pay_line(const tx::ServiceLine& line, Scenario s, bool deny_this) {
  tx::ServicePayment p;
  p.info.procedure = line.service.procedure;
  p.info.charge = line.service.charge;
  p.info.units_paid = line.service.quantity;
  if (auto d = line.service_date()) p.dates.push_back({"472", d, {}, {}, {}, {}});
  p.references.push_back({"6R", line.line_item_control_number(), {}, {}});
  const Money charge = line.service.charge;
  if (deny_this) {
    p.adjustments.push_back(cas("CO", s == Scenario::denied ? "50" : "197", charge));
    p.remarks.push_back({"HE", s == Scenario::denied ? "N115" : "N54"});
    return p;
  }
  const Money allowed = pct(charge, 80);
  const Money patient = pct(allowed, 20);
  p.adjustments.push_back(cas("CO", "45", charge - allowed));
  p.adjustments.push_back(cas("PR", s == Scenario::reversed ? "1" : "2", patient));
  p.info.paid = allowed - patient;
  p.amounts.push_back({"B6", allowed, {}});
  return p;
}

tx::ClaimPayment pay_claim(const tx::Claim& claim, const tx::Subscriber& sub, Scenario s, std::string icn,
                           std::size_t first_line, std::size_t end_line) {
  tx::ClaimPayment c;
  c.info.patient_control_number = claim.info.patient_control_number;
  c.info.status = s == Scenario::denied ? "4" : "1";
  c.info.filing_indicator = "12";
  c.info.payer_claim_control_number = std::move(icn);
  c.info.facility_type = claim.info.place_of_service;
  c.info.frequency_code = "1";
  tx::Name patient = sub.name.name;
  patient.entity = "QC";
  patient.id_qualifier = "MI";
  c.names.push_back(patient);
  Money pr;
  for (std::size_t i = first_line; i < end_line; ++i) {
    const bool deny = s == Scenario::denied || (s == Scenario::partial && i + 1 == claim.service_lines.size());
    c.services.push_back(pay_line(claim.service_lines[i], s, deny));
    c.info.total_charge += c.services.back().info.charge;
    c.info.paid += c.services.back().info.paid;
    for (const auto& a : c.services.back().adjustments)
      if (a.group == "PR") pr += a.total();
  }
  c.info.patient_responsibility = pr;
  if (s == Scenario::split) c.outpatient = tx::OutpatientAdjudication{{}, {}, {"MA15"}, {}, {}};
  return c;
}

tx::ClaimPayment negate(tx::ClaimPayment c) {
  c.info.status = "22";
  c.info.total_charge = -c.info.total_charge;
  c.info.paid = -c.info.paid;
  c.info.patient_responsibility = -*c.info.patient_responsibility;
  for (auto& s : c.services) {
    s.info.charge = -s.info.charge;
    s.info.paid = -s.info.paid;
    s.amounts.clear();
    for (auto& a : s.adjustments)
      for (auto& i : a.items) i.amount = -i.amount;
  }
  return c;
}

tx::Remittance835 remittance(std::string trace, const std::string& date) {
  tx::Remittance835 r;
  r.envelope.implementation = "005010X221A1";
  r.payment.handling = "I";
  r.payment.credit_debit = "C";
  r.payment.payment_method = "ACH";
  r.payment.payment_format = "CCP";
  r.payment.sender_dfi_qualifier = "01";
  r.payment.sender_dfi_id = "999999992";
  r.payment.sender_account_qualifier = "DA";
  r.payment.sender_account = "123456";
  r.payment.payer_id = "1999999999";
  r.payment.receiver_dfi_qualifier = "01";
  r.payment.receiver_dfi_id = "888888880";
  r.payment.receiver_account_qualifier = "DA";
  r.payment.receiver_account = "98765";
  r.payment.payment_date = boost::gregorian::from_undelimited_string(date);
  r.trace = {"1", std::move(trace), "1999999999", {}};
  r.dates.push_back({"405", r.payment.payment_date, {}, {}, {}, {}});
  r.payer.id = {"PR", "GENERATED HEALTH PLAN", {}, {}, {}, {}};
  r.payer.address = tx::Address{"PO BOX 1", {}, "CHICAGO", "IL", "60601", {}, {}, {}, {}};
  r.payer.contacts.push_back({"BL", "EDI", {{"TE", "8005551212"}}, {}});
  r.payee.id = {"PE", "GENERATED PRACTICE", "XX", "1234567893", {}, {}};
  r.header_numbers.push_back({"1", std::nullopt, {}, {}});
  return r;
}

void total(tx::Remittance835& r) {
  Money t;
  for (const auto* c : r.claims()) t += c->info.paid;
  for (const auto& p : r.provider_adjustments)
    for (const auto& i : p.items) t -= i.amount;
  r.payment.total_payment = t;
}

struct Truth {
  std::map<std::string, Scenario> scenario;
  std::map<std::string, Money> net_paid;  // per CLM01, across both 835s
  std::string recouped;                   // CLM01 the PLB WO names
};

TEST(PostingPairs, GeneratedClaimsWithKnownOutcomesPostExactly) {
  testdata::Options o;
  o.kind = testdata::Kind::claims_837p;
  o.claims = 60;
  o.seed = 3;
  std::string text;
  testdata::generate(o, text);
  auto sets = tx::read_837p(text).sets;
  ASSERT_FALSE(sets.empty());
  ClaimIndex index;
  for (const auto& s : sets) index.add(s);

  auto first = remittance("GEN-EFT-1", "20250301");
  auto second = remittance("GEN-EFT-2", "20250315");
  Truth truth;
  std::size_t n = 0;
  std::vector<std::pair<const tx::Claim*, const tx::Subscriber*>> claims;
  for (const auto& set : sets)
    for (const auto& bp : set.billing_providers)
      for (const auto& sub : bp.subscribers) {
        for (const auto& c : sub.claims) claims.emplace_back(&c, &sub);
        for (const auto& pat : sub.patients)
          for (const auto& c : pat.claims) claims.emplace_back(&c, &sub);
      }
  for (const auto& [claim_ptr, sub_ptr] : claims) {
    const auto& claim = *claim_ptr;
    const auto& sub = *sub_ptr;
    const std::string pcn = claim.info.patient_control_number;
    const auto lines = claim.service_lines.size();
    auto s = static_cast<Scenario>(n++ % 5);
    if ((s == Scenario::partial || s == Scenario::split) && lines < 2) s = Scenario::paid;
    truth.scenario[pcn] = s;
    const std::string icn = "ICN-" + pcn;
    if (s == Scenario::split) {
      first.header_numbers[0].claims.push_back(pay_claim(claim, sub, s, icn + "A", 0, 1));
      second.header_numbers[0].claims.push_back(pay_claim(claim, sub, s, icn + "B", 1, lines));
      truth.net_paid[pcn] =
          first.header_numbers[0].claims.back().info.paid + second.header_numbers[0].claims.back().info.paid;
      continue;
    }
    if (s == Scenario::reversed) {
      auto original = pay_claim(claim, sub, Scenario::paid, icn, 0, lines);
      first.header_numbers[0].claims.push_back(original);
      second.header_numbers[0].claims.push_back(negate(original));
      second.header_numbers[0].claims.push_back(pay_claim(claim, sub, s, icn + "R", 0, lines));
      truth.net_paid[pcn] = second.header_numbers[0].claims.back().info.paid;
      continue;
    }
    first.header_numbers[0].claims.push_back(pay_claim(claim, sub, s, icn, 0, lines));
    truth.net_paid[pcn] = first.header_numbers[0].claims.back().info.paid;
    if (s == Scenario::paid && truth.recouped.empty()) truth.recouped = pcn;
  }
  ASSERT_FALSE(truth.recouped.empty());
  second.provider_adjustments.push_back(
      {{}, "1234567893", Date(2025, 12, 31), {{"WO", "ICN-" + truth.recouped, Money::from_cents(500)}}});
  total(first);
  total(second);

  // Both 835s are valid and balanced before anything is posted.
  std::vector<tx::AnySet> remits{first, second};
  tx::WriteOptions wo;
  wo.envelope = tx::WriteOptions::Envelope::generate;
  wo.date = "20250315";
  wo.time = "1200";
  const std::string x12 = tx::to_x12(remits, wo);
  auto report = schema::validate(x12);
  EXPECT_EQ(report.diagnostics.size(), 0u);
  for (const auto& f : report.diagnostics.all()) ADD_FAILURE() << format(f);
  auto read = tx::read_835(x12);
  ASSERT_EQ(read.sets.size(), 2u);
  for (const auto& r : read.sets) {
    Diagnostics d;
    tx::check_balancing(r, d);
    EXPECT_EQ(d.count(Severity::error), 0u);
  }

  auto ledger = make_memory_ledger();
  ledger->add_submitted(index.claims());
  Poster poster(index, ledger.get());
  std::map<std::string, Money> net;
  std::size_t reversals = 0;
  for (const auto& r : read.sets) {
    auto result = poster.post_and_store(r);
    const auto& p = result.posting;
    EXPECT_TRUE(p.balanced()) << p.trace_number;
    EXPECT_TRUE(p.unmatched.empty());
    for (const auto& c : p.claims) {
      SCOPED_TRACE(c.patient_control_number + " " + c.claim_status);
      net[c.matched_claim] += c.money.paid;
      for (const auto& l : c.lines) EXPECT_EQ(l.match, LineMatch::control_number);
      switch (truth.scenario.at(c.matched_claim)) {
        case Scenario::paid: EXPECT_EQ(c.status, PostingStatus::paid); break;
        case Scenario::partial: EXPECT_EQ(c.status, PostingStatus::partial); break;
        case Scenario::denied: EXPECT_EQ(c.status, PostingStatus::denied); break;
        case Scenario::split:
          EXPECT_EQ(c.status, PostingStatus::paid);
          EXPECT_EQ(c.remarks, std::vector<std::string>{"MA15"});
          break;
        case Scenario::reversed:
          if (c.claim_status == "22") {
            ++reversals;
            EXPECT_EQ(c.status, PostingStatus::reversal);
            EXPECT_TRUE(c.reverses.has_value());
          } else if (p.trace_number == "GEN-EFT-2") {
            EXPECT_GT(c.money.deductible.cents(), 0);
          }
          break;
      }
    }
    for (const auto& d : result.denials) {
      const auto s = truth.scenario.at(d.patient_control_number);
      EXPECT_TRUE(s == Scenario::partial || s == Scenario::denied);
      EXPECT_EQ(d.family, s == Scenario::partial ? ReasonFamily::authorization : ReasonFamily::medical_necessity);
    }
    if (p.trace_number == "GEN-EFT-2") {
      ASSERT_EQ(p.provider_adjustments.size(), 1u);
      EXPECT_EQ(p.provider_adjustments[0].claim, truth.recouped);
    }
  }
  EXPECT_GT(reversals, 0u);
  EXPECT_EQ(net, truth.net_paid);
  // Every claim was posted: nothing is left for aging.
  EXPECT_TRUE(aging(ledger->balances(), Date(2025, 12, 31)).items.empty());
}

}  // namespace
}  // namespace x12::billing::test
