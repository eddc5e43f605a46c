// Reads a tiny interchange through the installed library.
#include <x12/x12.hpp>

int main() {
  const char* text =
      "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250101*1200*^*00501*000000001*0*T*:~"
      "GS*HC*SENDER*RECEIVER*20250101*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~SE*2*0001~GE*1*1~IEA*1*000000001~";
  x12::syntax::Reader reader{std::string_view(text)};
  x12::Diagnostics findings;
  x12::syntax::EnvelopeChecker envelope(findings);
  x12::syntax::Segment segment;
  while (reader.next(segment)) envelope.add(segment);
  envelope.finish(reader.bytes_read());
  return envelope.counts().segments == 6 && !findings.has_errors() ? 0 : 1;
}
