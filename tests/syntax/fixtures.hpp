// Small hand-written interchanges for syntax tests.
#pragma once

#include <string>
#include <vector>

#include "x12/syntax.hpp"

namespace x12::test {

inline const std::string kIsa =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250101*1200*^*00501*000000001*0*T*:~";

// A well-formed 837 interchange with one transaction set of `body` segments.
inline std::string tiny_interchange(const std::string& sep = "") {
  return kIsa + sep + "GS*HC*SENDER*RECEIVER*20250101*1200*1*X*005010X222A1~" + sep + "ST*837*0001*005010X222A1~" +
         sep + "BHT*0019*00*B1*20250101*1200*CH~" + sep + "SV1*HC:90837:95*150*UN*1***1:2~" + sep + "SE*4*0001~" + sep +
         "GE*1*1~" + sep + "IEA*1*000000001~" + sep;
}

struct ReadAll {
  std::vector<std::string> segments;  // content of each segment
  std::vector<Position> positions;    // and where it stands
  Diagnostics findings;               // reader + envelope findings
  const Error* stop = nullptr;
  std::optional<Error> stop_copy;
};

inline ReadAll read_all(syntax::Reader& reader) {
  ReadAll r;
  syntax::EnvelopeChecker envelope(r.findings);
  syntax::Segment s;
  while (reader.next(s)) {
    r.segments.emplace_back(s.content());
    r.positions.push_back(s.position());
    envelope.add(s);
  }
  if (reader.stop()) {
    r.stop_copy = *reader.stop();
  } else {
    envelope.finish(reader.bytes_read());
  }
  for (const auto& f : reader.diagnostics().all()) r.findings.add(f);
  return r;
}

inline ReadAll read_all(std::string_view text) {
  syntax::Reader reader(text);
  return read_all(reader);
}

inline bool has_code(const Diagnostics& d, Code c) {
  for (const auto& f : d.all())
    if (f.code == c) return true;
  return false;
}

}  // namespace x12::test
