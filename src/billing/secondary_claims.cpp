#include "x12/billing/secondary_claims.hpp"

#include <map>

#include "json_util.hpp"
#include "ledger_sqlite.hpp"
#include "sqlite_statement.hpp"
#include "x12/date.hpp"
#include "x12/syntax/reader.hpp"
#include "x12/tx/read.hpp"

namespace x12::billing {

namespace {

using sqlite::Statement;

std::optional<Date> from_iso(const std::string& t) { return t.empty() ? std::nullopt : parse_iso_date(t); }

PostingStatus status_from(const std::string& s) {
  for (auto v : {PostingStatus::paid, PostingStatus::partial, PostingStatus::denied, PostingStatus::reversal,
                 PostingStatus::forwarded})
    if (to_string(v) == s) return v;
  return PostingStatus::paid;
}

// The primary's latest standing posting of a claim, as the ledger keeps it:
// claim money, and lines with their adjustments (claim-level CAS are not
// kept apart in the ledger, so the lines carry them all).
std::optional<std::pair<ClaimPosting, std::optional<Date>>> primary_posting(sqlite3* db, const std::string& pcn) {
  Statement c(db,
              "SELECT c.id, c.patient_control_number, c.payer_claim_control_number, c.claim_status, c.status, "
              "c.charge, c.allowed, c.paid, c.patient_responsibility, c.deductible, c.coinsurance, c.copay, "
              "c.other_patient, c.contractual, c.payer_initiated, c.other_adjustment, "
              "COALESCE(NULLIF(r.payment_date, ''), r.production_date) FROM claim_postings c "
              "JOIN remittances r ON r.id = c.remittance_id WHERE c.matched_claim = ? AND c.status != 'reversal' "
              "AND c.reversed = 0 ORDER BY c.id DESC LIMIT 1");
  c.bind(1, pcn);
  if (!c.step()) return std::nullopt;
  ClaimPosting p;
  const std::int64_t id = c.integer(0);
  p.patient_control_number = c.text(1);
  p.matched_claim = pcn;
  p.matched = true;
  p.payer_claim_control_number = c.text(2);
  p.claim_status = c.text(3);
  p.processed = processed_as(p.claim_status);
  p.status = status_from(c.text(4));
  p.money.charge = c.money(5);
  p.money.allowed = c.money(6);
  p.money.paid = c.money(7);
  p.money.patient_responsibility = c.money(8);
  p.money.deductible = c.money(9);
  p.money.coinsurance = c.money(10);
  p.money.copay = c.money(11);
  p.money.other_patient = c.money(12);
  p.money.contractual = c.money(13);
  p.money.payer_initiated = c.money(14);
  p.money.other_adjustment = c.money(15);
  const auto date = from_iso(c.text(16));
  c.reset();
  Statement l(db,
              "SELECT id, control_number, code, billed_code, service_date, charge, allowed, paid, "
              "patient_responsibility FROM line_postings WHERE claim_posting_id = ? ORDER BY id");
  Statement a(db, "SELECT grp, reason, amount, quantity FROM adjustments WHERE line_posting_id = ? ORDER BY rowid");
  l.bind(1, id);
  while (l.step()) {
    LinePosting line;
    line.control_number = l.text(1);
    const std::string code = l.text(2), billed = l.text(3);
    if (!code.empty() && code != billed) {
      line.adjudicated.qualifier = "HC";
      line.adjudicated.code = code;
      line.code_changed = true;
    }
    line.service_date = from_iso(l.text(4));
    line.money.charge = l.money(5);
    line.money.allowed = l.money(6);
    line.money.paid = l.money(7);
    line.money.patient_responsibility = l.money(8);
    a.bind(1, l.integer(0));
    while (a.step()) {
      AdjustmentTotal t{a.text(0), a.text(1), a.money(2), a.text(3)};
      line.money.adjustments.push_back(t);
      p.money.adjustments.push_back(t);
    }
    p.lines.push_back(std::move(line));
  }
  return std::make_pair(std::move(p), date);
}

}  // namespace

result<std::vector<CoverageEntry>> read_coverage(std::string_view text) {
  return detail::read_json(text, "coverage", [](const detail::json& j) {
    std::vector<CoverageEntry> out;
    if (!j.is_object() || !j.contains("coverages") || !j["coverages"].is_array())
      detail::fail("coverages", "must be a list of coverages");
    std::size_t i = 0;
    for (const auto& c : j["coverages"]) {
      const std::string path = "coverages[" + std::to_string(i++) + "]";
      CoverageEntry e;
      e.primary_member_id = detail::need_string(c, "primary_member_id", path);
      e.coverage.payer_name = detail::need_string(c, "payer_name", path);
      e.coverage.payer_id = detail::need_string(c, "payer_id", path);
      e.coverage.member_id = detail::get_string(c, "member_id", path);
      e.coverage.group_number = detail::get_string(c, "group_number", path);
      e.coverage.claim_filing_indicator = detail::get_string(c, "claim_filing_indicator", path, "CI");
      e.coverage.relationship = detail::get_string(c, "relationship", path, "18");
      out.push_back(std::move(e));
    }
    return out;
  });
}

SecondaryRun secondary_claims(ClaimTracker& tracker, Ledger& ledger, const std::vector<CoverageEntry>& coverage) {
  SecondaryRun run;
  sqlite3* db = sqlite_handle(ledger);
  if (!db) throw usage_error("secondary_claims needs a SQLite ledger (open_sqlite_ledger)");
  std::map<std::string, const SecondaryCoverage*, std::less<>> by_member;
  for (const auto& c : coverage) by_member.emplace(c.primary_member_id, &c.coverage);
  std::vector<TrackedClaim> due;
  tracker.each_claim([&](const TrackedClaim& c) {
    if (!c.active || (c.state != ClaimState::paid && c.state != ClaimState::partially_paid)) return;
    if (c.payer_sequence != "P" && !c.payer_sequence.empty()) return;
    if (c.patient_responsibility <= Money{} || !by_member.count(c.member_id)) return;
    due.push_back(c);
  });
  // The 837 files the claims came from, read once each.
  std::map<std::string, std::vector<tx::Claim837p>> files;
  for (const auto& c : due) {
    if (c.source_file.empty()) {
      run.refused.emplace_back(c.patient_control_number, "the ledger does not know the 837 file it was sent in");
      continue;
    }
    auto it = files.find(c.source_file);
    if (it == files.end()) {
      auto text = syntax::read_whole_file(c.source_file);
      std::vector<tx::Claim837p> sets;
      if (text) sets = tx::read_837p(*text).sets;
      it = files.emplace(c.source_file, std::move(sets)).first;
    }
    const tx::Claim837p* set = nullptr;
    const tx::Claim* claim = nullptr;
    for (const auto& s : it->second)
      each_submitted(s, [&](SubmittedClaim&& sc) {
        if (sc.patient_control_number == c.patient_control_number && sc.payer_id == c.payer_id) {
          set = sc.source_set;
          claim = sc.source;
        }
      });
    if (!claim) {
      run.refused.emplace_back(c.patient_control_number, "the claim is no longer in " + c.source_file);
      continue;
    }
    auto posting = primary_posting(db, c.patient_control_number);
    if (!posting) {
      run.refused.emplace_back(c.patient_control_number, "no standing primary posting in the ledger");
      continue;
    }
    const Date adjudicated = posting->second ? *posting->second : c.state_date.value_or(Date(2000, 1, 1));
    auto built = build_secondary(*set, *claim, posting->first, c.payer_name, c.payer_id, adjudicated,
                                 *by_member.find(c.member_id)->second);
    if (!built) {
      run.refused.emplace_back(c.patient_control_number, built.error().message);
      continue;
    }
    run.claims.push_back(std::move(built).value());
    run.forwarded.push_back(c.patient_control_number);
    run.primary_ids.push_back(c.id);
  }
  return run;
}

void record_secondary(ClaimTracker& tracker, const SecondaryRun& run, std::string_view file, Date today,
                      std::string_view interchange_control, std::string_view group_control) {
  TrackOptions o;
  o.submitted = today;
  o.interchange_control = std::string(interchange_control);
  o.group_control = std::string(group_control);
  o.record_in_submitted_table = false;
  for (std::size_t i = 0; i < run.claims.size(); ++i) {
    tracker.record_submitted(run.claims[i], file, o);
    tracker.forward_to_secondary(run.primary_ids[i], today, "secondary claim written to " + std::string(file));
  }
}

}  // namespace x12::billing
