// The claims `x12 claims --db` wrote, kept in the ledger file `x12 post`
// uses (tables built_claims and built_claim_lines, created with the ledger's
// schema). Opened through open_sqlite_ledger(), so the ledger's own open
// path (schema, journal settings) applies.
#include <sqlite3.h>

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

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
    std::string date_text = detail::format_date(date);
    if (auto it = days_.find(day_key(patient_key, rendering_npi, date_text)); it != days_.end()) return it->second;
    std::vector<PriorService> out;
    services_.bind(1, patient_key).bind(2, rendering_npi).bind(3, date_text);
    while (services_.step()) out.push_back(prior(services_, 0));
    return out;
  }

  std::vector<std::string> fingerprints(std::string_view pcn) override {
    if (auto it = fingerprints_known_.find(std::string(pcn)); it != fingerprints_known_.end()) return it->second;
    std::vector<std::string> out;
    fingerprints_.bind(1, pcn);
    while (fingerprints_.step()) out.push_back(fingerprints_.text(0));
    return out;
  }

  // The run's days and CLM01s are looked up in key order, in one read
  // transaction: one lock and one snapshot instead of one per query, and the
  // index pages are visited in order instead of at random.
  void prefetch(std::span<const ServiceDay> days, std::span<const std::string> pcns) override {
    forget();
    std::vector<const ServiceDay*> order;
    order.reserve(days.size());
    for (const auto& d : days) order.push_back(&d);
    std::sort(order.begin(), order.end(), [](const ServiceDay* a, const ServiceDay* b) {
      return std::tie(a->patient_key, a->rendering_npi, a->date) < std::tie(b->patient_key, b->rendering_npi, b->date);
    });
    std::vector<std::string_view> numbers(pcns.begin(), pcns.end());
    std::sort(numbers.begin(), numbers.end());
    bool own = sqlite3_get_autocommit(db_) != 0;
    try {
      if (own) exec("BEGIN");
      for (const ServiceDay* d : order) {
        std::string date = detail::format_date(d->date);
        auto [it, fresh] = days_.try_emplace(day_key(d->patient_key, d->rendering_npi, date));
        if (!fresh) continue;
        services_.bind(1, d->patient_key).bind(2, d->rendering_npi).bind(3, date);
        while (services_.step()) it->second.push_back(prior(services_, 0));
      }
      for (std::string_view pcn : numbers) {
        auto [it, fresh] = fingerprints_known_.try_emplace(std::string(pcn));
        if (!fresh) continue;
        fingerprints_.bind(1, pcn);
        while (fingerprints_.step()) it->second.push_back(fingerprints_.text(0));
      }
      if (own) exec("COMMIT");
    } catch (const std::exception&) {
      services_.reset();
      fingerprints_.reset();
      if (own && !sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      forget();  // asked one by one instead
    }
  }

  void record(std::span<const RecordedClaim> claims) override {
    forget();
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

  static std::string day_key(std::string_view patient_key, std::string_view npi, std::string_view date) {
    std::string k;
    k.reserve(patient_key.size() + npi.size() + date.size() + 2);
    k.append(patient_key).append(1, '|').append(npi).append(1, '|').append(date);
    return k;
  }

  // Columns from..from+4: family, CLM01, encounter id, submitted, minutes.
  static PriorService prior(const Statement& s, int from) {
    std::string f = s.text(from);
    PriorService p;
    p.family = f == "evaluation"      ? ServiceFamily::evaluation
               : f == "psychotherapy" ? ServiceFamily::psychotherapy
               : f == "crisis"        ? ServiceFamily::crisis
                                      : ServiceFamily::none;
    p.patient_control_number = s.text(from + 1);
    p.encounter_id = s.text(from + 2);
    p.submitted = s.text(from + 3);
    p.minutes = static_cast<int>(s.integer(from + 4));
    return p;
  }

  void forget() {
    days_.clear();
    fingerprints_known_.clear();
  }

  std::unique_ptr<Ledger> ledger_;  // owns the connection
  sqlite3* db_;
  Statement services_, fingerprints_;
  // What prefetch() found, by day_key() and by CLM01 (an empty list: looked up, nothing there).
  std::unordered_map<std::string, std::vector<PriorService>> days_;
  std::unordered_map<std::string, std::vector<std::string>> fingerprints_known_;
};

}  // namespace

result<std::unique_ptr<ClaimHistory>> open_claim_history(const std::string& path, const LedgerOptions& options) {
  auto ledger = open_sqlite_ledger(path, options);
  if (!ledger) return ledger.error();
  sqlite3* db = sqlite_handle(**ledger);
  if (!db) return Error{make_error_code(errc::file_unreadable), {}, "the ledger is not a SQLite file"};
  // A page cache that holds the run's part of the indexes (64 MiB at most,
  // this connection only; SQLite's default is 2 MiB, so a run against a large
  // ledger read the same pages again and again). Durability is the ledger's:
  // WAL, synchronous left at its default (FULL), one transaction per record().
  sqlite3_exec(db, "PRAGMA cache_size = -65536", nullptr, nullptr, nullptr);
  try {
    return std::unique_ptr<ClaimHistory>(std::make_unique<SqliteHistory>(std::move(*ledger), db));
  } catch (const std::exception& e) {
    return Error{make_error_code(errc::file_unreadable), {}, e.what()};
  }
}

}  // namespace x12::billing
