// x12 validate FILE --format html: the file's segments, one per line, each
// finding shown under the segment it is about.
#include <fmt/format.h>

#include <map>
#include <vector>

#include "page.hpp"
#include "x12/view/html.hpp"

namespace x12::view {

using namespace detail;

std::string render_validation(std::string_view input, const schema::Report& report, const ViewOptions& options) {
  std::string masked;
  if (options.redact) masked = redacted(input);
  std::string_view bytes = options.redact ? std::string_view(masked) : input;
  // Findings by segment index (1-based in the file); those with none (end of file) go last.
  std::map<std::uint64_t, std::vector<const Finding*>> at;
  for (const auto& f : report.diagnostics.all()) at[f.where.segment_index].push_back(&f);
  const std::size_t errors = report.diagnostics.count(Severity::error);
  const std::size_t warnings = report.diagnostics.count(Severity::warning);
  std::string body = fmt::format(
      "<h1>{}</h1>\n<p class=\"summary\" data-finding-count=\"{}\" data-errors=\"{}\" data-warnings=\"{}\" "
      "data-segments=\"{}\">{} segments, {} findings: {} errors, {} warnings.</p>\n",
      escape(options.title), report.diagnostics.all().size(), errors, warnings, report.segments, report.segments,
      report.diagnostics.all().size(), errors, warnings);
  auto findings_html = [&](std::uint64_t index) {
    std::string out;
    auto it = at.find(index);
    if (it == at.end()) return out;
    for (const Finding* f : it->second)
      out += fmt::format("<p class=\"finding {}\" data-code=\"{}\">&#9650; {}</p>\n",
                         f->severity == Severity::error ? "bad" : "warn", escape(info(f->code).name),
                         escape(format(*f, options.redact ? false : !f->value.empty())));
    return out;
  };
  syntax::Reader reader(bytes);
  for (syntax::Segment s; reader.next(s);) {
    const auto it = at.find(s.index());
    const bool err = it != at.end() && std::any_of(it->second.begin(), it->second.end(),
                                                   [](const Finding* f) { return f->severity == Severity::error; });
    const char* cls = it == at.end() ? "seg" : err ? "seg err" : "seg wrn";
    body += fmt::format("<p class=\"{}\" id=\"s{}\">{:>6}  {}{}</p>\n", cls, s.index(), s.index(), escape(s.content()),
                        escape(std::string_view(&s.delimiters().segment, 1)));
    body += findings_html(s.index());
  }
  std::string rest;
  for (const auto& [index, list] : at)
    if (index == 0 || index > report.segments) rest += findings_html(index);
  if (!rest.empty()) body += "<h2>Findings not at a segment</h2>\n" + rest;
  if (report.stop) body += "<p class=\"bad\">Reading stopped: " + escape(report.stop->message) + "</p>\n";
  return page(options.title, body);
}

}  // namespace x12::view
