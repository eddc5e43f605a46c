// RereadableInput: every source reads the whole input from its first byte,
// independently of the others; a pipe is copied to a private temporary file
// that has no name in TMPDIR.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include "x12/syntax/source.hpp"

namespace x12::rereadable_input {
namespace {

namespace fs = std::filesystem;
using syntax::FileSource;
using syntax::RereadableInput;

std::string drain(FileSource source, std::size_t piece) {
  std::string out, buffer(piece, '\0');
  for (std::size_t n; (n = source.read(buffer.data(), piece)) > 0;) out.append(buffer, 0, n);
  EXPECT_EQ(source.failure(), nullptr);
  return out;
}

std::string some_bytes(std::size_t n) {
  std::string text;
  std::mt19937 random(7);
  for (std::size_t i = 0; i < n; ++i) text += static_cast<char>('A' + random() % 26);
  return text;
}

fs::path scratch_dir(const char* name) {
  const fs::path dir = fs::temp_directory_path() / (std::string(name) + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(RereadableInput, AFileIsReadFromItsFirstByteByEverySource) {
  const fs::path dir = scratch_dir("x12-reread-file");
  const std::string text = some_bytes(3 << 20);
  std::ofstream(dir / "in.x12", std::ios::binary) << text;
  auto input = RereadableInput::open(dir / "in.x12");
  ASSERT_TRUE(input);
  FileSource first = input->source();
  char head[10];
  ASSERT_EQ(first.read(head, sizeof head), sizeof head);  // a source half-way does not move another
  EXPECT_EQ(drain(input->source(), 4096), text);
  EXPECT_EQ(drain(input->source(), 1 << 20), text);
  EXPECT_EQ(drain(std::move(first), 777), text.substr(sizeof head));
  fs::remove_all(dir);
}

TEST(RereadableInput, APipeIsCopiedToAFileWithNoNameInTmpdir) {
  const fs::path dir = scratch_dir("x12-reread-pipe");
  const std::string text = some_bytes((2 << 20) + 123);
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::thread writer([&] {
    for (std::size_t at = 0; at < text.size();) {
      const ssize_t n = ::write(fds[1], text.data() + at, std::min<std::size_t>(65536, text.size() - at));
      if (n <= 0) break;
      at += static_cast<std::size_t>(n);
    }
    ::close(fds[1]);
  });
  const int saved_stdin = ::dup(0);
  ::dup2(fds[0], 0);
  ::close(fds[0]);
  const char* old_tmpdir = std::getenv("TMPDIR");
  const std::string kept = old_tmpdir ? old_tmpdir : "";
  ::setenv("TMPDIR", dir.c_str(), 1);
  auto input = RereadableInput::open("-");
  writer.join();
  ::dup2(saved_stdin, 0);
  ::close(saved_stdin);
  if (old_tmpdir) ::setenv("TMPDIR", kept.c_str(), 1);
  else ::unsetenv("TMPDIR");
  ASSERT_TRUE(input) << input.error().message;
  EXPECT_TRUE(fs::is_empty(dir)) << "the copy has a name in TMPDIR";
  EXPECT_EQ(drain(input->source(), 65536), text);
  EXPECT_EQ(drain(input->source(), 1000), text);
  fs::remove_all(dir);
}

TEST(RereadableInput, AnAbsentFileIsUnreadable) {
  auto input = RereadableInput::open("/nonexistent/x12/input.x12");
  ASSERT_FALSE(input);
  EXPECT_EQ(input.error().code, make_error_code(errc::file_unreadable));
}

}  // namespace
}  // namespace x12::rereadable_input
