// One part of a file validated on its own (x12/schema/validate_range.hpp).
#include "x12/schema/validate_range.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

namespace x12::schema {

namespace {

// The n-th element (1-based) of the segment starting at `at`, up to the terminator.
std::string element_of(std::string_view bytes, std::size_t at, int n, char element, char terminator) {
  std::size_t end = bytes.find(terminator, at);
  if (end == std::string_view::npos) end = bytes.size();
  std::string_view seg = bytes.substr(at, end - at);
  for (int i = 0; i < n; ++i) {
    std::size_t sep = seg.find(element);
    if (sep == std::string_view::npos) return {};
    seg.remove_prefix(sep + 1);
  }
  return std::string(seg.substr(0, seg.find(element)));
}

bool is_line_break(char c) { return c == '\n' || c == '\r'; }

void shift(Position& p, std::uint64_t bytes, std::uint64_t segments) {
  p.offset -= std::min(p.offset, bytes);
  if (p.segment_index > segments) p.segment_index -= segments;
}

void shift(Finding& f, std::uint64_t bytes, std::uint64_t segments) {
  shift(f.where, bytes, segments);
  if (f.has_trigger()) shift(f.trigger, bytes, segments);
}

}  // namespace

std::vector<EnvelopeMark> scan_envelope(std::string_view bytes, std::uint64_t bytes_offset, std::uint64_t begin,
                                        std::uint64_t end, char element, char terminator) {
  std::vector<EnvelopeMark> out;
  auto look = [&](std::size_t at) {
    const std::uint64_t offset = bytes_offset + at;
    if (offset < begin || offset >= end) return;
    std::string_view rest = bytes.substr(at, 4);
    auto is = [&](std::string_view id) {
      return rest.size() > id.size() && rest.substr(0, id.size()) == id && rest[id.size()] == element;
    };
    EnvelopeMark m;
    m.offset = offset;
    if (is("ISA")) {
      m.kind = EnvelopeMark::Kind::isa;
      m.control = element_of(bytes, at, 13, element, terminator);
    } else if (is("GS")) {
      m.kind = EnvelopeMark::Kind::gs;
      m.control = element_of(bytes, at, 6, element, terminator);
    } else if (is("ST")) {
      m.kind = EnvelopeMark::Kind::st;
      m.control = element_of(bytes, at, 2, element, terminator);
    } else if (is("SE")) {
      m.kind = EnvelopeMark::Kind::se;
    } else if (is("GE")) {
      m.kind = EnvelopeMark::Kind::ge;
    } else if (is("IEA")) {
      m.kind = EnvelopeMark::Kind::iea;
    } else {
      return;
    }
    out.push_back(std::move(m));
  };
  if (bytes_offset == 0 && !bytes.empty()) look(0);
  const char* data = bytes.data();
  std::size_t i = 0;
  while (i < bytes.size()) {
    const void* hit = std::memchr(data + i, terminator, bytes.size() - i);
    if (hit == nullptr) break;
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(hit) - data) + 1;
    while (at < bytes.size() && is_line_break(bytes[at]) && bytes[at] != terminator) ++at;
    if (at < bytes.size()) look(at);
    i = at;
  }
  return out;
}

namespace {

// The prologue, then bytes [begin, end) of a file descriptor (pread).
class PartSource final : public syntax::Source {
 public:
  PartSource(std::string_view prologue, int fd, std::uint64_t begin, std::uint64_t end)
      : prologue_(prologue), fd_(fd), at_(begin), end_(end) {}
  std::size_t read(char* dst, std::size_t max) override {
    if (!prologue_.empty()) {
      const std::size_t n = std::min(max, prologue_.size());
      std::memcpy(dst, prologue_.data(), n);
      prologue_.remove_prefix(n);
      return n;
    }
    while (at_ < end_) {
      const ssize_t n = ::pread(fd_, dst, static_cast<std::size_t>(std::min<std::uint64_t>(max, end_ - at_)),
                                static_cast<off_t>(at_));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        failed_ = true;
        error_ = Error{make_error_code(errc::file_unreadable), {}, "the file could not be read to the end of the part"};
        end_ = at_;
        return 0;
      }
      at_ += static_cast<std::uint64_t>(n);
      return static_cast<std::size_t>(n);
    }
    return 0;
  }
  const Error* failure() const noexcept override { return failed_ ? &error_ : nullptr; }

 private:
  std::string_view prologue_;
  int fd_;
  std::uint64_t at_, end_;
  bool failed_ = false;
  Error error_;
};

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Error unreadable(const std::filesystem::path& path) {
  return Error{make_error_code(errc::file_unreadable), {}, path.string() + ": " + std::strerror(errno)};
}

// Runs `run(options)` (a validation that reads the prologue, then the part
// of `part_bytes`) and makes its report the part's.
template <class Run>
RangeReport validate_part(std::uint64_t part_bytes, const RangeContext& context, ValidateOptions options, Run&& run) {
  const std::uint64_t prologue_bytes = context.prologue.size();
  // The prologue's segments, as the reader will count them.
  std::uint64_t prologue_segments = 0;
  {
    syntax::Reader reader(std::string_view(context.prologue), options.reader);
    for (syntax::Segment s; reader.next(s);) ++prologue_segments;
  }
  syntax::EnvelopeResume resume = context.resume;
  resume.after_segments = prologue_segments;
  options.envelope_resume = &resume;

  RangeReport out;
  out.report = run(options);
  Report& r = out.report;
  const std::uint64_t end = prologue_bytes + part_bytes;

  // Which findings are this part's: not the prologue's, and not the
  // trailers "missing" at a cut inside a group.
  auto keep = [&](const Finding& f) {
    if (f.where.offset < prologue_bytes) return false;
    if (!context.last && f.where.offset == end) {
      if (context.open_at_end && (f.code == Code::group_trailer_missing || f.code == Code::interchange_trailer_missing))
        return false;
      out.clean = false;  // something else open at the cut
    }
    return true;
  };
  auto filter = [&](std::vector<Finding>& findings) {
    std::erase_if(findings, [&](const Finding& f) { return !keep(f); });
    for (auto& f : findings) shift(f, prologue_bytes, prologue_segments);
  };
  filter(r.diagnostics.all());
  if (r.stop) shift(r.stop->where, prologue_bytes, prologue_segments);
  r.segments -= std::min(r.segments, prologue_segments);

  for (auto& i : r.interchanges) {
    if (i.header.offset >= prologue_bytes || prologue_bytes == 0) ++out.interchanges;
    filter(i.findings);
    i.header.offset -= std::min(i.header.offset, prologue_bytes);
    for (auto& g : i.groups) {
      if (g.offset >= prologue_bytes || prologue_bytes == 0) ++out.groups;
      filter(g.findings);
      g.offset -= std::min(g.offset, prologue_bytes);
      for (auto& s : g.sets) {
        ++out.sets;
        filter(s.findings);
        s.offset -= std::min(s.offset, prologue_bytes);
        if (s.segment_index > prologue_segments) s.segment_index -= prologue_segments;
      }
    }
  }
  return out;
}

}  // namespace

RangeReport validate_range(std::string_view range, const RangeContext& context, ValidateOptions options,
                           const Registry& registry) {
  std::string buffer;
  buffer.reserve(context.prologue.size() + range.size());
  buffer.append(context.prologue);
  buffer.append(range);
  return validate_part(range.size(), context, std::move(options),
                       [&](const ValidateOptions& o) { return validate(std::string_view(buffer), o, registry); });
}

result<RangeReport> validate_range(const std::filesystem::path& path, std::uint64_t begin, std::uint64_t end,
                                   const RangeContext& context, ValidateOptions options, const Registry& registry) {
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) return unreadable(path);
  ::posix_fadvise(f.fd, static_cast<off_t>(begin), static_cast<off_t>(end - begin), POSIX_FADV_SEQUENTIAL);
  return validate_part(end - begin, context, std::move(options), [&](const ValidateOptions& o) {
    PartSource source(context.prologue, f.fd, begin, end);
    return validate(source, o, registry);
  });
}

result<std::vector<EnvelopeMark>> scan_envelope(const std::filesystem::path& path, std::uint64_t begin,
                                                std::uint64_t end, char element, char terminator) {
  constexpr std::uint64_t lookback = 8, lookahead = 4096;
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) return unreadable(path);
  const off_t size = ::lseek(f.fd, 0, SEEK_END);
  if (size < 0) return unreadable(path);
  const std::uint64_t page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
  const std::uint64_t from = (begin > lookback ? begin - lookback : 0) / page * page;
  const std::uint64_t to = std::min<std::uint64_t>(end + lookahead, static_cast<std::uint64_t>(size));
  if (to <= from) return std::vector<EnvelopeMark>{};
  void* map = ::mmap(nullptr, to - from, PROT_READ, MAP_PRIVATE, f.fd, static_cast<off_t>(from));
  if (map == MAP_FAILED) return unreadable(path);
  ::madvise(map, to - from, MADV_SEQUENTIAL);
  auto marks =
      scan_envelope(std::string_view(static_cast<const char*>(map), to - from), from, begin, end, element, terminator);
  ::munmap(map, to - from);
  return marks;
}

}  // namespace x12::schema
