#include "x12/syntax/source.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace x12::syntax {

FileSource::FileSource(FileSource&& other) noexcept
    : fd_(other.fd_),
      owned_(other.owned_),
      failed_(other.failed_),
      offset_(other.offset_),
      error_(std::move(other.error_)) {
  other.fd_ = -1;
  other.owned_ = false;
}

FileSource::~FileSource() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

result<FileSource> FileSource::open(const std::filesystem::path& path) {
  if (path == "-") return FileSource(0, false);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Error{make_error_code(errc::file_unreadable),
                 {},
                 fmt::format("cannot open {}: {}", path.string(), std::strerror(errno))};
  }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return FileSource(fd, true);
}

std::size_t FileSource::read(char* dst, std::size_t max) {
  std::size_t got = 0;
  while (got < max) {
    ssize_t n = offset_ >= 0 ? ::pread(fd_, dst + got, max - got, static_cast<off_t>(offset_))
                             : ::read(fd_, dst + got, max - got);
    if (n == 0) break;
    if (n > 0 && offset_ >= 0) offset_ += n;
    if (n < 0) {
      if (errno == EINTR) continue;
      failed_ = true;
      error_ = Error{make_error_code(errc::file_unreadable), {}, fmt::format("read failed: {}", std::strerror(errno))};
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  return got;
}

result<std::string> read_whole_file(const std::filesystem::path& path) {
  auto source = FileSource::open(path);
  if (!source) return source.error();
  constexpr std::size_t chunk = 64 * 1024;
  std::string out;
  std::error_code ec;
  if (auto size = std::filesystem::file_size(path, ec); !ec) out.reserve(static_cast<std::size_t>(size) + chunk);
  for (;;) {
    std::size_t have = out.size();
    out.resize(have + chunk);
    std::size_t n = source->read(out.data() + have, chunk);
    out.resize(have + n);
    if (n < chunk) break;
  }
  if (const Error* e = source->failure())
    return Error{e->code, {}, fmt::format("cannot read {}: {}", path.string(), e->message)};
  return out;
}

std::size_t StringSource::read(char* dst, std::size_t max) {
  std::size_t n = std::min({max, piece_, text_.size()});
  std::memcpy(dst, text_.data(), n);
  text_.remove_prefix(n);
  return n;
}

namespace {

Error unreadable(std::string what) { return Error{make_error_code(errc::file_unreadable), {}, std::move(what)}; }

// A file in `dir` that has no name: O_TMPFILE, or where the file system
// lacks it, a named file unlinked at once. Mode 0600 either way.
int private_file(const std::string& dir) {
#ifdef O_TMPFILE
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)) return fd;
#endif
  std::string name = dir + "/.x12-input-XXXXXX";
  int named = ::mkostemp(name.data(), O_CLOEXEC);
  if (named >= 0) ::unlink(name.c_str());
  return named;
}

// Copies what `from` still has to a private file; the file's descriptor.
result<int> spool(int from, const char* what) {
  const char* env = std::getenv("TMPDIR");
  const std::string dir = env && *env ? env : "/tmp";
  const int fd = private_file(dir);
  if (fd < 0)
    return unreadable(fmt::format("cannot make a temporary copy of {} in {}: {}", what, dir, std::strerror(errno)));
  std::string buffer(std::size_t{1} << 20, '\0');
  for (;;) {
    const ssize_t n = ::read(from, buffer.data(), buffer.size());
    if (n == 0) return fd;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      return unreadable(fmt::format("cannot read {}: {}", what, std::strerror(saved)));
    }
    for (ssize_t put = 0; put < n;) {
      const ssize_t w = ::write(fd, buffer.data() + put, static_cast<std::size_t>(n - put));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        const int saved = errno;
        ::close(fd);
        return unreadable(fmt::format("cannot make a temporary copy of {} in {}: {}", what, dir, std::strerror(saved)));
      }
      put += w;
    }
  }
}

bool regular(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

result<RereadableInput> RereadableInput::open(const std::filesystem::path& path) {
  if (path == "-") {
    if (regular(0)) {
      const off_t at = ::lseek(0, 0, SEEK_CUR);
      return RereadableInput(0, false, at > 0 ? static_cast<std::uint64_t>(at) : 0);
    }
    auto copy = spool(0, "standard input");
    if (!copy) return copy.error();
    return RereadableInput(*copy, true, 0);
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return unreadable(fmt::format("cannot open {}: {}", path.string(), std::strerror(errno)));
  if (regular(fd)) return RereadableInput(fd, true, 0);
  // A named pipe or a device: read once, into a private copy.
  auto copy = spool(fd, path.c_str());
  ::close(fd);
  if (!copy) return copy.error();
  return RereadableInput(*copy, true, 0);
}

RereadableInput::RereadableInput(RereadableInput&& other) noexcept
    : fd_(other.fd_), owned_(other.owned_), start_(other.start_) {
  other.fd_ = -1;
  other.owned_ = false;
}

RereadableInput::~RereadableInput() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

}  // namespace x12::syntax
