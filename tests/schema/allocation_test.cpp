// Allocations per megabyte while reading and validating generated files.
//
// This file replaces the global operator new of the x12_schema_tests
// executable with one that counts (and otherwise does what the default
// does), so it affects every test in that executable only by counting.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>

#include "x12/schema/validator.hpp"
#include "x12/syntax/reader.hpp"
#include "x12/syntax/source.hpp"
#include "x12/testdata/generator.hpp"

namespace {
std::atomic<std::uint64_t> g_allocations{0};

void* counted_alloc(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (n == 0) n = 1;
  for (;;) {
    if (void* p = std::malloc(n)) return p;
    std::new_handler h = std::get_new_handler();
    if (!h) throw std::bad_alloc();
    h();
  }
}
void* counted_alloc_aligned(std::size_t n, std::align_val_t a) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  std::size_t align = static_cast<std::size_t>(a);
  std::size_t size = (n + align - 1) / align * align;
  if (void* p = std::aligned_alloc(align, size ? size : align)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t n) { return counted_alloc(n); }
void* operator new[](std::size_t n) { return counted_alloc(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return counted_alloc(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return counted_alloc(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new(std::size_t n, std::align_val_t a) { return counted_alloc_aligned(n, a); }
void* operator new[](std::size_t n, std::align_val_t a) { return counted_alloc_aligned(n, a); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace {

std::string generated(x12::testdata::Kind kind, std::uint64_t mib) {
  x12::testdata::Options o;
  o.kind = kind;
  o.seed = 7;
  o.target_bytes = mib << 20;
  o.delimiters.line_break = x12::syntax::LineBreak::lf;
  std::string text;
  x12::testdata::generate(o, text);
  return text;
}

template <class F> double allocations_per_mb(const std::string& text, F&& work) {
  const std::uint64_t before = g_allocations.load();
  work();
  const std::uint64_t n = g_allocations.load() - before;
  return static_cast<double>(n) / (static_cast<double>(text.size()) / 1e6);
}

void read_all(const std::string& text) {
  x12::syntax::StringSource source(text, 1 << 20);
  x12::syntax::Reader reader(source);
  x12::syntax::Segment s;
  std::uint64_t n = 0;
  while (reader.next(s)) ++n;
  ASSERT_EQ(reader.stop(), nullptr);
  ASSERT_GT(n, 0u);
}

void validate_all(const std::string& text) {
  x12::syntax::StringSource source(text, 1 << 20);
  x12::schema::Report r = x12::schema::validate(source);
  ASSERT_FALSE(r.has_errors());
}

// Reading allocates per chunk and per interchange, never per segment: a few
// allocations for the whole file, whatever its size.
TEST(Allocations, ReadingAllocatesNothingPerSegment) {
  for (auto kind : {x12::testdata::Kind::claims_837p, x12::testdata::Kind::remittance_835}) {
    const std::string text = generated(kind, 8);
    const double per_mb = allocations_per_mb(text, [&] { read_all(text); });
    std::printf("read %s: %.1f allocations per MB\n", std::string(x12::testdata::to_string(kind)).c_str(), per_mb);
    EXPECT_LT(per_mb, 5.0);
  }
}

// Validation allocates per transaction set and per finding, not per segment
// or element: the count per MB stays small and does not grow with the file.
TEST(Allocations, ValidationAllocatesLittlePerMegabyte) {
  (void)x12::schema::Registry::builtin();               // the grammars are parsed once per process, not per file
  (void)x12::schema::ExternalCodeList::builtin_carc();  // so are the built-in code lists
  (void)x12::schema::ExternalCodeList::builtin_rarc();
  for (auto kind : {x12::testdata::Kind::claims_837p, x12::testdata::Kind::remittance_835}) {
    const std::string small = generated(kind, 2), large = generated(kind, 8);
    const double small_per_mb = allocations_per_mb(small, [&] { validate_all(small); });
    const double large_per_mb = allocations_per_mb(large, [&] { validate_all(large); });
    std::printf("validate %s: %.1f allocations per MB (2 MiB), %.1f (8 MiB)\n",
                std::string(x12::testdata::to_string(kind)).c_str(), small_per_mb, large_per_mb);
    EXPECT_LT(large_per_mb, 16.0);
    EXPECT_LT(large_per_mb, small_per_mb * 1.5 + 16);  // no growth with the file size
  }
}

// Issue 7: no allocation per segment or element on the validate path. A
// generated 8 MiB file holds about 350,000 segments and 2 million elements;
// the whole validation may allocate once per thousand segments at most
// (per transaction set, per interchange and per finding, never per segment).
TEST(Allocations, ValidationAllocatesNothingPerSegment) {
  (void)x12::schema::Registry::builtin();
  (void)x12::schema::ExternalCodeList::builtin_carc();  // loaded once per process, like the grammars
  (void)x12::schema::ExternalCodeList::builtin_rarc();
  for (auto kind : {x12::testdata::Kind::claims_837p, x12::testdata::Kind::remittance_835}) {
    x12::testdata::Options o;
    o.kind = kind;
    o.seed = 11;
    o.target_bytes = std::uint64_t{8} << 20;
    o.delimiters.line_break = x12::syntax::LineBreak::lf;
    std::string text;
    const x12::testdata::Truth truth = x12::testdata::generate(o, text);
    ASSERT_GT(truth.segments, 100'000u);
    const std::uint64_t before = g_allocations.load();
    validate_all(text);
    const std::uint64_t allocations = g_allocations.load() - before;
    std::printf("validate %s: %llu allocations for %llu segments\n",
                std::string(x12::testdata::to_string(kind)).c_str(), static_cast<unsigned long long>(allocations),
                static_cast<unsigned long long>(truth.segments));
    EXPECT_LT(allocations * 1000, truth.segments);
  }
}

}  // namespace
