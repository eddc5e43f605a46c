// A validation report as the JSON document `x12 validate --format json`
// prints (field by field in docs/json.md): errors, file, findings (in input
// order), segments, stop, transaction_sets, warnings. Written item by item
// through `write`, so a report with many findings is never held twice.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "x12/schema/validator.hpp"

namespace x12::schema {

// `file` is the name the document gives the input; `show_values` copies the
// offending values into findings (patient data: off unless asked).
void write_report_json(std::string_view file, const Report& report, bool show_values,
                       const std::function<void(std::string_view)>& write);
std::string report_json(std::string_view file, const Report& report, bool show_values);

// The pieces of that document, for a writer that streams it from a
// ReportSink (x12 validate): one finding or set summary as an item of its
// array (with the separator before it, `first` or not), and the stop object.
std::string report_finding_item(const Finding& f, bool show_values, bool first);
std::string report_set_item(const SetSummary& s, bool first);
std::string report_stop_json(const Error& stop);

}  // namespace x12::schema
