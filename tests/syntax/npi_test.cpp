// x12::npi_valid, the one NPI check (the schema's SNIP 4 rule calls it; billing::npi_valid is its name there).
#include <gtest/gtest.h>

#include <string>

#include "x12/billing/npi.hpp"
#include "x12/npi.hpp"

namespace {

TEST(Npi, KnownValidNumbers) {
  for (const char* good : {"1234567893", "1245319599", "1588667638", "1000000004", "0000000006"})
    EXPECT_TRUE(x12::npi_valid(good)) << good;
}

TEST(Npi, KnownInvalidNumbers) {
  for (const char* bad : {"1234567890", "1234567894", "1245319598", "123456789", "12345678930", "12345678a3",
                          "1234 67893", "", "-234567893"})
    EXPECT_FALSE(x12::npi_valid(bad)) << bad;
}

TEST(Npi, ExactlyOneCheckDigitFitsEachPrefix) {
  for (std::string nine : {"123456789", "124531959", "158866763", "999999999", "000000000"}) {
    int valid = 0;
    for (char c = '0'; c <= '9'; ++c) valid += x12::npi_valid(nine + c) ? 1 : 0;
    EXPECT_EQ(valid, 1) << nine;
  }
}

TEST(Npi, BillingNameIsTheSameCheck) {
  for (const char* v : {"1234567893", "1234567890", "1588667638", "158866763"})
    EXPECT_EQ(x12::billing::npi_valid(v), x12::npi_valid(v)) << v;
}

}  // namespace
