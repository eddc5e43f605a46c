// The acknowledgment answering a validation report: one 999 per functional
// group, or one TA1 per interchange (what `x12 validate --ack` writes).
#pragma once

#include <string>

#include "x12/ack/ack.hpp"
#include "x12/schema/validator.hpp"

namespace x12::ack {

enum class AckKind : unsigned char { ack_999, ta1 };

std::string make_acks(const schema::Report& report, AckKind kind, const AckOptions& options = {});

}  // namespace x12::ack
