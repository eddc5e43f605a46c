// x12_memchr_baseline FILE: counts segment terminators with memchr, reading
// the file with read(2) in 1 MiB chunks (the same I/O as x12::syntax::FileSource).
// The lower bound that bench/compare.sh measures every x12 command against:
// any reader must at least look at every byte for the terminator.
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: x12_memchr_baseline FILE\n");
    return 2;
  }
  int fd = ::open(argv[1], O_RDONLY);
  if (fd < 0) {
    std::perror(argv[1]);
    return 2;
  }
  constexpr std::size_t kChunk = 1 << 20;
  std::vector<char> buffer(kChunk);
  std::uint64_t bytes = 0, terminators = 0;
  char term = 0;  // ISA16 is followed by the segment terminator at byte 105
  for (;;) {
    ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0) {
      std::perror("read");
      return 2;
    }
    if (got == 0) break;
    const char* p = buffer.data();
    const char* end = p + got;
    if (term == 0) {
      if (bytes + static_cast<std::uint64_t>(got) <= 105) {
        std::fprintf(stderr, "x12_memchr_baseline: shorter than an ISA header\n");
        return 2;
      }
      term = p[105 - bytes];
    }
    while ((p = static_cast<const char*>(std::memchr(p, term, static_cast<std::size_t>(end - p)))) != nullptr) {
      ++terminators;
      ++p;
    }
    bytes += static_cast<std::uint64_t>(got);
  }
  ::close(fd);
  std::printf("%llu bytes, %llu segment terminators\n", static_cast<unsigned long long>(bytes),
              static_cast<unsigned long long>(terminators));
  return 0;
}
