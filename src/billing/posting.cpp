#include "x12/billing/posting.hpp"

#include <algorithm>

namespace x12::billing {

std::string_view to_string(MatchMethod m) noexcept {
  switch (m) {
    case MatchMethod::patient_control_number: return "patient_control_number";
    case MatchMethod::payer_claim_control_number: return "payer_claim_control_number";
    case MatchMethod::none: break;
  }
  return "none";
}

std::string_view to_string(LineMatch m) noexcept {
  switch (m) {
    case LineMatch::control_number: return "control_number";
    case LineMatch::procedure: return "procedure";
    case LineMatch::original_code: return "original_code";
    case LineMatch::none: break;
  }
  return "none";
}

std::string_view to_string(PostingStatus s) noexcept {
  switch (s) {
    case PostingStatus::paid: return "paid";
    case PostingStatus::partial: return "partial";
    case PostingStatus::denied: return "denied";
    case PostingStatus::reversal: return "reversal";
    case PostingStatus::forwarded: return "forwarded";
  }
  return "paid";
}

std::string_view to_string(ProcessedAs p) noexcept {
  switch (p) {
    case ProcessedAs::primary: return "primary";
    case ProcessedAs::secondary: return "secondary";
    case ProcessedAs::tertiary: return "tertiary";
    case ProcessedAs::denied: return "denied";
    case ProcessedAs::reversal: return "reversal";
    case ProcessedAs::not_our_claim: return "not_our_claim";
    case ProcessedAs::predetermination: return "predetermination";
    case ProcessedAs::other: break;
  }
  return "other";
}

ProcessedAs processed_as(std::string_view s) noexcept {
  if (s == "1" || s == "19") return ProcessedAs::primary;
  if (s == "2" || s == "20") return ProcessedAs::secondary;
  if (s == "3" || s == "21") return ProcessedAs::tertiary;
  if (s == "4") return ProcessedAs::denied;
  if (s == "22") return ProcessedAs::reversal;
  if (s == "23") return ProcessedAs::not_our_claim;
  if (s == "25") return ProcessedAs::predetermination;
  return ProcessedAs::other;
}

namespace {
// Adds two X12 decimal quantities exactly enough for unit counts (up to 4
// places).
std::string add_quantity(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  auto scaled = [](const std::string& t) -> long long {
    long long whole = 0, frac = 0;
    int places = 0;
    bool neg = false, dot = false;
    for (char c : t) {
      if (c == '-') neg = true;
      else if (c == '.') dot = true;
      else if (c >= '0' && c <= '9') {
        if (dot) {
          if (places < 4) frac = frac * 10 + (c - '0'), ++places;
        } else {
          whole = whole * 10 + (c - '0');
        }
      }
    }
    while (places < 4) frac *= 10, ++places;
    long long v = whole * 10000 + frac;
    return neg ? -v : v;
  };
  long long v = scaled(a) + scaled(b);
  std::string out = v < 0 ? "-" : "";
  long long u = v < 0 ? -v : v;
  out += std::to_string(u / 10000);
  long long f = u % 10000;
  if (f) {
    std::string fs = std::to_string(f + 10000).substr(1);
    while (!fs.empty() && fs.back() == '0') fs.pop_back();
    out += "." + fs;
  }
  return out;
}
}  // namespace

void Breakdown::add(const tx::Adjustment& cas) {
  for (const auto& item : cas.items) {
    auto it = std::find_if(adjustments.begin(), adjustments.end(),
                           [&](const AdjustmentTotal& t) { return t.group == cas.group && t.reason == item.reason; });
    if (it == adjustments.end()) {
      adjustments.push_back({cas.group, item.reason, item.amount, item.quantity});
    } else {
      it->amount += item.amount;
      it->quantity = add_quantity(it->quantity, item.quantity);
    }
    if (cas.group == "PR") {
      patient_responsibility += item.amount;
      if (item.reason == "1") deductible += item.amount;
      else if (item.reason == "2") coinsurance += item.amount;
      else if (item.reason == "3") copay += item.amount;
      else other_patient += item.amount;
    } else if (cas.group == "CO") {
      contractual += item.amount;
    } else if (cas.group == "PI") {
      payer_initiated += item.amount;
    } else {
      other_adjustment += item.amount;
    }
  }
}

Money Breakdown::adjusted() const noexcept { return patient_responsibility + non_patient(); }

std::vector<AdjustmentTotal> claim_level_adjustments(const ClaimPosting& c) {
  std::vector<AdjustmentTotal> out;
  for (const auto& a : c.money.adjustments) {
    Money m = a.amount;
    for (const auto& l : c.lines)
      for (const auto& la : l.money.adjustments)
        if (la.group == a.group && la.reason == a.reason) m -= la.amount;
    if (m.cents() != 0) out.push_back({a.group, a.reason, m, {}});
  }
  return out;
}

}  // namespace x12::billing
