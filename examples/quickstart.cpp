// Counts claims and their total charge in an 837P, and lists envelope problems.
#include <x12/x12.hpp>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  auto source = x12::syntax::FileSource::open(argv[1]);
  if (!source) return std::puts(source.error().message.c_str()), 2;
  x12::syntax::Reader reader(*source);  // streams the file in chunks
  x12::Diagnostics findings;
  x12::syntax::EnvelopeChecker envelope(findings);
  x12::Money total;
  int claims = 0;
  for (x12::syntax::Segment s; reader.next(s);) {
    envelope.add(s);
    if (s.is("CLM")) ++claims, total += x12::Money::parse(s.element(2)).value_or(x12::Money{});
  }
  envelope.finish(reader.bytes_read());
  std::printf("%d claims, %s charged\n", claims, total.to_string().c_str());
  for (const auto& f : findings.all()) std::puts(x12::format(f).c_str());
  return findings.has_errors() || reader.stop() ? 1 : 0;
}
