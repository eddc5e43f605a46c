// Pages people read in a browser: one self-contained HTML document (inline
// CSS and SVG, no script, no network, no external fonts), printable to PDF.
//
//   837P          CMS-1500-style claim forms, one per claim (box numbers)
//   835           remittance advice (EOB): per payment and claim, billed,
//                 allowed, paid, patient responsibility, each adjustment with
//                 its group, CARC/RARC and description, provider adjustments,
//                 and totals reconciled to BPR02
//   999/TA1/277CA acknowledgment report: accepted and rejected sets or
//                 claims, each error in words
//   other sets    their segments
//
// Numbers a test or a script may check carry data-* attributes:
// data-total-charge, data-line-charge, data-paid, data-payment-amount,
// data-posted-total, data-finding-count...
//
// Patient data appears (the pages are for the practice) unless
// `redact` masks it as `x12 redact` does.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "x12/billing/aging.hpp"
#include "x12/billing/denials.hpp"
#include "x12/error.hpp"
#include "x12/schema/validator.hpp"
#include "x12/syntax/reader.hpp"

namespace x12::view {

struct ViewOptions {
  bool redact = false;  // mask names, ids, dates of birth, addresses (syntax::Redactor)
  std::string title;    // page title; the file name when empty
};

// The page for an interchange (`x12 view`); a stop when it cannot be read.
result<std::string> render_interchange(std::string_view bytes, const ViewOptions& options = {});

// `x12 validate --format html`: the file's segments, each finding marked
// where it occurs (findings from `report`, which validated `bytes`).
std::string render_validation(std::string_view bytes, const schema::Report& report, const ViewOptions& options = {});

// `x12 report --db`: the denials worklist, aging buckets as an inline SVG
// chart, and the unpaid claims.
std::string render_ledger(std::span<const billing::Denial> denials, const billing::AgingReport& aging,
                          const ViewOptions& options = {});

// The bytes with patient data masked, as `x12 redact` writes them.
std::string redacted(std::string_view bytes);

}  // namespace x12::view
