#include "x12/ack/report_ack.hpp"

namespace x12::ack {

std::string make_acks(const schema::Report& report, AckKind kind, const AckOptions& options) {
  ControlNumbers next;
  return make_acks(report, kind, options, RouteOptions{}, next);
}

}  // namespace x12::ack
