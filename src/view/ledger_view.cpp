// x12 report --db LEDGER: denials worklist, aging buckets as an inline SVG
// chart, and the unpaid claims.
#include <fmt/format.h>

#include <algorithm>

#include "page.hpp"
#include "x12/billing/posting_report.hpp"
#include "x12/money.hpp"
#include "x12/syntax/redact.hpp"
#include "x12/view/html.hpp"

namespace x12::view {

using namespace detail;

namespace {

std::string masked(const std::string& value, bool redact) {
  if (!redact) return value;
  std::string out;
  syntax::Redactor::mask(value, ':', '^', out);
  return out;
}

// A bar chart of the charge per bucket (width 480, one bar per bucket).
std::string aging_chart(const json& buckets) {
  double most = 0;
  for (const auto& b : buckets) most = std::max(most, std::stod(text(b, "charge").empty() ? "0" : text(b, "charge")));
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"200\" role=\"img\" "
      "aria-label=\"Unpaid charge by age\">\n";
  int i = 0;
  for (const auto& b : buckets) {
    const double charge = std::stod(text(b, "charge").empty() ? "0" : text(b, "charge"));
    const int h = most > 0 ? static_cast<int>(140 * charge / most) : 0;
    const int x = 20 + i * 115;
    svg += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"80\" height=\"{}\" fill=\"#47a\" data-bucket=\"{}\" data-charge=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>"
        "<text x=\"{}\" y=\"195\" font-size=\"11\" text-anchor=\"middle\">{} days ({})</text>\n",
        x, 170 - h, h, escape(text(b, "bucket")), escape(text(b, "charge")), x + 40, 165 - h, escape(text(b, "charge")),
        x + 40, escape(text(b, "bucket")), escape(text(b, "claims")));
    ++i;
  }
  return svg + "</svg>\n";
}

}  // namespace

std::string render_ledger(std::span<const billing::Denial> denials, const billing::AgingReport& aging,
                          const ViewOptions& options) {
  json d = json::parse(billing::to_json(denials));
  json a = json::parse(billing::to_json(aging));
  std::string body = fmt::format("<h1>{}</h1>\n", escape(options.title));
  body += fmt::format(
      "<h2>Denials worklist ({})</h2>\n<table data-denial-count=\"{}\"><tr><th>Payer</th>"
      "<th>Account</th><th>Procedure</th><th>Reason</th><th>Description</th><th>Amount</th>"
      "<th>Family</th><th>Next step</th><th>Appeal by</th></tr>\n",
      d.size(), d.size());
  for (const auto& x : d)
    body += "<tr>" + cell(text(x, "payer")) + cell(masked(text(x, "patient_control_number"), options.redact)) +
            cell(text(x, "procedure")) + cell(text(x, "group") + "-" + text(x, "reason")) +
            cell(text(x, "description")) + cell(text(x, "amount"), "money", "denied") + cell(text(x, "family")) +
            cell(text(x, "next_step")) + cell(text(x, "appeal_deadline")) + "</tr>\n";
  body += "</table>\n<h2>Aging of unpaid claims</h2>\n" + aging_chart(a["buckets"]);
  body += "<table><tr><th>Bucket</th><th>Claims</th><th>Charge</th></tr>\n";
  for (const auto& b : a["buckets"])
    body += "<tr>" + cell(text(b, "bucket")) + cell(text(b, "claims")) +
            cell(text(b, "charge"), "money", "bucket-charge") + "</tr>\n";
  body +=
      "</table>\n<h3>Unpaid claims, oldest first</h3>\n<table><tr><th>Account</th><th>Payer</th><th>Charge</th>"
      "<th>Submitted</th><th>Days</th><th>Bucket</th></tr>\n";
  for (const auto& c : a["claims"])
    body += "<tr>" + cell(masked(text(c, "patient_control_number"), options.redact)) + cell(text(c, "payer")) +
            cell(text(c, "charge"), "money", "unpaid-charge") + cell(text(c, "submitted")) + cell(text(c, "days")) +
            cell(text(c, "bucket")) + "</tr>\n";
  body += "</table>\n";
  return page(options.title, body);
}

}  // namespace x12::view
