// x12/date.hpp: the one reading of X12 dates and times (Boost's calendar).
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <optional>
#include <string>

#include "x12/date.hpp"

namespace {

// The oracle: what Boost's constructor accepts (years 1400 to 9999).
bool boost_date_accepts(int y, int m, int d) {
  try {
    boost::gregorian::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                           static_cast<unsigned short>(d));
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

TEST(Date, Ccyymmdd) {
  for (const char* good : {"20260228", "20240229", "20000229", "14000101", "99991231", "20261231"})
    EXPECT_TRUE(x12::valid_ccyymmdd(good) && x12::valid_date(good)) << good;
  for (const char* bad : {"20260229", "19000229", "13991231", "20261301", "20260001", "20260100", "20260431", "2026013",
                          "202601011", "2026-1-1", "2026O101", "", "00000000"})
    EXPECT_FALSE(x12::valid_ccyymmdd(bad) || x12::valid_date(bad)) << bad;
}

TEST(Date, YymmddIsTwentyYy) {
  EXPECT_TRUE(x12::valid_yymmdd("260228"));
  EXPECT_TRUE(x12::valid_yymmdd("000229"));  // 2000 was a leap year
  EXPECT_TRUE(x12::valid_yymmdd("991231"));
  EXPECT_FALSE(x12::valid_yymmdd("250230"));
  EXPECT_FALSE(x12::valid_yymmdd("251341"));
  EXPECT_FALSE(x12::valid_yymmdd("26022"));
  EXPECT_TRUE(x12::valid_date("260228"));
  EXPECT_FALSE(x12::valid_date("2602281"));
  EXPECT_EQ(x12::parse_yymmdd("000229"), boost::gregorian::date(2000, 2, 29));
}

// The validator's DT rule is exactly Boost's calendar: sweep the edges of
// the year range, century leap years and every month and day number.
TEST(Date, ValidDateIsBoostsCalendar) {
  for (int y : {1399, 1400, 1600, 1700, 1899, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9999})
    for (int m = 0; m <= 13; ++m)
      for (int d = 0; d <= 32; ++d) {
        std::string v = fmt::format("{:04}{:02}{:02}", y, m, d);
        bool want = boost_date_accepts(y, m, d);
        EXPECT_EQ(x12::valid_date(v), want) << v;
        EXPECT_EQ(x12::parse_ccyymmdd(v).has_value(), want) << v;
        EXPECT_EQ(x12::make_date(y, m, d).has_value(), want) << v;
        if (want) EXPECT_EQ(*x12::parse_ccyymmdd(v), boost::gregorian::date(y, m, d)) << v;
      }
  EXPECT_FALSE(x12::make_date(10000, 1, 1));
  EXPECT_FALSE(x12::make_date(2026 + 65536, 1, 1));  // no wrap through unsigned short
  EXPECT_FALSE(x12::make_date(-2026, 1, 1));
}

TEST(Date, Times) {
  for (const char* good : {"0000", "2359", "235959", "2359599", "23595999", "120000"})
    EXPECT_TRUE(x12::valid_time(good)) << good;
  for (const char* bad : {"2400", "2360", "235960", "23595", "123", "123456789", "12:0", "", "99"})
    EXPECT_FALSE(x12::valid_time(bad)) << bad;
  EXPECT_TRUE(x12::valid_hhmm("1430"));
  EXPECT_FALSE(x12::valid_hhmm("143000"));
  EXPECT_FALSE(x12::valid_hhmm("2460"));
}

TEST(Date, Rd8) {
  auto r = x12::parse_rd8("20260101-20260131");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, boost::gregorian::date(2026, 1, 1));
  EXPECT_EQ(r->second, boost::gregorian::date(2026, 1, 31));
  EXPECT_TRUE(x12::valid_rd8("20260101-20260131"));
  for (const char* bad : {"20260101-20260132", "20260101/20260131", "20260101-2026013", "20260101", ""}) {
    EXPECT_FALSE(x12::parse_rd8(bad)) << bad;
    EXPECT_FALSE(x12::valid_rd8(bad)) << bad;
  }
}

TEST(Date, IsoDates) {
  EXPECT_EQ(x12::parse_iso_date("2026-02-28"), boost::gregorian::date(2026, 2, 28));
  for (const char* bad : {"2026-02-30", "2026/02/28", "2026-2-28", "20260228", "2026-02-2a", "2026-Feb-28", ""})
    EXPECT_FALSE(x12::parse_iso_date(bad)) << bad;
  EXPECT_EQ(x12::parse_iso_or_ccyymmdd("2026-02-28"), boost::gregorian::date(2026, 2, 28));
  EXPECT_EQ(x12::parse_iso_or_ccyymmdd("20260228"), boost::gregorian::date(2026, 2, 28));
  EXPECT_FALSE(x12::parse_iso_or_ccyymmdd("2026-0228"));
  EXPECT_FALSE(x12::parse_iso_or_ccyymmdd("13990101"));
}

TEST(Date, DaysElapsedIsNeverNegative) {
  const boost::gregorian::date submitted(2026, 3, 1);
  EXPECT_EQ(x12::days_elapsed(submitted, boost::gregorian::date(2026, 3, 31)), 30);
  EXPECT_EQ(x12::days_elapsed(submitted, submitted), 0);
  // A report dated before the event: the claim is not yet aged.
  EXPECT_EQ(x12::days_elapsed(submitted, boost::gregorian::date(2026, 1, 1)), 0);
  EXPECT_EQ(x12::days_elapsed(boost::gregorian::date(), submitted), 0);
}

}  // namespace
