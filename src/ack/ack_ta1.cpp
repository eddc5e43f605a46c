// make_ta1: the interchange acknowledgment, ISA / TA1 / IEA with no group.
#include <string_view>

#include "ack/interchange.hpp"
#include "x12/ack/ack.hpp"
#include "x12/syntax/writer.hpp"

namespace x12::ack {

namespace {

struct Ta1Result {
  char status = 'A';              // TA104
  std::string_view note = "000";  // TA105
};

// The first TA1-level error decides (R); without errors the first warning
// makes it E; info findings and other levels do not count.
Ta1Result judge(const std::vector<Finding>& findings) {
  Ta1Result r;
  for (const auto& f : findings) {
    if (f.ack_level() != AckLevel::ta1 || f.severity == Severity::info) continue;
    if (f.severity == Severity::error) return {'R', f.ack_code()};
    if (r.status == 'A') r = {'E', f.ack_code()};
  }
  return r;
}

}  // namespace

namespace detail {

void write_ta1(syntax::Writer& w, const syntax::InterchangeInfo& received, const std::vector<Finding>& findings,
               const AckOptions& options) {
  const auto result = judge(findings);
  // TA101-TA103 echo the received header. A field that cannot be written as
  // is (it holds one of our delimiters) is left empty rather than corrupt the
  // acknowledgment.
  auto echo = [&](const std::string& v) -> std::string_view {
    return writable(v, options.delimiters) ? std::string_view(v) : std::string_view{};
  };
  w.begin("TA1")
      .element(echo(received.control))
      .element(echo(received.date))
      .element(echo(received.time))
      .element(std::string_view(&result.status, 1))
      .element(result.note)
      .end();
}

}  // namespace detail

std::string make_ta1(const syntax::InterchangeInfo& received, const std::vector<Finding>& findings,
                     const AckOptions& options) {
  const auto env = detail::check(options);
  std::string out;
  syntax::Writer w(out, options.delimiters);
  detail::write_isa(w, options, env);
  detail::write_ta1(w, received, findings, options);
  detail::write_iea(w, 0, env);
  return out;
}

}  // namespace x12::ack
