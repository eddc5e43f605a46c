// CARC, RARC and ICD-10-CM codes against their lists (external_code_stream.hpp).
#include "schema/external_code_stream.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "schema/segment_checker.hpp"  // diagnosis_code_well_formed

namespace x12::schema::detail {

namespace {

constexpr std::uint32_t kLQ = pack_segment_id("LQ"), kBPR = pack_segment_id("BPR"), kDTM = pack_segment_id("DTM");

std::string_view set_name(bool carc) noexcept {
  return carc ? "claim adjustment reason code (CARC)" : "remittance advice remark code (RARC)";
}

bool icd10_qualifier(std::string_view q) noexcept {
  return q == "ABK" || q == "ABF" || q == "ABJ" || q == "ABN" || q == "APR";
}

}  // namespace

ExternalCodeStream::ExternalCodeStream(Sink& sink, const ValidateOptions& options)
    : sink_(sink),
      carc_(options.carc != nullptr ? *options.carc : ExternalCodeList::builtin_carc()),
      rarc_(options.rarc != nullptr ? *options.rarc : ExternalCodeList::builtin_rarc()),
      diagnoses_(options.diagnoses) {}

void ExternalCodeStream::set_begin(const Grammar* grammar) {
  production_.reset();
  payment_.reset();
  if (grammar == planned_) return;
  planned_ = grammar;
  plan_count_ = 0;
  if (grammar != nullptr)
    for (const auto& l : grammar->loops) plan(l);
}

void ExternalCodeStream::plan(const LoopDef& loop) {
  for (const auto& sd : loop.segments) {
    if (plan_count_ == plans_.size()) break;
    Plan& p = plans_[plan_count_];
    p.def = &sd;
    p.count = 0;
    for (const auto& e : sd.elements) {
      if (e.codes == nullptr || !e.codes->open() || p.count == p.elements.size()) continue;
      if (e.codes->name() == "adjustment_reasons") p.elements[p.count++] = {e.position, Kind::carc, e.max_length};
      else if (e.codes->name() == "remark_codes") p.elements[p.count++] = {e.position, Kind::rarc, e.max_length};
    }
    if (p.count > 0) ++plan_count_;
  }
  for (const auto& l : loop.loops) plan(l);
}

void ExternalCodeStream::segment(const syntax::Segment& s, const SegmentDef* def, const OpenLoop& loop) {
  if (def == nullptr) return;
  const std::uint32_t id = def->packed_id;
  if (id == kBPR) {
    payment_ = parse_ccyymmdd(element_at(s, 16));
    return;
  }
  if (id == kDTM) {
    if (!production_ && element_at(s, 1) == "405") production_ = parse_ccyymmdd(element_at(s, 2));
    return;
  }
  if (id == kLQ) {
    if (element_at(s, 1) == "HE") check(s, 2, Kind::rarc, element_at(s, 2), loop.id);
    return;
  }
  if (id == kHI) {
    if (diagnoses_ != nullptr) diagnoses(s, loop.id);
    return;
  }
  for (std::size_t i = 0; i < plan_count_; ++i) {
    const Plan& p = plans_[i];
    if (p.def != def) continue;
    // One scan over the segment for all its coded elements (in position
    // order, as the grammar lists them), not one per element.
    auto visit = [&](const Plan::Element& e, std::string_view v) {
      if (e.max_length == 0 || v.size() <= e.max_length) check(s, e.position, e.kind, v, loop.id);
    };
    const char sep = s.delimiters().element;
    const std::string_view content = s.content();
    std::uint8_t k = 0;
    if (sep == '\0') {  // Segment splits on NUL bytes then (element_at)
      for (; k < p.count; ++k) visit(p.elements[k], element_at(s, p.elements[k].position));
      return;
    }
    std::size_t start = 0;
    std::uint16_t n = 0;  // 0: the segment id
    for (std::size_t i = 0; i <= content.size() && k < p.count; ++i) {
      if (i < content.size() && content[i] != sep) continue;
      if (n == p.elements[k].position) visit(p.elements[k++], content.substr(start, i - start));
      ++n;
      start = i + 1;
    }
    return;
  }
}

void ExternalCodeStream::check(const syntax::Segment& s, std::uint16_t element, Kind kind, std::string_view code,
                               std::string_view loop) {
  if (code.empty()) return;
  const bool carc = kind == Kind::carc;
  const ExternalCodeList& list = carc ? carc_ : rarc_;
  const ExternalCode* e = lookup(kind, code);
  if (e == nullptr) {
    if (list.complete())
      sink_.add_at(Code::code_unknown, s.position(element), loop,
                   fmt::format("{}{:02} is not a {} of the loaded code list", s.id(), element, set_name(carc)), code);
    else if (!(carc ? carc_shaped(code) : rarc_shaped(code)))
      sink_.add_at(Code::code_unknown, s.position(element), loop,
                   fmt::format("{}{:02} is not a {}: {}", s.id(), element, set_name(carc),
                               carc ? "one to three digits, or a letter and one or two digits"
                                    : "M, MA or N and one to four digits"),
                   code);
    return;
  }
  const auto& dated = production_ ? production_ : payment_;
  if (e->stop && dated && *dated > *e->stop)
    sink_.add_at(Code::code_retired, s.position(element), loop,
                 fmt::format("{}{:02} is a {} retired on {} (the stop date in its code list); this remittance is "
                             "dated {} ({})",
                             s.id(), element, set_name(carc), to_iso_date(*e->stop), to_iso_date(*dated),
                             production_ ? "DTM*405 production date" : "BPR16"),
                 code);
}

const ExternalCode* ExternalCodeStream::lookup(Kind kind, std::string_view code) {
  const ExternalCodeList& list = kind == Kind::carc ? carc_ : rarc_;
  if (code.size() > Last{}.code.size()) return list.find(code);
  Last& last = last_[kind == Kind::carc ? 0 : 1];
  if (last.valid && std::string_view(last.code.data(), last.size) == code) return last.entry;
  std::copy(code.begin(), code.end(), last.code.begin());
  last.size = code.size();
  last.entry = list.find(code);
  last.valid = true;
  return last.entry;
}

// HI01-HI12: composite qualifier (-01) and code (-02).
void ExternalCodeStream::diagnoses(const syntax::Segment& s, std::string_view loop) {
  const auto& d = s.delimiters();
  std::uint16_t n = 0;
  for (auto v : s.elements()) {
    if (++n > 12) break;
    v = piece(v, d.repetition, 1);
    const std::string_view q = piece(v, d.component, 1), code = piece(v, d.component, 2);
    if (code.empty() || !icd10_qualifier(q) || !diagnosis_code_well_formed("ABK", code)) continue;
    const ExternalCode* e = diagnoses_->find(code);
    if (e == nullptr)
      sink_.add_at(Code::code_unknown, s.position(n, 2), loop,
                   fmt::format("HI{:02}-02 is not an ICD-10-CM code of the loaded code list", n), code);
    else if (!e->billable)
      sink_.add_at(Code::diagnosis_not_billable, s.position(n, 2), loop,
                   fmt::format("HI{:02}-02 is an ICD-10-CM header (category) code, which is not billable; the "
                               "code with all its characters is required",
                               n),
                   code);
  }
}

}  // namespace x12::schema::detail
