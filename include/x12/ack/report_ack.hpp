// The acknowledgment answering a validation report: one response interchange
// per interchange of the input, holding one 999 per functional group, or one
// TA1 (what `x12 validate --ack` writes). See ack/ack_sink.hpp for the
// routing and control-number options.
#pragma once

#include <string>

#include "x12/ack/ack.hpp"
#include "x12/ack/ack_sink.hpp"
#include "x12/schema/validator.hpp"

namespace x12::ack {

// make_acks with the envelope taken from each acknowledged interchange (dated
// now, control numbers from 1).
std::string make_acks(const schema::Report& report, AckKind kind, const AckOptions& options = {});

}  // namespace x12::ack
