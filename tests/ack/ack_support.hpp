// Helpers for the acknowledgment tests: findings built by hand, a 999 read
// back through the syntax layer, and its segment order checked against the
// project's own 999 grammar.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "x12/ack/ack.hpp"
#include "x12/schema/registry.hpp"
#include "x12/syntax.hpp"
#include "x12/testdata/generator.hpp"

namespace x12::test {

struct At {
  std::uint32_t set_index = 0;
  std::string_view segment;
  std::string_view loop;
  std::uint16_t element = 0, component = 0, repetition = 0;
};

inline Finding finding(Code code, At at = {}, std::string value = {}) {
  Finding f;
  f.code = code;
  f.severity = info(code).severity;
  f.where.set_index = at.set_index;
  f.where.set_id(at.segment);
  f.where.element = at.element;
  f.where.component = at.component;
  f.where.repetition = at.repetition;
  f.loop = std::string(at.loop);
  f.value = std::move(value);
  return f;
}

// An 837 group with `n` sets, controls 0001, 0002, ...
inline ack::GroupResult group_837(std::size_t n = 1) {
  ack::GroupResult g;
  g.functional_id = "HC";
  g.control = "101";
  g.version = "005010X222A1";
  g.sets_declared = n;
  for (std::size_t i = 1; i <= n; ++i) g.sets.push_back({"837", "000" + std::to_string(i), "005010X222A1", {}, {}});
  return g;
}

// A generated 837P of `claims` claims, at most `per_set` to a transaction set.
inline std::string generated_837(std::uint64_t claims, std::uint32_t per_set = 5000) {
  testdata::Options o;
  o.claims = claims;
  o.max_claims_per_set = per_set;
  std::string text;
  testdata::generate(o, text);
  return text;
}

// Segments (without terminators) split on `terminator`; line breaks dropped.
inline std::vector<std::string> split_segments(std::string_view text, char terminator = '~') {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == terminator) {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\n' && c != '\r') {
      cur.push_back(c);
    }
  }
  return out;
}

// ST ... SE of a 999, joined with '~' (each segment terminated).
inline std::string body(std::string_view text) {
  std::string out;
  bool in = false;
  for (const auto& s : split_segments(text)) {
    in = in || s.starts_with("ST*");
    if (in) out += s + "~";
    if (s.starts_with("SE*")) break;
  }
  return out;
}

// Reads text through Reader + EnvelopeChecker; every finding, formatted.
inline std::vector<std::string> read_back(std::string_view text) {
  Diagnostics d;
  syntax::Reader reader(text);
  syntax::EnvelopeChecker envelope(d);
  syntax::Segment s;
  while (reader.next(s)) envelope.add(s);
  std::vector<std::string> out;
  if (reader.stop()) out.push_back("stop: " + reader.stop()->message);
  envelope.finish(reader.bytes_read());
  for (const auto& f : reader.diagnostics().all()) d.add(f);
  for (const auto& f : d.all()) out.push_back(format(f));
  return out;
}

// Matches segment ids against a loop of the grammar in guide order, each
// segment up to its max use and each loop up to its repeat. Returns the
// index after the last segment the loop took.
inline std::size_t match_loop(const schema::LoopDef& loop, const std::vector<std::string>& ids, std::size_t i) {
  for (const auto& child : loop.children) {
    if (child.kind == schema::LoopChild::Kind::segment) {
      const auto& seg = loop.segment(child);
      std::uint32_t n = 0;
      while (i < ids.size() && ids[i] == seg.id && (seg.max_use == 0 || n < seg.max_use)) ++i, ++n;
    } else {
      const auto& sub = loop.loop(child);
      std::uint32_t n = 0;
      while (i < ids.size() && ids[i] == sub.trigger().id && (sub.repeat == 0 || n < sub.repeat)) {
        const auto next = match_loop(sub, ids, i);
        if (next == i) break;
        i = next, ++n;
      }
    }
  }
  return i;
}

// Empty when the ST..SE segments of a 999 follow the 999 grammar's order;
// otherwise where they stop following it.
inline std::string grammar_order_problem(std::string_view text) {
  const auto* g = schema::Registry::builtin().find("005010X231A1", "999");
  if (g == nullptr) return "no 999 grammar";
  std::vector<std::string> ids;
  for (const auto& s : split_segments(body(text))) ids.push_back(s.substr(0, s.find('*')));
  std::size_t i = 0;
  for (const auto& loop : g->loops) i = match_loop(loop, ids, i);
  if (i == ids.size()) return {};
  return "segment " + std::to_string(i + 1) + " (" + ids[i] + ") is out of the grammar's order";
}

}  // namespace x12::test
