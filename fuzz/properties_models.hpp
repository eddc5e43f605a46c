// Properties of the layers above the reader (schema validation with its
// acknowledgments, typed models, JSON import), in the style of
// properties.hpp: each takes the raw input and returns the violated property
// or nothing; the fuzz targets abort on a violation and
// tests/hostile/regress_test.cpp replays saved inputs through the same
// functions. Byte 0 of the input picks options; the rest is the document.
#pragma once

#include <algorithm>
#include <span>

#include "properties.hpp"
#include "x12/ack/ack.hpp"
#include "x12/ack/results.hpp"
#include "x12/schema/parallel.hpp"
#include "x12/schema/validator.hpp"
#include "x12/tx/json.hpp"
#include "x12/tx/read.hpp"
#include "x12/tx/write.hpp"

namespace x12::fuzz {

#define X12_PROPERTY(cond, what) \
  do {                           \
    if (!(cond)) return (what);  \
  } while (0)

// Envelope findings that say the structure the writer made does not hold
// (nesting, counts, matching control numbers), as opposed to a value the
// writer copied from its input (an ST02 of one digit read from JSON, say).
inline bool structural(Code c) {
  switch (c) {
    case Code::interchange_control_mismatch:
    case Code::interchange_group_count_mismatch:
    case Code::interchange_structure_invalid:
    case Code::interchange_trailer_missing:
    case Code::segment_terminator_missing:
    case Code::group_trailer_missing:
    case Code::group_control_mismatch:
    case Code::group_set_count_mismatch:
    case Code::set_trailer_missing:
    case Code::set_control_mismatch:
    case Code::set_segment_count_mismatch:
    case Code::set_outside_group: return true;
    default: return false;
  }
}

// A generated interchange reads to its end, and its envelope holds together.
// An acknowledgment's values are all the generator's own (`strict`: no
// envelope error at all); written models carry values from their input, so
// only the structure is checked.
inline Violation check_generated(std::string_view x12, const char* what, bool strict) {
  syntax::Reader reader(x12);
  Diagnostics envelope_findings;
  syntax::EnvelopeChecker envelope(envelope_findings);
  syntax::Segment s;
  Progress progress;
  while (reader.next(s)) {
    X12_PROPERTY(progress.advanced(s), std::string(what) + ": each segment starts after the previous one");
    envelope.add(s);
  }
  X12_PROPERTY(!reader.stop(), std::string(what) + " reads without a syntax stop");
  envelope.finish(reader.bytes_read());
  X12_PROPERTY(!reader.diagnostics().has_errors(), std::string(what) + " reads without reader errors");
  for (const auto& f : envelope_findings.all())
    X12_PROPERTY(f.severity != Severity::error || (!strict && !structural(f.code)),
                 std::string(what) + " has a sound envelope (" + std::string(info(f.code).name) + ")");
  return std::nullopt;
}

// Fixed date and time, so writing the same models twice gives the same bytes.
inline tx::WriteOptions fixed_write_options() {
  tx::WriteOptions o;
  o.date = "20260101";
  o.time = "1200";
  return o;
}

// Writes the sets; nullopt when the writer had to report a value holding a
// delimiter (such a value cannot round-trip, by design).
inline std::optional<std::string> write_sets(std::span<const tx::AnySet> sets) {
  std::string out;
  syntax::Delimiters d;
  d.line_break = syntax::LineBreak::lf;
  syntax::Writer w(out, d);
  tx::write(sets, w, fixed_write_options());
  if (!w.diagnostics().empty()) return std::nullopt;
  return out;
}

// fuzz_validate: schema::validate (byte 0: bit 0-2 SNIP 1/2/4, bit 3 SNIP 3, bit 4 capture values, bit 5 values in the 999,
// bit 6 small gateway limits, bit 7 streaming input), then a TA1 per
// interchange and a 999 per group, each of which must read back cleanly.
// One line per finding and per set summary, every field: two reports that
// describe alike are the same report.
inline std::vector<std::string> describe(const schema::Report& r) {
  auto where = [](const Position& p) {
    return std::to_string(p.offset) + "/" + std::to_string(p.segment_index) + "/" + std::to_string(p.set_index) + "/" +
           std::string(p.id()) + "/" + std::to_string(p.element) + "/" + std::to_string(p.component) + "/" +
           std::to_string(p.repetition);
  };
  std::vector<std::string> out;
  for (const auto& f : r.diagnostics.all())
    out.push_back(std::to_string(static_cast<int>(f.code)) + "/" + std::to_string(static_cast<int>(f.severity)) +
                  " at " + where(f.where) + " trigger " + where(f.trigger) + " " + f.trigger_loop + " ref " +
                  f.reference + " loop " + f.loop + ": " + f.message + " [" + f.value + "]");
  for (const auto* s : r.sets())
    out.push_back("set " + s->id + "/" + s->control + "/" + s->reference + " " + s->guide + " " +
                  std::to_string(s->segments) + " segments, " + std::to_string(s->findings.size()) + " findings (" +
                  std::to_string(s->errors) + " errors, " + std::to_string(s->warnings) + " warnings), " +
                  std::string(to_string(s->status)));
  out.push_back("segments " + std::to_string(r.segments) + (r.stop ? " stopped" : ""));
  return out;
}

// fuzz_jobs_diff: byte 0 picks the rule families (bits 0-3: SNIP 1, 2, 4,
// 3), bit 4 captures values and bits 5-7 the chunk size of the streamed
// input; the rest is the input. validate_parallel with one worker and with
// two reports what the serial validate() reports: every field of every
// finding and summary, in the same order (positions and CTX triggers mapped
// back to the input). The loop-tree validator this target once compared
// against is retired; its agreement lives on in tests/golden/.
inline Violation check_jobs_diff(std::string_view input) {
  if (input.empty()) return std::nullopt;
  const auto b0 = static_cast<unsigned char>(input[0]);
  const std::string_view text = input.substr(1);
  schema::ValidateOptions options;
  options.rules = {(b0 & 1) != 0, (b0 & 2) != 0, (b0 & 4) != 0, (b0 & 8) != 0};
  options.capture_values = (b0 & 0x10) != 0;
  const std::size_t chunk = std::size_t{1} << (2 * (b0 >> 5));  // 1, 4, 16, ... 16384 bytes
  const auto serial = describe(schema::validate(text, options));
  for (unsigned jobs : {1u, 2u}) {
    syntax::StringSource source(text, chunk);
    X12_PROPERTY(describe(schema::validate_parallel(source, options, jobs)) == serial,
                 "validate_parallel with " + std::to_string(jobs) + " worker(s) reports what validate reports");
  }
  return std::nullopt;
}

inline Violation check_validate(std::string_view input) {
  if (input.empty()) return std::nullopt;
  const auto b0 = static_cast<unsigned char>(input[0]);
  std::string_view text = input.substr(1);
  schema::ValidateOptions options;
  options.rules = {(b0 & 1) != 0, (b0 & 2) != 0, (b0 & 4) != 0, (b0 & 8) != 0};
  options.capture_values = (b0 & 0x10) != 0;
  if (b0 & 0x40) {  // every gateway limit small, so each breach path runs
    options.reader.max_segment_length = 64 + text.size() % 256;
    options.reader.max_element_length = 8 + text.size() % 64;
    options.tree.max_segments = 5 + text.size() % 50;
    options.tree.max_depth = 1 + static_cast<std::uint32_t>(text.size() % 4);
    options.max_sets = 1 + text.size() % 3;
  }
  schema::Report report;
  if (b0 & 0x80) {
    syntax::StringSource source(text, 1 + text.size() % 61);
    report = schema::validate(source, options);
    // Sets checked on worker threads report what the serial run reports,
    // positions and CTX triggers mapped back to the input.
    syntax::StringSource again(text, 1 + text.size() % 61);
    X12_PROPERTY(describe(schema::validate_parallel(again, options, 2)) == describe(report),
                 "validate_parallel reports what validate reports");
  } else {
    report = schema::validate(text, options);
  }
  // Balancing (SNIP 3) ran in the same pass, on the streaming engine.

  for (const auto& f : report.diagnostics.all()) {
    X12_PROPERTY(f.where.offset <= text.size(), "a finding lies inside the input");
    if (!options.capture_values) X12_PROPERTY(f.value.empty(), "no values are captured unless asked");
    (void)format(f, options.capture_values);
  }
  for (const auto* set : report.sets()) {
    X12_PROPERTY((set->status == schema::SetStatus::rejected) == (set->errors > 0),
                 "a set is rejected exactly when it has errors");
    for (const auto& f : set->findings)
      X12_PROPERTY(f.where.offset <= text.size(), "a set finding lies inside the input");
  }

  ack::AckOptions ack_options;
  ack_options.include_values = (b0 & 0x20) != 0;
  for (const auto& interchange : report.interchanges) {
    if (auto v = check_generated(ack::make_ta1(interchange.header, interchange.findings, ack_options), "the TA1", true))
      return v;
    for (const auto& group : interchange.groups)
      if (auto v = check_generated(ack::make_999(ack::to_result(group), ack_options), "the 999", true)) return v;
  }
  return std::nullopt;
}

// fuzz_tx_read: the typed readers (byte 0: bits 0-1 pick read, read_837p,
// read_835; bit 2 report unmodelled segments; bit 3 capture values). What
// reads is written and read again until the bytes settle (a few rounds,
// never losing or adding a segment).
inline Violation check_tx_read(std::string_view input) {
  if (input.empty()) return std::nullopt;
  const auto b0 = static_cast<unsigned char>(input[0]);
  std::string_view text = input.substr(1);
  tx::ReadOptions options;
  options.report_unmodelled = (b0 & 4) != 0;
  options.capture_values = (b0 & 8) != 0;
  std::vector<tx::AnySet> sets;
  std::optional<Error> stop;
  auto take = [&](auto&& result) -> Violation {
    for (auto& s : result.sets) sets.emplace_back(std::move(s));
    stop = result.stop;
    if (!options.capture_values)
      for (const auto& f : result.diagnostics.all())
        X12_PROPERTY(f.value.empty(), "no values are captured unless asked");
    return Violation{};
  };
  Violation v;
  switch (b0 & 3) {
    case 1: v = take(tx::read_837p(text, options)); break;
    case 2: v = take(tx::read_835(text, options)); break;
    default: v = take(tx::read(text, options)); break;
  }
  if (v) return v;
  if (sets.empty() || stop) return std::nullopt;

  auto written = write_sets(sets);
  if (!written) return std::nullopt;
  if (auto bad = check_generated(*written, "the written sets", false)) return bad;
  // Writing normalizes what a lenient read kept as it was (trailing empty
  // elements, a set-level segment the model could not read, segments out of
  // guide order), so the bytes must settle, with as many segments, within a
  // few rounds of reading and writing. Open issue: unmodelled segments that
  // came out of guide order are not placed canonically (NM1*41 DMG DMG DMG N3
  // N4; repeated N1*PE and PER in an 835 header), so settling can take three
  // writes rather than two; the bytes never change in number.
  const auto segments = [](std::string_view x12) { return std::count(x12.begin(), x12.end(), '\n'); };
  std::string previous = *written;
  for (int round = 0; round < 4; ++round) {
    auto again = tx::read(previous, options);
    X12_PROPERTY(!again.stop, "written sets read without a stop");
    X12_PROPERTY(again.sets.size() == sets.size(), "written sets read back as many sets");
    auto next = write_sets(again.sets);
    X12_PROPERTY(next.has_value(), "re-read models write without delimiter findings");
    X12_PROPERTY(segments(*next) == segments(previous), "writing re-read models gives as many segments");
    if (*next == previous) return std::nullopt;
    previous = std::move(*next);
  }
  return "reading and writing settles on the same bytes within four rounds";
}

// fuzz_json_import: tx::from_json gives models or errors with a path and a
// message; whatever models it gives write to X12 that reads back cleanly,
// and a clean import exported and imported again writes the same X12.
inline Violation check_json_import(std::string_view text) {
  auto r = tx::from_json(text);
  for (const auto& e : r.errors) {
    X12_PROPERTY(!e.message.empty(), "a JSON error says what is wrong");
    // "$.header.date", or "line 3: $..." for JSON lines.
    X12_PROPERTY(e.path.find('$') != std::string::npos, "a JSON error names a path from the document root");
  }
  if (r.sets.empty()) return std::nullopt;
  std::string any = tx::to_x12(std::span<const tx::AnySet>(r.sets), fixed_write_options());
  auto written = write_sets(r.sets);
  if (!written) return std::nullopt;
  X12_PROPERTY(*written == any, "to_x12 and write give the same bytes");
  if (auto bad = check_generated(*written, "X12 written from JSON", false)) return bad;
  if (!r.ok()) return std::nullopt;

  std::string json;
  for (const auto& s : r.sets) {
    tx::to_json(s, json);
    json += '\n';
  }
  auto back = tx::from_json(json);
  X12_PROPERTY(back.ok(), "exported JSON imports without errors");
  X12_PROPERTY(back.sets.size() == r.sets.size(), "exported JSON imports as many sets");
  auto rewritten = write_sets(back.sets);
  X12_PROPERTY(rewritten && *rewritten == *written, "exported and re-imported JSON writes the same X12");
  return std::nullopt;
}

#undef X12_PROPERTY

}  // namespace x12::fuzz
