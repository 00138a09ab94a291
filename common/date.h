// Calendar dates and UTC timestamps, computed without the C library's time zone state.
//
// The domain never reads a clock: it takes dates and timestamps as arguments. A Clock (clock.h)
// is what the edge and the services use to learn "now".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace common {

// A proleptic Gregorian date, stored as days since 1970-01-01.
struct Date {
  int32_t days = 0;
  static Result<Date> FromYmd(int year, int month, int day);
  void ToYmd(int* year, int* month, int* day) const;
  Date AddDays(int32_t n) const { return Date{days + n}; }
  // Same month and day `years` later; 29 February becomes 28 February in a common year.
  Date AddYears(int years) const;
  bool operator==(const Date& o) const { return days == o.days; }
  bool operator!=(const Date& o) const { return days != o.days; }
  bool operator<(const Date& o) const { return days < o.days; }
  bool operator<=(const Date& o) const { return days <= o.days; }
  bool operator>(const Date& o) const { return days > o.days; }
  bool operator>=(const Date& o) const { return days >= o.days; }
};

// Strict "YYYY-MM-DD" with a real day of a real month, years 1900..9999: "2026-02-30",
// "2026-2-3", "2026-02-03T00:00" are rejected with a FieldError of `field`.
Result<Date> ParseDate(std::string_view text, std::string_view field = "date");
std::string FormatDate(Date d);

// An instant in UTC, microseconds since the Unix epoch.
struct Timestamp {
  int64_t micros = 0;
  Date date() const;
  bool operator==(const Timestamp& o) const { return micros == o.micros; }
  bool operator<(const Timestamp& o) const { return micros < o.micros; }
  bool operator<=(const Timestamp& o) const { return micros <= o.micros; }
  bool operator>(const Timestamp& o) const { return micros > o.micros; }
  bool operator>=(const Timestamp& o) const { return micros >= o.micros; }
};

// The bureau keeps Beijing time (UTC+8, no daylight saving): its days, deadlines shown and days
// typed are Beijing days. One definition, used by every layer.
inline constexpr int kBureauUtcOffsetMinutes = 8 * 60;
// The Beijing calendar day of an instant.
inline Date BeijingDate(Timestamp t) { return Timestamp{t.micros + int64_t{kBureauUtcOffsetMinutes} * 60 * 1000000}.date(); }
// The instant a Beijing day begins (00:00 in Beijing, 16:00 UTC the day before).
inline Timestamp BeijingDayStart(Date d) {
  return Timestamp{int64_t{d.days} * 86400 * 1000000 - int64_t{kBureauUtcOffsetMinutes} * 60 * 1000000};
}

// RFC 3339: "2026-12-01T09:00:00Z", optional fraction (up to 6 digits kept), 'Z' or a numeric
// offset ("+08:00"), which is converted to UTC. Lowercase 't'/'z' accepted per RFC 3339 5.6.
Result<Timestamp> ParseTimestamp(std::string_view text, std::string_view field = "timestamp");
// "2026-12-01T09:00:00Z" when the fraction is zero, else "2026-12-01T09:00:00.250000Z".
std::string FormatTimestamp(Timestamp t);
// Appends "2026-12-01T09:00:00.250Z" (always milliseconds, truncated): the log line's clock.
void AppendTimestampMillis(std::string* out, Timestamp t);

}  // namespace common
