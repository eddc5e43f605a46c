#include "x12/tx/json_sets.hpp"

#include <algorithm>
#include <deque>
#include <optional>

#include "x12/syntax/splitter.hpp"

namespace x12::tx {

// One thread: each set converted while it is read.
struct JsonSets::Serial {
  Serial(syntax::Reader& reader, const JsonSetsOptions& o) : sets(reader, o.read), writer(sets, o.json) {}
  SetReader sets;
  JsonSetWriter writer;
};

namespace {

// One transaction-set unit converted on a worker thread.
struct Converted {
  std::string json;
  Diagnostics findings;
  bool produced = false;
};

Converted convert_unit(const syntax::Unit& unit, const JsonSetsOptions& o) {
  // The unit was cut from segments the limits already let through.
  syntax::ReaderOptions ro = o.read.reader;
  ro.max_segment_length = std::max<std::size_t>(ro.max_segment_length, unit.bytes.size());
  syntax::Reader reader(std::string_view(unit.bytes), ro);
  SetReader sets(reader, o.read);
  // The set's claims are written into c.json as they close, as with one job.
  JsonSetWriter writer(sets, o.json);
  const std::function<void(std::string&)> keep = [](std::string&) {};
  Converted c;
  if (!writer.next(c.json, keep)) return c;
  c.produced = true;
  c.findings = sets.diagnostics();
  for (auto& f : c.findings.all()) {
    unit.to_input(f.where);
    if (f.has_trigger()) unit.to_input(f.trigger);
  }
  return c;
}

}  // namespace

// Several threads: the reading thread splits the input into units, workers
// convert them, results come back in input order.
struct JsonSets::Parallel {
  Parallel(syntax::Reader& r, const JsonSetsOptions& o)
      : reader(r),
        options(o),
        pool(
            o.jobs, [this](syntax::Unit& u) { return convert_unit(u, options); },
            [this](Converted& c) {
              if (c.produced) ready.push_back(std::move(c));
            },
            2 * std::size_t{o.jobs}) {}

  // The next converted set, reading and submitting units until there is one.
  bool pull() {
    while (ready.empty() && !done) {
      syntax::Unit unit;
      if (split.next(reader, unit)) {
        pool.submit(std::move(unit));
      } else {
        pool.close();
        done = true;
      }
    }
    if (ready.empty()) return false;
    current = std::move(ready.front());
    ready.pop_front();
    return true;
  }

  syntax::Reader& reader;
  JsonSetsOptions options;
  syntax::Splitter split;
  std::deque<Converted> ready;  // delivered by the pool, in input order
  Converted current;
  bool done = false;
  // Last: its workers stop (and deliver what is left) before the members
  // they use are destroyed.
  syntax::OrderedPool<syntax::Unit, Converted> pool;
};

JsonSets::JsonSets(syntax::Reader& reader, JsonSetsOptions options) {
  if (options.jobs > 1) parallel_ = std::make_unique<Parallel>(reader, options);
  else serial_ = std::make_unique<Serial>(reader, options);
}

JsonSets::~JsonSets() = default;

bool JsonSets::next(std::string& out, const std::function<void(std::string&)>& flush, std::string_view before) {
  if (serial_) return serial_->writer.next(out, flush, before);
  if (!parallel_->pull()) return false;
  std::string& json = parallel_->current.json;
  if (out.empty() && before.empty()) {
    out.swap(json);
  } else {
    out += before;
    out += json;
  }
  json = std::string();  // the document is the caller's now: hold no second copy
  return true;
}

const Diagnostics& JsonSets::diagnostics() const noexcept {
  return serial_ ? serial_->sets.diagnostics() : parallel_->current.findings;
}

namespace {
// write_json with workers: each set is written as the pool delivers it (on
// this thread, in input order), so no converted set waits in a queue.
bool write_json_parallel(syntax::Reader& reader, const JsonDocumentsOptions& options,
                         const std::function<void(std::string_view)>& write,
                         const std::function<void(const Diagnostics&)>& findings) {
  std::size_t n = 0;
  bool errors = false;
  if (!options.lines) write("[");
  {
    syntax::OrderedPool<syntax::Unit, Converted> pool(
        options.jobs, [&options](syntax::Unit& u) { return convert_unit(u, options); },
        [&](Converted& c) {
          if (!c.produced) return;
          if (!options.lines && n > 0) write(options.json.pretty ? ",\n" : ",");
          if (options.lines) c.json += '\n';
          write(c.json);
          findings(c.findings);
          errors = errors || c.findings.has_errors();
          ++n;
        },
        2 * std::size_t{options.jobs});
    syntax::Splitter split;
    syntax::Unit unit;
    while (split.next(reader, unit)) pool.submit(std::move(unit));
    pool.close();
  }
  if (!options.lines) write("]\n");
  return errors;
}
}  // namespace

bool write_json(syntax::Reader& reader, const JsonDocumentsOptions& options,
                const std::function<void(std::string_view)>& write,
                const std::function<void(const Diagnostics&)>& findings) {
  if (options.jobs > 1) return write_json_parallel(reader, options, write, findings);
  JsonSets sets(reader, options);
  std::string buffer;
  const std::function<void(std::string&)> flush = [&write](std::string& b) {
    write(b);
    b.clear();
  };
  std::size_t n = 0;
  bool errors = false;
  if (!options.lines) write("[");
  const std::string_view separator = options.lines ? "" : options.json.pretty ? ",\n" : ",";
  while (sets.next(buffer, flush, n > 0 ? separator : std::string_view())) {
    if (options.lines) buffer += '\n';
    flush(buffer);
    findings(sets.diagnostics());
    errors = errors || sets.diagnostics().has_errors();
    ++n;
  }
  if (!options.lines) write("]\n");
  return errors;
}

}  // namespace x12::tx
