// A small streaming JSON writer: commas, escaping and optional indentation.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace x12::tx::detail {

class JsonOut {
 public:
  // `flush`, when set, is handed `out` whenever an object or array closes with
  // more than `flush_at` bytes in it, and empties it: a large document is then
  // written in pieces instead of being held whole.
  using Flush = std::function<void(std::string&)>;
  JsonOut(std::string& out, bool pretty, const Flush* flush = nullptr, std::size_t flush_at = 1 << 20)
      : out_(out), pretty_(pretty), flush_(flush), flush_at_(flush_at) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k) {
    item();
    key_text(k);
    after_key_ = true;
  }
  void string(std::string_view v) {
    item();
    quote(v);
  }
  void raw(std::string_view v) {
    item();
    out_ += v;
  }
  // Most fields are a short key and a short value without escapes: they are
  // put together here and appended at once.
  void field(std::string_view k, std::string_view v) {
    item();
    char buf[256];
    if (k.size() + v.size() + 6 <= sizeof buf && plain(v)) {
      char* p = buf;
      *p++ = '"';
      p = std::copy(k.begin(), k.end(), p);
      *p++ = '"';
      *p++ = ':';
      if (pretty_) *p++ = ' ';
      *p++ = '"';
      p = std::copy(v.begin(), v.end(), p);
      *p++ = '"';
      out_.append(buf, static_cast<std::size_t>(p - buf));
      return;
    }
    key_text(k);
    after_key_ = true;
    string(v);
  }

 private:
  void item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_.empty()) {
      if (!first_.back()) out_ += ',';
      first_.back() = false;
      newline();
    }
  }
  void open(char c) {
    item();
    out_ += c;
    first_.push_back(true);
  }
  void close(char c) {
    bool empty = first_.back();
    first_.pop_back();
    if (!empty) newline();
    out_ += c;
    if (flush_ && out_.size() >= flush_at_) (*flush_)(out_);
  }
  void newline() {
    if (!pretty_) return;
    out_ += '\n';
    out_.append(first_.size() * 2, ' ');
  }
  static bool plain(std::string_view v) noexcept {
    for (char c : v) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == '"' || u == '\\') return false;
    }
    return true;
  }
  // Keys are the writer's own names (snake_case ASCII): nothing to escape.
  void key_text(std::string_view k) {
    out_ += '"';
    out_ += k;
    out_ += pretty_ ? "\": " : "\":";
  }
  void quote(std::string_view v) {
    if (v.size() <= 126 && plain(v)) {
      char buf[128];
      buf[0] = '"';
      std::copy(v.begin(), v.end(), buf + 1);
      buf[v.size() + 1] = '"';
      out_.append(buf, v.size() + 2);
      return;
    }
    out_ += '"';
    // Runs that need no escape are appended whole (most values have no escape at all).
    std::size_t run = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const auto u = static_cast<unsigned char>(v[i]);
      if (u >= 0x20 && u != '"' && u != '\\') continue;
      out_.append(v.data() + run, i - run);
      run = i + 1;
      escape(v[i]);
    }
    out_.append(v.data() + run, v.size() - run);
    out_ += '"';
  }
  void escape(char c) {
    {
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            static const char* hex = "0123456789abcdef";
            out_ += "\\u00";
            out_ += hex[(c >> 4) & 0xf];
            out_ += hex[c & 0xf];
          } else {
            out_ += c;
          }
      }
    }
  }

  std::string& out_;
  bool pretty_;
  const Flush* flush_;
  std::size_t flush_at_;
  bool after_key_ = false;
  std::vector<char> first_;  // per open object or array: nothing written in it yet (not vector<bool>: read per field)
};

}  // namespace x12::tx::detail
