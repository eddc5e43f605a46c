// syntax::read_whole_file: the one way a small input comes into memory.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "x12/error.hpp"
#include "x12/syntax/source.hpp"

namespace {

std::filesystem::path scratch_file(const std::string& name, const std::string& bytes) {
  auto p = std::filesystem::temp_directory_path() / ("x12_read_whole_file_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
  return p;
}

TEST(ReadWholeFile, ReadsEveryByteAcrossChunks) {
  std::string bytes;
  for (int i = 0; i < 200'003; ++i) bytes += static_cast<char>(i * 7 % 256);  // past 64 KiB, not a multiple
  auto p = scratch_file("big", bytes);
  auto r = x12::syntax::read_whole_file(p);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, bytes);
  std::filesystem::remove(p);
}

TEST(ReadWholeFile, EmptyFileIsEmptyText) {
  auto p = scratch_file("empty", "");
  auto r = x12::syntax::read_whole_file(p);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->empty());
  std::filesystem::remove(p);
}

TEST(ReadWholeFile, MissingFileAndDirectoryAreUnreadable) {
  auto missing = x12::syntax::read_whole_file(std::filesystem::temp_directory_path() / "x12_no_such_file_here");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, x12::make_error_code(x12::errc::file_unreadable));
  auto dir = x12::syntax::read_whole_file(std::filesystem::temp_directory_path());
  ASSERT_FALSE(dir);
  EXPECT_EQ(dir.error().code, x12::make_error_code(x12::errc::file_unreadable));
}

}  // namespace
