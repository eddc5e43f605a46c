#include "x12/syntax/source.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace x12::syntax {

FileSource::FileSource(FileSource&& other) noexcept
    : fd_(other.fd_), owned_(other.owned_), failed_(other.failed_), error_(std::move(other.error_)) {
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
    ssize_t n = ::read(fd_, dst + got, max - got);
    if (n == 0) break;
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

}  // namespace x12::syntax
