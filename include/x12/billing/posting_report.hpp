// Postings, denials and aging as JSON (docs/json.md, "x12 post"), CSV (one
// row per claim or line) and plain text. Money is a decimal string with two
// places; dates are YYYY-MM-DD.
#pragma once

#include <span>
#include <string>

#include "x12/billing/aging.hpp"
#include "x12/billing/denials.hpp"
#include "x12/billing/posting.hpp"

namespace x12::billing {

std::string to_json(std::span<const RemittancePosting> postings);
std::string to_csv(std::span<const RemittancePosting> postings);
std::string to_text(std::span<const RemittancePosting> postings);

std::string to_json(std::span<const Denial> denials);
std::string to_csv(std::span<const Denial> denials);
std::string to_text(std::span<const Denial> denials);

std::string to_json(const AgingReport &report);
std::string to_text(const AgingReport &report);

// "HC:90834:95" style text of a procedure composite.
std::string procedure_text(const tx::Procedure &p);

} // namespace x12::billing
