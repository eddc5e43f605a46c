// The properties the fuzz targets check, as plain functions: each takes the
// raw input and returns the property it violated, or nothing. The fuzz
// targets abort on a violation (so libFuzzer saves the input); the regression
// test (tests/hostile/regress_test.cpp) replays saved inputs through the same
// functions. A crash or sanitizer report is caught by the sanitizers, not here.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "x12/money.hpp"
#include "x12/schema/grammar_loader.hpp"
#include "x12/schema/registry.hpp"
#include "x12/syntax.hpp"

namespace x12::fuzz {

using Violation = std::optional<std::string>;

#define X12_PROPERTY(cond, what) \
  do {                           \
    if (!(cond)) return (what);  \
  } while (0)

// Aborts with the violated property (libFuzzer then writes the input out).
inline int enforce(const Violation& v) {
  if (v) {
    std::fprintf(stderr, "fuzz property violated: %s\n", v->c_str());
    std::abort();
  }
  return 0;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Guards every read loop: each segment must start after the previous one, so
// a reader that stops advancing is a violation rather than a hang.
class Progress {
 public:
  bool advanced(const syntax::Segment& s) {
    const bool ok = first_ || s.offset() > last_;
    first_ = false;
    last_ = s.offset();
    return ok;
  }

 private:
  bool first_ = true;
  std::uint64_t last_ = 0;
};

struct SegmentRecord {
  std::string content;
  std::uint64_t offset = 0;
  std::uint64_t index = 0;
  std::uint32_t set_index = 0;
  bool terminated = true;
  friend bool operator==(const SegmentRecord&, const SegmentRecord&) = default;
};

struct Reading {
  std::vector<SegmentRecord> segments;
  std::optional<std::error_code> stop;
  std::vector<Code> findings;  // reader findings, in order
  bool stalled = false;        // the reader returned a segment that did not advance
};

inline Reading read_records(syntax::Reader& reader) {
  Reading r;
  syntax::Segment s;
  Progress progress;
  while (reader.next(s)) {
    if (!progress.advanced(s)) {
      r.stalled = true;
      break;
    }
    // Touch every accessor the way a consumer would.
    (void)s.id();
    (void)s.gap();
    for (auto e : s.elements())
      for (auto rep : s.repetitions(e))
        for (auto c : s.components(rep)) (void)c;
    (void)s.element(s.element_count() + 1);
    (void)s.component(1, 2);
    (void)s.repetition(1, 2);
    (void)s.position(1, 1).describe();
    r.segments.push_back({std::string(s.content()), s.offset(), s.index(), s.set_index(), s.terminated()});
  }
  if (reader.stop()) r.stop = reader.stop()->code;
  for (const auto& f : reader.diagnostics().all()) r.findings.push_back(f.code);
  return r;
}

// fuzz_reader_buffer: the reader over the buffer, every segment fed to the
// envelope checker, every finding formatted.
inline Violation check_reader_buffer(std::string_view text) {
  syntax::Reader reader(text);
  Diagnostics findings;
  findings.capture_values = text.size() % 2 == 1;
  syntax::EnvelopeChecker envelope(findings);
  syntax::Segment s;
  std::uint64_t n = 0;
  Progress progress;
  while (reader.next(s)) {
    X12_PROPERTY(progress.advanced(s), "each segment starts after the previous one (the reader advances)");
    envelope.add(s);
    ++n;
    // A segment skipped over a reader limit keeps its index: the only gaps.
    std::uint64_t skipped = 0;
    for (const auto& f : reader.diagnostics().all())
      skipped += f.code == Code::segment_too_long || f.code == Code::element_over_limit ? 1 : 0;
    X12_PROPERTY(s.index() == n + skipped, "segment indexes count from 1, a skipped segment keeping its own");
    X12_PROPERTY(s.offset() < text.size(), "a segment starts inside the input");
    X12_PROPERTY(s.offset() + s.content().size() <= text.size(), "a segment ends inside the input");
    X12_PROPERTY(s.content().data() == text.data() + s.offset(), "a segment is a view of the input at its offset");
  }
  if (!reader.stop()) envelope.finish(reader.bytes_read());
  X12_PROPERTY(reader.bytes_read() <= text.size(), "bytes_read stays within the input");
  for (const auto& f : reader.diagnostics().all()) (void)format(f, true);
  for (const auto& f : findings.all()) {
    (void)format(f, false);
    (void)format(f, true);
    if (!findings.capture_values) X12_PROPERTY(f.value.empty(), "no values are captured unless asked");
  }
  if (const Error* e = reader.stop()) (void)e->where.describe();
  return std::nullopt;
}

// fuzz_reader_stream: a Source handing out small pieces gives the same
// segments, stop and findings as the buffer. Byte 0 picks the piece and
// chunk sizes, byte 1 the segment length limit (small when >= 0x80).
inline Violation check_reader_stream(std::string_view input) {
  if (input.size() < 2) return std::nullopt;
  const auto b0 = static_cast<unsigned char>(input[0]), b1 = static_cast<unsigned char>(input[1]);
  syntax::ReaderOptions options;
  options.max_segment_length = b1 < 0x80 ? std::size_t{1} << 20 : 16 + (b1 & 0x7F) * 8u;
  std::string_view text = input.substr(2);

  syntax::Reader buffer_reader(text, options);
  Reading expected = read_records(buffer_reader);
  options.chunk_size = 1 + (b0 >> 4) * 37u;
  syntax::StringSource source(text, 1 + (b0 & 0x0F));
  syntax::Reader stream_reader(source, options);
  Reading got = read_records(stream_reader);

  X12_PROPERTY(!expected.stalled && !got.stalled, "each segment starts after the previous one (the reader advances)");
  X12_PROPERTY(got.stop == expected.stop, "stream and buffer readers stop alike");
  X12_PROPERTY(got.segments.size() == expected.segments.size(), "stream and buffer readers give as many segments");
  X12_PROPERTY(got.segments == expected.segments, "stream and buffer readers give the same segments");
  X12_PROPERTY(got.findings == expected.findings, "stream and buffer readers report the same findings");
  return std::nullopt;
}

// A segment as id + elements as repetitions of components, delimiters
// replaced by fixed markers (ISA11/ISA16 are the delimiters, not compared).
// The id is split like a value too: the writer re-delimits every byte after
// the ISA, the id included, so a (malformed) id holding a separator keeps
// its meaning, not its bytes.
inline std::string structure(const syntax::Segment& s) {
  std::string out;
  for (char c : s.id())
    out += c == s.delimiters().component                                           ? '\x03'
           : (s.delimiters().repetition != '\0' && c == s.delimiters().repetition) ? '\x02'
                                                                                   : c;
  out += '\x04';
  if (s.is("ISA")) {
    for (std::size_t e = 1; e <= 16; ++e) {
      out += '\x01';
      if (e != 11 && e != 16) out += s.element(e);
    }
    return out;
  }
  bool first_element = true;
  for (auto e : s.elements()) {
    if (!first_element) out += '\x01';
    first_element = false;
    bool first_rep = true;
    for (auto rep : s.repetitions(e)) {
      if (!first_rep) out += '\x02';
      first_rep = false;
      bool first_comp = true;
      for (auto c : s.components(rep)) {
        if (!first_comp) out += '\x03';
        first_comp = false;
        out += c;
      }
    }
  }
  if (!s.terminated()) out += '\x05';
  return out;
}

// Output delimiter sets for the re-delimited round trip; the input picks one.
inline constexpr syntax::Delimiters kOtherDelimiters[] = {
    {'|', '{', '>', '\''},
    {'^', '*', '~', '\x1C'},
    {'\x1D', '\x1F', '\x1E', '\x1C'},
};

// fuzz_roundtrip: (1) same delimiters, gaps and trailing bytes give the input
// back byte for byte when the reader neither stopped nor skipped a segment;
// (2) another delimiter set, read again, gives the same structure unless the
// writer reported delimiter_in_data.
inline Violation check_roundtrip(std::string_view text) {
  std::vector<std::string> shapes;
  {
    syntax::Reader reader(text);
    std::string out;
    syntax::Writer w(out, syntax::Delimiters{});
    w.set_line_breaks(false);
    syntax::Segment s;
    Progress progress;
    while (reader.next(s)) {
      X12_PROPERTY(progress.advanced(s), "each segment starts after the previous one (the reader advances)");
      if (s.is("ISA")) w.set_delimiters(s.delimiters());
      w.write_gap(s.gap());
      w.write(s);
      shapes.push_back(structure(s));
    }
    w.write_gap(reader.trailing());
    if (reader.stop()) return std::nullopt;
    for (const auto& f : reader.diagnostics().all())
      if (f.code == Code::segment_too_long) return std::nullopt;
    X12_PROPERTY(out == text, "reading and writing with the same delimiters gives the input back");
  }

  const auto& other = kOtherDelimiters[text.size() % std::size(kOtherDelimiters)];
  std::string redelimited;
  {
    syntax::Reader reader(text);
    syntax::Writer w(redelimited, other);
    syntax::Segment s;
    while (reader.next(s)) {
      if (s.is("ISA")) {
        syntax::Delimiters d = other;
        if (s.delimiters().repetition == '\0') d.repetition = '\0';  // pre-4020: ISA11 is a code
        w.set_delimiters(d);
      }
      w.write(s);
    }
    for (const auto& f : w.diagnostics().all())
      if (f.code == Code::delimiter_in_data) return std::nullopt;
  }
  syntax::Reader again(redelimited);
  std::vector<std::string> shapes_again;
  syntax::Segment s;
  Progress progress;
  while (again.next(s)) {
    X12_PROPERTY(progress.advanced(s), "re-delimited output: each segment starts after the previous one");
    shapes_again.push_back(structure(s));
  }
  X12_PROPERTY(!again.stop(), "re-delimited output reads without a stop");
  X12_PROPERTY(shapes_again.size() == shapes.size(), "re-delimited output has as many segments");
  X12_PROPERTY(shapes_again == shapes, "re-delimited output has the same segment structure");
  return std::nullopt;
}

// fuzz_money: what parses prints back in both forms and parses again to the
// same amount.
inline Violation check_money(std::string_view text) {
  auto m = Money::parse(text);
  if (!m) return std::nullopt;
  for (const auto& printed : {m->to_x12(), m->to_string()}) {
    auto back = Money::parse(printed);
    X12_PROPERTY(back.has_value(), "a printed amount parses");
    X12_PROPERTY(*back == *m, "a printed amount parses to the same amount");
  }
  X12_PROPERTY(m->to_x12().size() <= text.size() + 1, "the X12 form is no longer than the input (plus a leading 0)");
  return std::nullopt;
}

// fuzz_grammar_loader: byte 0 picks the entry point (dictionary, code lists,
// grammar against the embedded dictionary, registry); the loader returns a
// value or a grammar error, never anything else.
inline Violation check_grammar_loader(std::string_view input) {
  if (input.empty()) return std::nullopt;
  const auto which = static_cast<unsigned char>(input[0]) % 5;
  std::string_view text = input.substr(1);
  const auto& builtin = schema::Registry::builtin().grammar_set();
  auto bad = [](const Error& e) -> Violation {
    X12_PROPERTY(e.code == make_error_code(errc::grammar_syntax) || e.code == make_error_code(errc::grammar_reference),
                 "the loader fails with a grammar error code");
    X12_PROPERTY(!e.message.empty(), "a loader error says what is wrong");
    return std::nullopt;
  };
  switch (which) {
    case 0: {
      schema::GrammarSet set;
      auto r = set.add_dictionary(text, "fuzz.x12d");
      return r ? std::nullopt : bad(r.error());
    }
    case 1: {
      schema::GrammarSet set;
      auto r = set.add_code_lists(text, "fuzz.x12c");
      return r ? std::nullopt : bad(r.error());
    }
    case 2:
    case 3: {
      auto r = schema::load_grammar(text, "fuzz.x12g", builtin.dictionary(), builtin.code_lists());
      return r ? std::nullopt : bad(r.error());
    }
    default: {
      auto r = schema::load_registry_entries(text, "fuzz.x12r");
      return r ? std::nullopt : bad(r.error());
    }
  }
}

#undef X12_PROPERTY

}  // namespace x12::fuzz
