// The generator's entry points: option checks, the ISA/GS ... GE/IEA
// envelopes around the transaction sets, and the ground-truth sidecar.
#include "x12/testdata/generator.hpp"

#include <fmt/format.h>

#include "detail.hpp"
#include "x12/error.hpp"
#include "x12/syntax/segment.hpp"

namespace x12::testdata {

std::string_view to_string(Kind k) noexcept { return k == Kind::claims_837p ? "837p" : "835"; }

std::optional<Kind> parse_kind(std::string_view s) noexcept {
  if (s == "837p" || s == "837P" || s == "837") return Kind::claims_837p;
  if (s == "835") return Kind::remittance_835;
  return std::nullopt;
}

std::optional<std::uint64_t> parse_size(std::string_view text) noexcept {
  if (text.empty()) return std::nullopt;
  std::uint64_t mult = 1;
  switch (text.back()) {
    case 'k':
    case 'K': mult = 1ULL << 10; break;
    case 'm':
    case 'M': mult = 1ULL << 20; break;
    case 'g':
    case 'G': mult = 1ULL << 30; break;
    default: break;
  }
  if (mult != 1) text.remove_suffix(1);
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n * mult;
}

namespace detail {

void Emitter::raw(std::string_view content, const syntax::Delimiters& d) {
  if (w_) w_->write(syntax::Segment(content, &d));
  bytes_ += content.size() + 1 + line_break_;
  ++segments_;
}

void Budget::start_group(std::uint64_t group_index, std::uint64_t groups, std::uint64_t bytes_so_far) {
  (void)bytes_so_far;
  group_claims_ = 0;
  if (o_.target_bytes) {
    // Group j ends once the output passes its share of the target.
    group_end_bytes_ = o_.target_bytes / groups * (group_index + 1);
    if (group_index + 1 == groups) group_end_bytes_ = o_.target_bytes;
  } else {
    const std::uint64_t total = std::max<std::uint64_t>(o_.claims, groups);
    group_share_ = total / groups + (group_index < total % groups ? 1 : 0);
  }
}

}  // namespace detail

namespace {

void check_options(const Options& o, const syntax::Delimiters& d) {
  if (o.interchanges == 0) throw usage_error("generator: interchanges must be at least 1");
  if (o.groups_per_interchange == 0) throw usage_error("generator: groups per interchange must be at least 1");
  if (o.max_claims_per_set == 0) throw usage_error("generator: max claims per set must be at least 1");
  if (d.repetition == '\0') throw usage_error("generator: 5010 needs a repetition separator");
  if (!syntax::check(d)) throw usage_error("generator: " + syntax::check(d).error().message);
  for (char c : {d.element, d.repetition, d.component, d.segment}) {
    if (c == ' ' || c == '-' || c == '.')
      throw usage_error("generator: a delimiter is a space, '-' or '.', which the generated data contains");
  }
}

std::string pad(std::string_view s, std::size_t width) {
  std::string out(s.substr(0, width));
  out.resize(width, ' ');
  return out;
}

std::string isa_content(const syntax::Delimiters& d, std::string_view sender, std::string_view receiver,
                        std::string_view date, std::string_view time, std::uint64_t control) {
  const char e = d.element;
  std::string s = "ISA";
  auto field = [&](std::string_view v) {
    s.push_back(e);
    s.append(v);
  };
  field("00");
  field(pad("", 10));
  field("00");
  field(pad("", 10));
  field("ZZ");
  field(pad(sender, 15));
  field("ZZ");
  field(pad(receiver, 15));
  field(date.substr(2, 6));
  field(time);
  field(std::string_view(&d.repetition, 1));
  field("00501");
  field(fmt::format("{:09}", control));
  field("0");
  field("T");
  field(std::string_view(&d.component, 1));
  return s;
}

}  // namespace

Truth generate(const Options& options, syntax::Writer& writer) {
  const syntax::Delimiters& d = writer.delimiters();
  check_options(options, d);
  Truth truth;
  truth.kind = options.kind;
  detail::Emitter out(&writer, d);
  detail::Context c{options, d, detail::Rng(options.seed), {}, out, detail::Budget(options), truth};
  c.today = detail::parse_date(options.date);
  c.pools = detail::make_pools(c.rng);

  const bool is_837 = options.kind == Kind::claims_837p;
  const std::string date = detail::format_date(c.today);
  const std::string_view sender = is_837 ? "SUBMITTER01" : "PAYERSENDER01";
  const std::string_view receiver = is_837 ? "ACMECLEARING" : "PROVIDERRCV01";
  const std::uint64_t groups = std::uint64_t{options.interchanges} * options.groups_per_interchange;
  std::uint64_t group_index = 0, group_control = 0;

  for (std::uint32_t i = 0; i < options.interchanges; ++i) {
    const std::uint64_t isa_control = i + 1;
    out.raw(isa_content(d, sender, receiver, date, c.time, isa_control), d);
    for (std::uint32_t g = 0; g < options.groups_per_interchange; ++g, ++group_index) {
      c.budget.start_group(group_index, groups, out.bytes());
      const std::string gs06 = std::to_string(++group_control);
      out.seg("GS").el(is_837 ? "HC" : "HP").el(sender).el(receiver).el(date).el(c.time).el(gs06).el("X");
      out.el(is_837 ? "005010X222A1" : "005010X221A1").end();
      std::uint64_t sets = 0;
      do {
        const std::string st02 = fmt::format("{:04}", ++sets);
        if (is_837) detail::write_837p_set(c, st02);
        else detail::write_835_set(c, st02);
      } while (c.budget.more(out.bytes()) && (options.target_bytes || c.budget.left() > 0));
      out.seg("GE").num(sets).el(gs06).end();
      truth.sets += sets;
      ++truth.groups;
    }
    out.seg("IEA").num(options.groups_per_interchange).el(fmt::format("{:09}", isa_control)).end();
    ++truth.interchanges;
  }
  truth.segments = out.segments();
  truth.bytes = out.bytes();
  return truth;
}

Truth generate(const Options& options, std::string& out) {
  syntax::Writer w(out, options.delimiters);
  return generate(options, w);
}

Truth generate(const Options& options, std::FILE* out) {
  Truth t;
  {
    syntax::Writer w(out, options.delimiters);
    t = generate(options, w);
    w.flush();
  }
  std::fflush(out);
  return t;
}

std::string to_json(const Truth& t) {
  return fmt::format(
      "{{\n  \"kind\": \"{}\",\n  \"interchanges\": {},\n  \"groups\": {},\n  \"sets\": {},\n  \"segments\": {},\n"
      "  \"claims\": {},\n  \"service_lines\": {},\n  \"bytes\": {},\n  \"total_charge\": \"{}\",\n"
      "  \"total_paid\": \"{}\",\n  \"total_bpr02\": \"{}\",\n  \"total_patient_responsibility\": \"{}\",\n"
      "  \"total_plb\": \"{}\"\n}}\n",
      to_string(t.kind), t.interchanges, t.groups, t.sets, t.segments, t.claims, t.service_lines, t.bytes,
      t.total_charge.to_string(), t.total_paid.to_string(), t.total_bpr02.to_string(),
      t.total_patient_responsibility.to_string(), t.total_plb.to_string());
}

}  // namespace x12::testdata
