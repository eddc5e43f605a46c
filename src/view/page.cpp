#include "page.hpp"

#include <fmt/format.h>

namespace x12::view::detail {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string text(const json& j, std::string_view key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

std::string cell(std::string_view value, std::string_view cls, std::string_view data) {
  std::string out = "<td";
  if (!cls.empty()) out += fmt::format(" class=\"{}\"", cls);
  if (!data.empty()) out += fmt::format(" data-{}=\"{}\"", data, escape(value));
  return out + ">" + escape(value) + "</td>";
}

std::string name_of(const json& p) {
  std::string last = text(p, "last_name"), first = text(p, "first_name"), middle = text(p, "middle_name");
  std::string out = last;
  if (!first.empty()) out += ", " + first;
  if (!middle.empty()) out += " " + middle;
  return out;
}

namespace {

constexpr std::string_view css = R"(
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;font-size:12px;color:#111;margin:16px;background:#fff}
h1{font-size:18px;margin:0 0 8px}h2{font-size:15px;margin:18px 0 6px}h3{font-size:13px;margin:12px 0 4px}
table{border-collapse:collapse;margin:4px 0 10px}td,th{border:1px solid #999;padding:2px 6px;vertical-align:top}
th{background:#eef;text-align:left}.money{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.form{border:2px solid #b22;padding:8px;margin:0 0 24px;page-break-after:always;break-after:page}
.form .box{display:inline-block;border:1px solid #b22;padding:3px 6px;margin:2px;min-width:140px;vertical-align:top}
.box .n{display:block;color:#b22;font-size:10px}.form th{background:#fbeaea;color:#b22}
.ok{color:#060}.bad{color:#b00;font-weight:bold}.warn{color:#a60}
.seg{font-family:"DejaVu Sans Mono",monospace;white-space:pre-wrap;margin:0}
.seg.err{background:#fdd}.seg.wrn{background:#ffd}.finding{font-family:inherit;color:#b00;margin:0 0 0 4em}
.eob{border:1px solid #555;padding:8px;margin:0 0 18px;page-break-inside:avoid}
@media print{body{margin:0}.noprint{display:none}}
)";

}  // namespace

std::string page(std::string_view title, std::string_view body) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "img-src data:\">"
      "<title>{}</title><style>{}</style></head>\n<body>\n{}</body></html>\n",
      escape(title), css, body);
}

}  // namespace x12::view::detail
