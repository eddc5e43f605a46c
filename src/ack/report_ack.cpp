#include "x12/ack/report_ack.hpp"

#include <vector>

#include "x12/ack/results.hpp"

namespace x12::ack {

std::string make_acks(const schema::Report& report, AckKind kind, const AckOptions& options) {
  std::string text;
  for (const auto& i : report.interchanges) {
    if (kind == AckKind::ta1) {
      std::vector<Finding> all = i.findings;
      text += make_ta1(i.header, all, options);
    } else {
      for (const auto& g : i.groups) text += make_999(to_result(g), options);
    }
  }
  return text;
}

}  // namespace x12::ack
