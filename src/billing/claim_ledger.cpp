// The claims `x12 claims --db` wrote, kept in the ledger file `x12 post`
// uses (tables built_claims and built_claim_lines, created with the ledger's
// schema). Opened through open_sqlite_ledger(), so the ledger's own open
// path (schema, journal settings) applies.
#include <sqlite3.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <stdexcept>

#include "billing/json_util.hpp"
#include "ledger_sqlite.hpp"
#include "sqlite_statement.hpp"
#include "x12/billing/claim_history.hpp"

namespace x12::billing {

namespace {

using sqlite::Statement;

class SqliteHistory final : public ClaimHistory {
 public:
  SqliteHistory(std::unique_ptr<Ledger> ledger, sqlite3* db)
      : ledger_(std::move(ledger)),
        db_(db),
        services_(db_,
                  "SELECT l.family, c.patient_control_number, l.encounter_id, c.submitted, l.minutes "
                  "FROM built_claim_lines l JOIN built_claims c ON c.id = l.claim_id "
                  "WHERE l.patient_key = ? AND l.rendering_npi = ? AND l.service_date = ? AND l.family <> ''"),
        fingerprints_(db_, "SELECT fingerprint FROM built_claims WHERE patient_control_number = ?") {}

  std::vector<PriorService> services(std::string_view patient_key, std::string_view rendering_npi, Date date) override {
    std::vector<PriorService> out;
    services_.bind(1, patient_key).bind(2, rendering_npi).bind(3, detail::format_date(date));
    while (services_.step()) {
      std::string f = services_.text(0);
      PriorService p;
      p.family = f == "evaluation"      ? ServiceFamily::evaluation
                 : f == "psychotherapy" ? ServiceFamily::psychotherapy
                 : f == "crisis"        ? ServiceFamily::crisis
                                        : ServiceFamily::none;
      p.patient_control_number = services_.text(1);
      p.encounter_id = services_.text(2);
      p.submitted = services_.text(3);
      p.minutes = static_cast<int>(services_.integer(4));
      out.push_back(std::move(p));
    }
    return out;
  }

  std::vector<std::string> fingerprints(std::string_view pcn) override {
    std::vector<std::string> out;
    fingerprints_.bind(1, pcn);
    while (fingerprints_.step()) out.push_back(fingerprints_.text(0));
    return out;
  }

  void record(std::span<const RecordedClaim> claims) override {
    exec("BEGIN IMMEDIATE");
    try {
      Statement claim(db_,
                      "INSERT OR IGNORE INTO built_claims (patient_control_number, fingerprint, encounter_ids, payer, "
                      "payer_id, member_id, patient_key, billing_npi, rendering_npi, service_from, service_to, codes, "
                      "units, charge, submitted, frequency, part2, part2_consent) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      Statement line(db_, "INSERT INTO built_claim_lines VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
      for (const auto& c : claims) {
        std::string codes;
        std::int64_t units = 0;
        for (const auto& l : c.lines) {
          codes += (codes.empty() ? "" : " ") + l.code;
          units += l.units;
        }
        claim.bind(1, c.patient_control_number)
            .bind(2, c.fingerprint)
            .bind(3, c.encounter_ids)
            .bind(4, c.payer)
            .bind(5, c.payer_id)
            .bind(6, c.member_id)
            .bind(7, c.patient_key)
            .bind(8, c.billing_npi)
            .bind(9, c.rendering_npi)
            .bind(10, detail::format_date(c.service_from))
            .bind(11, detail::format_date(c.service_to))
            .bind(12, codes)
            .bind(13, units)
            .bind(14, c.charge)
            .bind(15, detail::format_date(c.submitted))
            .bind(16, std::string(x12_code(c.frequency)))
            .bind(17, c.part2)
            .bind(18, c.part2_consent);
        std::int64_t id = claim.run();
        if (sqlite3_changes(db_) == 0) continue;  // the same claim, recorded before
        std::int64_t n = 0;
        for (const auto& l : c.lines)
          line.bind(1, id)
              .bind(2, ++n)
              .bind(3, l.encounter_id)
              .bind(4, l.code)
              .bind(5, l.modifiers)
              .bind(6, static_cast<std::int64_t>(l.units))
              .bind(7, l.charge)
              .bind(8, detail::format_date(l.date))
              .bind(9, c.patient_key)
              .bind(10, l.rendering_npi)
              .bind(11, std::string(to_string(l.family)))
              .bind(12, static_cast<std::int64_t>(l.minutes))
              .run();
      }
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  std::size_t size() override {
    Statement s(db_, "SELECT count(*) FROM built_claims");
    std::size_t n = s.step() ? static_cast<std::size_t>(s.integer(0)) : 0;
    s.reset();
    return n;
  }

 private:
  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "unknown error";
      sqlite3_free(err);
      throw std::runtime_error("ledger: " + m);
    }
  }

  std::unique_ptr<Ledger> ledger_;  // owns the connection
  sqlite3* db_;
  Statement services_, fingerprints_;
};

}  // namespace

result<std::unique_ptr<ClaimHistory>> open_claim_history(const std::string& path) {
  auto ledger = open_sqlite_ledger(path);
  if (!ledger) return ledger.error();
  sqlite3* db = sqlite_handle(**ledger);
  if (!db) return Error{make_error_code(errc::file_unreadable), {}, "the ledger is not a SQLite file"};
  try {
    return std::unique_ptr<ClaimHistory>(std::make_unique<SqliteHistory>(std::move(*ledger), db));
  } catch (const std::exception& e) {
    return Error{make_error_code(errc::file_unreadable), {}, e.what()};
  }
}

}  // namespace x12::billing
