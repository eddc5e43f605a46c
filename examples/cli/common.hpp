// What every command shares: exit codes, opening FILE or "-", printing findings.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "x12/billing/ledger.hpp"
#include "x12/date.hpp"
#include "x12/schema/loop_tree.hpp"
#include "x12/x12.hpp"

namespace x12::cli {

// Exit status contract, one meaning each in every command: 0 success; 1 the
// input has errors (findings); 2 the input cannot be read or is not what the
// command needs (missing, empty, no ISA header, a transaction type the command
// does not take), or the ledger or the arguments are wrong.
enum Exit : int { exit_ok = 0, exit_input_errors = 1, exit_usage = 2 };

// Opens FILE ("-" is standard input) as a chunked source; prints why not.
std::unique_ptr<syntax::FileSource> open_input(const std::string& path);
// Opens -o OUT, or standard output when empty or "-"; prints why not. A
// regular file is written under a temporary name beside it and renamed over
// OUT by close_output: an interrupted run never leaves half a file in place of
// a good one (a run that ends without close_output leaves OUT untouched).
std::FILE* open_output(const std::string& path);
// Finishes the output; false (after printing why) when it could not be written.
bool close_output(std::FILE* f);
// Drops an output that must not replace OUT (the input stopped half-way).
void discard_output(std::FILE* f);
// Writes a whole report to -o OUT (or standard output); exit_ok or exit_usage.
int write_report(const std::string& path, const std::string& text);

// --as-of: the date given (YYYY-MM-DD or CCYYMMDD), or today (UTC) when it is
// empty; nullopt, after saying so on stderr, when it is not a date.
std::optional<boost::gregorian::date> as_of_date(const std::string& text);

// The reader's gateway limits, --max-segment-length and --max-element-length,
// for every command that reads X12 (defaults: ReaderOptions).
void add_reader_limits(CLI::App* cmd, syntax::ReaderOptions& options);
// The loop tree's gateway limits, --max-segments-per-set and --max-loop-depth
// (defaults: schema::TreeLimits), for the commands that build loop trees.
void add_tree_limits(CLI::App* cmd, schema::TreeLimits& limits);

// The checks every command that reads X12 runs beside its own work, so the
// same input has the same exit status everywhere: the envelope (ISA/GS/ST
// pairs, control numbers, counts) and the character set (x12/syntax/charset.hpp).
struct InputChecks {
  explicit InputChecks(bool show_values) { findings.capture_values = show_values; }
  void add(const syntax::Segment& s) {
    envelope.add(s);
    characters.add(s);
  }
  // After the last segment (envelopes left open are findings unless the reader stopped).
  void finish(const syntax::Reader& reader) {
    if (!reader.stop()) envelope.finish(reader.bytes_read());
  }
  Diagnostics findings;
  syntax::EnvelopeChecker envelope{findings};
  syntax::CharacterCheck characters{findings};
};

// Opens FILE ("-": standard input) to be read more than once (json's checks,
// redact's two passes); prints why not and returns nullopt.
std::optional<syntax::RereadableInput> open_rereadable_input(const std::string& path);

// For a command whose pipeline does not show it the segments (json): reads
// the input once more from its first byte, runs InputChecks, prints their
// findings; true when one is an error.
bool input_check_errors(const syntax::RereadableInput& input, const syntax::ReaderOptions& options, bool show_values);

// Prints findings to standard error, one per line, values hidden unless asked.
void print_findings(const Diagnostics& d, bool show_values, std::FILE* to = stderr);
// --busy-timeout SECONDS for the commands that open a ledger.
void add_ledger_options(CLI::App* cmd, billing::LedgerOptions& options);

// The exit status for a stop: 2 when the file could not be read at all or is
// not X12 (empty, no ISA header, a cut-off or malformed ISA) or the ledger is
// unusable, 1 for a stop inside readable X12.
Exit stop_exit(const Error& e);
// Prints a stop ("cannot go on") in plain words; returns stop_exit(e).
Exit print_stop(const Error& e);

// A whole input file (syntax::read_whole_file), or nullopt after saying
// "x12: cannot read PATH" (with `what`: "x12: cannot read the WHAT file PATH").
std::optional<std::string> read_text_file(const std::string& path, std::string_view what = {});

// Every command registers itself on the app and sets `exit_code` when it runs.
void register_print(CLI::App& app, int& exit_code);
void register_stats(CLI::App& app, int& exit_code);
void register_fmt(CLI::App& app, int& exit_code);
void register_json(CLI::App&, int&);
void register_from_json(CLI::App&, int&);
void register_validate(CLI::App& app, int& exit_code);
void register_tree(CLI::App& app, int& exit_code);
void register_redact(CLI::App& app, int& exit_code);
void register_claims(CLI::App& app, int& exit_code);
void register_auth(CLI::App& app, int& exit_code);
void register_post(CLI::App& app, int& exit_code);
void register_denials(CLI::App& app, int& exit_code);
void register_aging(CLI::App& app, int& exit_code);
void register_track(CLI::App& app, int& exit_code);
void register_claims_status(CLI::App& app, int& exit_code);
void register_status_request(CLI::App& app, int& exit_code);
void register_balances(CLI::App& app, int& exit_code);
void register_secondary(CLI::App& app, int& exit_code);
void register_eligibility(CLI::App& app, int& exit_code);
// x12 view and x12 report (cmd_view.cpp).
void register_view(CLI::App& app, int& exit_code);

}  // namespace x12::cli
