// The x12._x12 extension: thin calls into the library, the same ones the x12
// command line makes (examples/cli/cmd_*.cpp). Results cross into Python as
// the library's JSON text (docs/json.md), which the pure-Python layer (x12/)
// turns into dicts and data frames. The GIL is released while the library
// reads, validates, builds or posts.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "x12/ack/report_ack.hpp"
#include "x12/billing/aging.hpp"
#include "x12/billing/builder.hpp"
#include "x12/billing/claim_output.hpp"
#include "x12/billing/consent.hpp"
#include "x12/billing/encounter.hpp"
#include "x12/billing/post_pipeline.hpp"
#include "x12/billing/posting_report.hpp"
#include "x12/billing/practice.hpp"
#include "x12/date.hpp"
#include "x12/schema/external_codes.hpp"
#include "x12/schema/parallel.hpp"
#include "x12/schema/report_json.hpp"
#include "x12/schema/validate_range.hpp"
#include "x12/schema/validator.hpp"
#include "x12/syntax/source.hpp"
#include "x12/syntax/splitter.hpp"
#include "x12/tx/json.hpp"
#include "x12/tx/read.hpp"
#include "x12/x12.hpp"

namespace py = pybind11;

namespace x12::python {

// Raised for a stop: carries the library's error code name and value.
struct StopError {
  Error error;
};

std::string_view errc_name(int value) {
  static constexpr std::string_view names[] = {"ok",
                                               "file_unreadable",
                                               "empty_input",
                                               "isa_missing",
                                               "isa_too_short",
                                               "isa_field_width",
                                               "delimiter_clash",
                                               "delimiter_alphanumeric",
                                               "segment_terminator_missing",
                                               "segment_too_long",
                                               "delimiter_in_data",
                                               "grammar_syntax",
                                               "grammar_reference",
                                               "json_invalid",
                                               "limit_exceeded"};
  if (value >= 0 && static_cast<std::size_t>(value) < std::size(names)) return names[value];
  return "unknown";
}

// A source as the Python layer hands it over: a path (str) or the bytes.
// Bytes are copied once, so the GIL can be released while they are read.
struct Input {
  std::string path;
  std::optional<std::string> bytes;

  static Input from(const py::object& o) {
    Input in;
    if (py::isinstance<py::bytes>(o)) in.bytes = o.cast<std::string>();
    else in.path = o.cast<std::string>();
    return in;
  }
  // A chunked source over the file or the bytes; a stop when the file cannot be opened.
  std::unique_ptr<syntax::Source> open() const {
    if (bytes) return std::make_unique<syntax::StringSource>(*bytes, std::size_t{1} << 20);
    auto f = syntax::FileSource::open(path);
    if (!f) throw StopError{f.error()};
    return std::make_unique<syntax::FileSource>(std::move(f).value());
  }
};

template <class T> T value_or_stop(result<T>&& r);

py::tuple validate(const py::object& source, const std::string& name, const std::string& rules, unsigned jobs,
                   bool show_values, const std::string& ack, const std::string& ack_date, const std::string& carc,
                   const std::string& rarc, const std::string& codes) {
  auto parsed = schema::Rules::parse(rules);
  if (!parsed) throw py::value_error("rules takes a list of snip1, snip2, snip3, snip4 (or all)");
  ack::RouteOptions route;
  if (!ack_date.empty() && !ack::parse_route_date(ack_date, route))
    throw py::value_error("ack_date takes CCYYMMDD or YYYY-MM-DD, optionally with the time (CCYYMMDDHHMM)");
  // The code lists (x12 validate --carc, --rarc, --codes), alive for the call.
  std::optional<schema::ExternalCodeList> carcs, rarcs, diagnoses;
  if (!carc.empty()) carcs = value_or_stop(schema::ExternalCodeList::load_carc(carc));
  if (!rarc.empty()) rarcs = value_or_stop(schema::ExternalCodeList::load_rarc(rarc));
  if (!codes.empty()) diagnoses = value_or_stop(schema::ExternalCodeList::from_icd10cm_order_file_path(codes));
  Input in = Input::from(source);
  std::string json, ack_text;
  {
    py::gil_scoped_release release;
    auto src = in.open();
    schema::ValidateOptions options;
    options.rules = *parsed;
    options.capture_values = show_values;
    if (carcs) options.carc = &*carcs;
    if (rarcs) options.rarc = &*rarcs;
    if (diagnoses) options.diagnoses = &*diagnoses;
    schema::Report report = jobs > 1 ? schema::validate_parallel(*src, options, jobs) : schema::validate(*src, options);
    if (report.stop && report.stop->code == make_error_code(errc::file_unreadable)) throw StopError{*report.stop};
    json = schema::report_json(name, report, show_values);
    if (!ack.empty()) {
      ack::AckOptions opts;
      opts.include_values = show_values;
      ack::ControlNumbers next;
      ack_text = ack::make_acks(report, ack == "ta1" ? ack::AckKind::ta1 : ack::AckKind::ack_999, opts, route, next);
    }
  }
  return py::make_tuple(py::str(json), ack.empty() ? py::object(py::none()) : py::object(py::bytes(ack_text)));
}

// The bytes of a Python bytes object, without a copy (the caller keeps it alive).
std::string_view view_of(const py::bytes& b) {
  char* data = nullptr;
  Py_ssize_t size = 0;
  if (PyBytes_AsStringAndSize(b.ptr(), &data, &size) != 0) throw py::error_already_set();
  return {data, static_cast<std::size_t>(size)};
}

// schema::scan_envelope over [begin, end) of a file: (offset, kind, control)
// of each envelope segment starting there.
py::list scan_envelope(const std::string& path, std::uint64_t begin, std::uint64_t end, const std::string& element,
                       const std::string& terminator) {
  if (element.size() != 1 || terminator.size() != 1) throw py::value_error("delimiters are one byte each");
  std::vector<schema::EnvelopeMark> marks;
  {
    py::gil_scoped_release release;
    marks = value_or_stop(schema::scan_envelope(path, begin, end, element[0], terminator[0]));
  }
  static constexpr const char* kinds[] = {"ISA", "GS", "ST", "SE", "GE", "IEA"};
  py::list out;
  for (const auto& m : marks)
    out.append(py::make_tuple(m.offset, kinds[static_cast<int>(m.kind)], py::bytes(m.control)));
  return out;
}

std::vector<std::string> strings_of(const py::list& l) {
  std::vector<std::string> out;
  out.reserve(l.size());
  for (const auto& o : l) out.push_back(o.cast<std::string>());
  return out;
}

// schema::validate_range: bytes [begin, end) of a file, after `prologue`.
// Returns (report JSON, (interchanges, groups, sets), clean).
py::tuple validate_range(const std::string& path, std::uint64_t begin, std::uint64_t end, const py::bytes& prologue,
                         const py::dict& resume, bool open_at_end, bool last, const std::string& rules,
                         bool show_values) {
  auto parsed = schema::Rules::parse(rules);
  if (!parsed) throw py::value_error("rules takes a list of snip1, snip2, snip3, snip4 (or all)");
  schema::RangeContext context;
  context.prologue = view_of(prologue);
  context.resume.interchange_controls = strings_of(resume["interchange_controls"]);
  context.resume.group_controls = strings_of(resume["group_controls"]);
  context.resume.set_controls = strings_of(resume["set_controls"]);
  context.resume.groups = resume["groups"].cast<std::uint64_t>();
  context.resume.sets = resume["sets"].cast<std::uint64_t>();
  context.open_at_end = open_at_end;
  context.last = last;
  std::string json;
  schema::RangeReport result;
  {
    py::gil_scoped_release release;
    schema::ValidateOptions options;
    options.rules = *parsed;
    options.capture_values = show_values;
    result = value_or_stop(schema::validate_range(path, begin, end, context, options));
    json = schema::report_json("", result.report, show_values);
  }
  return py::make_tuple(py::str(json), py::make_tuple(result.interchanges, result.groups, result.sets), result.clean);
}

// x12 json, one transaction set per next(): the set as docs/json.md's JSON.
class SetIterator {
 public:
  explicit SetIterator(Input in) : in_(std::move(in)), source_(in_.open()), reader_(*source_), sets_(reader_) {}
  py::tuple next() {
    std::string json, findings;
    bool got = false;
    {
      py::gil_scoped_release release;
      tx::AnySet set;
      got = sets_.next(set);
      if (got) tx::to_json(set, json);
    }
    if (!got) {
      if (reader_.stop()) throw StopError{*reader_.stop()};
      throw py::stop_iteration();
    }
    py::list codes;
    for (const auto& f : sets_.diagnostics().all()) codes.append(py::str(format(f, false)));
    return py::make_tuple(py::str(json), codes);
  }

 private:
  Input in_;
  std::unique_ptr<syntax::Source> source_;
  syntax::Reader reader_;
  tx::SetReader sets_;
};

// Transaction-set units (syntax::Splitter), each with its envelope.
class UnitIterator {
 public:
  explicit UnitIterator(Input in) : in_(std::move(in)), source_(in_.open()), reader_(*source_) {}
  py::tuple next() {
    syntax::Unit unit;
    bool got = false;
    {
      py::gil_scoped_release release;
      got = split_.next(reader_, unit);
    }
    if (!got) {
      if (reader_.stop()) throw StopError{*reader_.stop()};
      throw py::stop_iteration();
    }
    py::dict meta;
    meta["sequence"] = unit.sequence;
    meta["offset"] = unit.offset;
    meta["segment_index"] = unit.segment_index;
    meta["segments"] = unit.segments;
    meta["complete"] = unit.complete;
    meta["set_begin"] = unit.set_begin;
    return py::make_tuple(py::bytes(unit.bytes), meta);
  }

 private:
  Input in_;
  std::unique_ptr<syntax::Source> source_;
  syntax::Reader reader_;
  syntax::Splitter split_;
};

template <class T> T value_or_stop(result<T>&& r) {
  if (!r) throw StopError{r.error()};
  return std::move(r).value();
}

billing::Date parse_date(const std::optional<std::string>& text) {
  if (!text || text->empty()) return boost::gregorian::day_clock::universal_day();
  if (auto d = parse_iso_or_ccyymmdd(*text)) return *d;
  throw py::value_error("as_of expects a date YYYY-MM-DD");
}

// x12 claims: encounters -> 837P claims and holds.
py::dict build_claims(const std::string& encounters_json, const std::string& practice_json,
                      const std::optional<std::string>& authorizations_json, const std::optional<std::string>& as_of,
                      const std::optional<std::string>& consents_json) {
  billing::BuildOptions options;
  options.as_of = parse_date(as_of);
  std::string x837, holds, authorizations;
  billing::OutputSummary summary;
  std::size_t claims = 0, lines = 0;
  std::string total;
  {
    py::gil_scoped_release release;
    auto encounters = value_or_stop(billing::parse_encounters(encounters_json));
    auto practice = value_or_stop(billing::parse_practice(practice_json));
    billing::Builder builder(practice);
    std::optional<billing::AuthorizationTracker> tracker;
    if (authorizations_json) {
      tracker = value_or_stop(billing::AuthorizationTracker::parse(*authorizations_json));
      builder.set_authorizations(&*tracker);
    }
    std::optional<billing::ConsentSet> consents;
    if (consents_json) {
      consents = value_or_stop(billing::ConsentSet::parse(*consents_json));
      options.consents = &*consents;
    }
    billing::BuildResult result = builder.build(encounters, options);
    billing::ControlCounter counter;
    {
      syntax::Delimiters d;
      d.line_break = syntax::LineBreak::lf;
      syntax::Writer writer(x837, d);
      summary = billing::write_837p(result.claims, practice, counter, writer);
    }
    holds = billing::to_json(result.holds);
    if (tracker) authorizations = tracker->to_json();
    claims = result.claims.size();
    lines = result.lines();
    total = result.total().to_string();
  }
  py::dict out;
  out["x837"] = py::bytes(x837);
  out["holds"] = py::str(holds);
  out["authorizations"] = authorizations_json ? py::object(py::str(authorizations)) : py::object(py::none());
  out["claims"] = claims;
  out["lines"] = lines;
  out["total_charge"] = total;
  out["interchanges"] = summary.interchanges;
  out["sets"] = summary.sets;
  return out;
}

// x12 post: 835s against submitted 837Ps into a ledger; the postings as JSON.
std::string post(const py::list& remits, const py::list& claims, const std::string& db, int appeal_days,
                 unsigned jobs) {
  std::vector<Input> remit_inputs, claim_inputs;
  for (const auto& r : remits) remit_inputs.push_back(Input::from(py::reinterpret_borrow<py::object>(r)));
  for (const auto& c : claims) claim_inputs.push_back(Input::from(py::reinterpret_borrow<py::object>(c)));
  py::gil_scoped_release release;
  billing::DenialSettings settings;
  settings.default_appeal_days = appeal_days;
  auto store = value_or_stop(billing::ClaimStore::create());
  for (const auto& in : claim_inputs) {
    auto src = in.open();
    syntax::Reader reader(*src);
    billing::add_claims(store, reader);
    if (reader.stop()) throw StopError{*reader.stop()};
  }
  store.commit();
  auto ledger = value_or_stop(billing::open_sqlite_ledger(db));
  billing::add_submitted(*ledger, store);
  auto source = store.reader();
  billing::Poster poster(*source, ledger.get(), settings);
  std::vector<billing::RemittancePosting> postings;
  for (const auto& in : remit_inputs) {
    {
      // As x12 post: a file that stops reading half-way posts nothing.
      auto check = in.open();
      syntax::Reader reader(*check);
      for (syntax::Segment seg; reader.next(seg);) {}
      if (reader.stop()) throw StopError{*reader.stop()};
    }
    auto src = in.open();
    syntax::Reader reader(*src);
    billing::prepare_remittances(reader, store, settings, jobs, [&](billing::PreparedRemittance&& p) {
      postings.push_back(poster.finish(std::move(p)).posting);
      return true;
    });
    if (reader.stop()) throw StopError{*reader.stop()};
  }
  return billing::to_json(postings);
}

std::string denials(const std::string& db) {
  py::gil_scoped_release release;
  auto ledger = value_or_stop(billing::open_sqlite_ledger(db));
  return billing::to_json(ledger->denials());
}

std::string aging(const std::string& db, const std::optional<std::string>& as_of) {
  billing::Date date = parse_date(as_of);
  py::gil_scoped_release release;
  auto ledger = value_or_stop(billing::open_sqlite_ledger(db));
  return billing::to_json(billing::aging(*ledger, date));
}

}  // namespace x12::python

PYBIND11_MODULE(_x12, m) {
  using namespace x12::python;
  m.doc() = "x12 library bindings (use the x12 package, not this module)";
  static py::exception<StopError> error_type(m, "X12Error", PyExc_RuntimeError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StopError& e) {
      py::object exc = py::reinterpret_borrow<py::object>(error_type.ptr())(
          py::str(e.error.message.empty() ? e.error.code.message() : e.error.message));
      exc.attr("code") = py::str(errc_name(e.error.code.value()));
      exc.attr("errno_value") = e.error.code.value();
      exc.attr("offset") = e.error.where.offset;
      PyErr_SetObject(error_type.ptr(), exc.ptr());
    } catch (const std::system_error& e) {
      if (&e.code().category() != &x12::x12_category()) throw;
      py::object exc = py::reinterpret_borrow<py::object>(error_type.ptr())(py::str(e.what()));
      exc.attr("code") = py::str(errc_name(e.code().value()));
      exc.attr("errno_value") = e.code().value();
      exc.attr("offset") = 0;
      PyErr_SetObject(error_type.ptr(), exc.ptr());
    }
  });
  m.def("validate", &validate, py::arg("source"), py::arg("name"), py::arg("rules"), py::arg("jobs"),
        py::arg("show_values"), py::arg("ack"), py::arg("ack_date"), py::arg("carc") = "", py::arg("rarc") = "",
        py::arg("codes") = "");
  m.def("scan_envelope", &scan_envelope, py::arg("path"), py::arg("begin"), py::arg("end"), py::arg("element"),
        py::arg("terminator"));
  m.def("validate_range", &validate_range, py::arg("path"), py::arg("begin"), py::arg("end"), py::arg("prologue"),
        py::arg("resume"), py::arg("open_at_end"), py::arg("last"), py::arg("rules"), py::arg("show_values") = false);
  py::class_<SetIterator>(m, "SetIterator")
      .def(py::init([](const py::object& s) { return new SetIterator(Input::from(s)); }))
      .def("__iter__", [](SetIterator& it) -> SetIterator& { return it; })
      .def("__next__", &SetIterator::next);
  py::class_<UnitIterator>(m, "UnitIterator")
      .def(py::init([](const py::object& s) { return new UnitIterator(Input::from(s)); }))
      .def("__iter__", [](UnitIterator& it) -> UnitIterator& { return it; })
      .def("__next__", &UnitIterator::next);
  m.def("build_claims", &build_claims, py::arg("encounters"), py::arg("practice"), py::arg("authorizations"),
        py::arg("as_of"), py::arg("consents") = py::none());
  m.def("post", &post, py::arg("remittances"), py::arg("claims"), py::arg("db"), py::arg("appeal_days") = 90,
        py::arg("jobs") = 1u);
  m.def("denials", &denials, py::arg("db"));
  m.def("aging", &aging, py::arg("db"), py::arg("as_of") = py::none());
  m.attr("__version__") = X12_VERSION;
}
