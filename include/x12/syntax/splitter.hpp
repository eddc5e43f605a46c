// Splits an interchange stream into self-contained transaction-set units, so
// that transaction sets can be validated or converted on several threads (or
// machines) and the results put back in input order.
//
// A unit is the bytes of one ST..SE with the envelope it needs in front:
//   ISA (delimiters) + GS (GS08 chooses the grammar) + ST ... SE
// each with its segment terminator; the gaps between the set's segments are
// kept, so positions read from `bytes` map back to the input by a constant
// shift (Unit::input_offset, Unit::input_index). A set closes where
// schema::Builder closes it: at its SE, or at an ST, GS, GE, ISA or IEA that
// comes before the SE (then `complete` is false), or at the end of the input.
//
//   syntax::Reader reader(*source);
//   syntax::Splitter split;
//   syntax::Unit unit;
//   for (syntax::Segment s; reader.next(s);)
//     if (split.add(s)) hand_out(split.take());   // ISA..SE bytes, positions
//   if (split.finish()) hand_out(split.take());
//
// or, when the caller needs nothing but the units: `while (split.next(reader, unit)) ...`.
// Segments outside ST..SE (the envelope) are not in any unit: check them on
// the reading thread (syntax::EnvelopeChecker) and merge by Unit::sequence.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "x12/position.hpp"
#include "x12/syntax/reader.hpp"
#include "x12/syntax/segment.hpp"

namespace x12::syntax {

struct Unit {
  std::string bytes;                  // ISA + GS (when in a group) + ST..SE, terminators included
  std::size_t set_begin = 0;          // where the ST starts in `bytes`
  std::uint32_t header_segments = 0;  // segments before the ST in `bytes` (1 or 2)
  std::uint64_t sequence = 0;         // 0-based number of the unit in the input
  std::uint64_t offset = 0;           // input offset of the ST
  std::uint64_t segment_index = 0;    // 1-based input index of the ST
  std::uint64_t segments = 0;         // segments from the ST to the last one of the set, skipped ones included
  bool complete = false;              // closed by its SE
  // Segments the reader skipped inside the set (over a gateway limit); their
  // bytes are blanks in `bytes`, so reading `bytes` back numbers the segments
  // after one a place too low. Each entry is the set position, as read back,
  // of the segment that followed a skipped one (sorted).
  std::vector<std::uint32_t> skipped;

  // The set's segments alone (ST..SE), as in the input.
  std::string_view set_bytes() const noexcept { return std::string_view(bytes).substr(set_begin); }
  // Maps an offset / a segment index / a set position met while reading
  // `bytes` back to the input.
  std::uint64_t input_offset(std::uint64_t local) const noexcept { return local - set_begin + offset; }
  std::uint64_t input_index(std::uint64_t local) const noexcept {
    const std::uint64_t in_set = local - header_segments;  // ST = 1
    return in_set - 1 + segment_index + skipped_before(in_set);
  }
  std::uint64_t input_set_index(std::uint64_t local) const noexcept { return local + skipped_before(local); }
  // A whole position, when it is one in the set (not in the ISA/GS header).
  void to_input(Position& p) const noexcept {
    if (p.segment_index <= header_segments) return;
    p.offset = input_offset(p.offset);
    p.segment_index = input_index(p.segment_index);
    if (p.set_index != 0) p.set_index = static_cast<std::uint32_t>(input_set_index(p.set_index));
  }

 private:
  std::uint64_t skipped_before(std::uint64_t set_position) const noexcept {
    return static_cast<std::uint64_t>(std::upper_bound(skipped.begin(), skipped.end(), set_position) - skipped.begin());
  }
};

class Splitter {
 public:
  Splitter() = default;
  // Feed every segment of the input in order. True when `s` closed a unit:
  // take() it before the next add(). (An ST that closes the previous unit
  // also opens the next one.)
  bool add(const Segment& s);
  // End of input: true when a set was left open (take() it).
  bool finish();
  // The unit closed by the last add() or finish(); moves it out.
  Unit take() { return std::move(ready_); }
  // Pulls segments from `reader` until a unit is closed; false at the end.
  bool next(Reader& reader, Unit& out);

  bool in_set() const noexcept { return in_set_; }

 private:
  void open(const Segment& st);
  void close();
  void append(const Segment& s, std::uint64_t skipped);
  static void append_segment(std::string& to, const Segment& s);

  std::string isa_, gs_;  // current ISA and GS (GS cleared at ISA/IEA, as the Builder does)
  bool in_set_ = false;
  std::uint64_t sequence_ = 0;
  std::uint64_t next_offset_ = 0;  // input offset just past the last byte appended
  SkippedSegments skipped_;
  Unit open_, ready_;
};

// Runs `work` over items on `threads` worker threads and hands the results to
// `deliver` on the calling thread, in the order the items were submitted.
// At most `window` items are in flight (memory stays bounded).
template <class Item, class Result> class OrderedPool {
 public:
  OrderedPool(unsigned threads, std::function<Result(Item&)> work, std::function<void(Result&)> deliver,
              std::size_t window = 0)
      : work_(std::move(work)),
        deliver_(std::move(deliver)),
        window_(window ? window : 4 * std::size_t(threads ? threads : 1)) {
    for (unsigned i = 0; i < (threads ? threads : 1); ++i) workers_.emplace_back([this] { run(); });
  }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;
  ~OrderedPool() { close(); }

  // Queues an item; delivers finished results in order, and waits while the window is full.
  void submit(Item item) {
    std::unique_lock lock(mutex_);
    slots_.push_back(Slot{std::move(item), std::nullopt, false});
    queue_.push_back(submitted_++);
    work_ready_.notify_one();
    deliver_ready(lock, window_);
  }
  // Waits for everything submitted and delivers it; stops the workers.
  void close() {
    std::unique_lock lock(mutex_);
    if (closed_) return;
    deliver_ready(lock, 1);
    closed_ = true;
    work_ready_.notify_all();
    lock.unlock();
    for (auto& t : workers_) t.join();
  }

 private:
  struct Slot {
    Item item;
    std::optional<Result> result;
    bool taken = false;
  };
  // Delivers results in order while more than `limit - 1` items are in flight
  // (limit 1: until none is).
  void deliver_ready(std::unique_lock<std::mutex>& lock, std::size_t limit) {
    for (;;) {
      while (!slots_.empty() && slots_.front().result) {
        Result r = std::move(*slots_.front().result);
        slots_.pop_front();
        ++delivered_;
        lock.unlock();
        deliver_(r);
        lock.lock();
      }
      if (slots_.size() < limit) return;
      done_.wait(lock);
    }
  }
  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      work_ready_.wait(lock, [this] { return closed_ || !queue_.empty(); });
      if (queue_.empty()) return;
      std::uint64_t n = queue_.front();
      queue_.pop_front();
      Slot& slot = slots_[static_cast<std::size_t>(n - delivered_)];
      Item item = std::move(slot.item);
      lock.unlock();
      Result r = work_(item);
      lock.lock();
      // The deque may have moved its elements' blocks but not the elements: index again.
      slots_[static_cast<std::size_t>(n - delivered_)].result = std::move(r);
      done_.notify_all();
    }
  }

  std::function<Result(Item&)> work_;
  std::function<void(Result&)> deliver_;
  std::size_t window_;
  std::mutex mutex_;
  std::condition_variable work_ready_, done_;
  std::deque<Slot> slots_;           // in submission order, from `delivered_`
  std::deque<std::uint64_t> queue_;  // submitted, not yet started
  std::uint64_t submitted_ = 0, delivered_ = 0;
  bool closed_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace x12::syntax
