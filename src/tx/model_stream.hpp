// Told by tx::SetReader as the loops of a set's model that can be written and
// dropped one by one (837P 2000A/2000B/2000C/2300, 835 2000/2100) are entered
// and left, so a consumer (the JSON writer) may write a finished loop and
// free it while the rest of the set is still being read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <variant>

#include "x12/tx/read.hpp"

namespace x12::tx {

using StreamLoop = std::variant<BillingProvider*, Subscriber*, Patient*, Claim*, HeaderNumber*, ClaimPayment*>;

class ModelStream {
 public:
  virtual ~ModelStream() = default;
  // The set's model was made (its envelope filled); nothing else yet.
  virtual void begin(AnySet& set) = 0;
  // The open loops at `level` and deeper (1 = a child of the set) are left.
  // True when the stream wrote them and took them out of the model.
  virtual bool leave(std::size_t level, std::uint64_t model_bytes) = 0;
  // `loop`, the last element of its parent's vector, was entered at `level`.
  virtual void enter(std::size_t level, StreamLoop loop) = 0;
  // The set ended: the rest of the model is the stream's to write.
  virtual void end() = 0;
};

}  // namespace x12::tx
