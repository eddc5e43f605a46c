// Helpers for the hostile-input tests: a Source that synthesizes its bytes
// (so a gigabyte is never held in memory), peak-memory measurement, and
// sizes that an environment variable can raise for a manual run.
#pragma once

// AddressSanitizer holds freed memory in quarantine and adds shadow memory, so
// peak-memory bounds only mean something in builds without it.
#if defined(__SANITIZE_ADDRESS__)
#define X12_MEMORY_MEASURABLE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define X12_MEMORY_MEASURABLE 0
#endif
#endif
#ifndef X12_MEMORY_MEASURABLE
#define X12_MEMORY_MEASURABLE 1
#endif
#define X12_EXPECT_MEMORY_BELOW(growth_kb, bound_kb)               \
  do {                                                             \
    if (X12_MEMORY_MEASURABLE) EXPECT_LT((growth_kb), (bound_kb)); \
  } while (0)

#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>

#include "x12/syntax.hpp"

namespace x12::test {

// Hands out the pieces a callback produces, one after another. The callback
// fills `piece` and returns false when there are no more.
class GeneratedSource final : public syntax::Source {
 public:
  explicit GeneratedSource(std::function<bool(std::string& piece)> next) : next_(std::move(next)) {}
  std::size_t read(char* dst, std::size_t max) override {
    std::size_t got = 0;
    while (got < max) {
      if (at_ == piece_.size()) {
        piece_.clear();
        at_ = 0;
        if (done_ || !next_(piece_)) {
          done_ = true;
          break;
        }
        continue;
      }
      std::size_t n = std::min(max - got, piece_.size() - at_);
      std::memcpy(dst + got, piece_.data() + at_, n);
      at_ += n;
      got += n;
    }
    total_ += got;
    return got;
  }
  std::uint64_t total() const noexcept { return total_; }

 private:
  std::function<bool(std::string&)> next_;
  std::string piece_;
  std::size_t at_ = 0;
  bool done_ = false;
  std::uint64_t total_ = 0;
};

// head, then `count` bytes of `fill`, then tail; made 64 KiB at a time.
inline GeneratedSource repeated_bytes(std::string head, char fill, std::uint64_t count, std::string tail) {
  int stage = 0;
  std::uint64_t left = count;
  return GeneratedSource([=](std::string& piece) mutable {
    switch (stage) {
      case 0:
        piece = head;
        stage = 1;
        return true;
      case 1:
        if (left > 0) {
          std::uint64_t n = std::min<std::uint64_t>(left, 1 << 16);
          piece.assign(n, fill);
          left -= n;
          return true;
        }
        stage = 2;
        piece = tail;
        return true;
      default: return false;
    }
  });
}

// head, then segment(0) .. segment(count - 1), then tail; a thousand
// segments per piece, so a set of millions is never held whole.
inline GeneratedSource repeated_segments(std::string head, std::uint64_t count,
                                         std::function<std::string(std::uint64_t)> segment, std::string tail) {
  int stage = 0;
  std::uint64_t i = 0;
  return GeneratedSource([=](std::string& piece) mutable {
    switch (stage) {
      case 0:
        piece = head;
        stage = 1;
        return true;
      case 1:
        for (int k = 0; k < 1000 && i < count; ++k, ++i) piece += segment(i);
        if (i == count) stage = 2;
        return true;
      case 2:
        piece = tail;
        stage = 3;
        return true;
      default: return false;
    }
  });
}

// Peak resident memory, in KiB. reset() lowers the high-water mark to the
// current use where the kernel allows it (/proc/self/clear_refs), so a test
// measures its own peak rather than an earlier test's.
class PeakMemory {
 public:
  PeakMemory() {
    { std::ofstream("/proc/self/clear_refs") << "5"; }
    baseline_ = current_kb();
  }
  // Growth of the peak over the baseline, in KiB.
  long growth_kb() const { return std::max(0L, peak_kb() - baseline_); }

  static long peak_kb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
  }
  static long current_kb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
      if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    return peak_kb();
  }

 private:
  long baseline_ = 0;
};

// An environment size such as "1G", "64M", "10000000", or the default.
inline std::uint64_t env_size(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  char* end = nullptr;
  std::uint64_t n = std::strtoull(v, &end, 10);
  switch (end ? *end : '\0') {
    case 'K':
    case 'k': n <<= 10; break;
    case 'M':
    case 'm': n <<= 20; break;
    case 'G':
    case 'g': n <<= 30; break;
    default: break;
  }
  return n ? n : fallback;
}

}  // namespace x12::test
