#include "common/date.h"

#include <algorithm>
#include <cstdio>

namespace common {
namespace {

// Howard Hinnant's civil-from-days algorithms (public domain), exact for the whole range.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yy + (*m <= 2));
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

constexpr int64_t kMicrosPerDay = 86400LL * 1000000LL;

}  // namespace

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    return Status::FieldInvalid("date", "invalid_date", "no such calendar date");
  }
  return Date{static_cast<int32_t>(DaysFromCivil(year, month, day))};
}

void Date::ToYmd(int* year, int* month, int* day) const { CivilFromDays(days, year, month, day); }

Date Date::AddYears(int years) const {
  int y, m, d;
  ToYmd(&y, &m, &d);
  y += years;
  if (m == 2 && d == 29 && !IsLeap(y)) d = 28;
  return Date{static_cast<int32_t>(DaysFromCivil(y, m, d))};
}

Result<Date> ParseDate(std::string_view text, std::string_view field) {
  int y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !Digits(text, 0, 4, &y) ||
      !Digits(text, 5, 2, &m) || !Digits(text, 8, 2, &d)) {
    return Status::FieldInvalid(std::string(field), "format", "a date is written YYYY-MM-DD");
  }
  auto r = Date::FromYmd(y, m, d);
  if (!r.ok()) {
    return Status::FieldInvalid(std::string(field), "invalid_date", "no such calendar date");
  }
  return r;
}

namespace {

// Fixed-width decimal digits, without snprintf: timestamps are formatted several times per
// write (the audit entry and its hash) and per row read, and vfprintf was a visible part of
// the write turn (callgrind; docs/performance.md).
char* PutDigits(char* p, int v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + width;
}

// "YYYY-MM-DD" into p (10 chars) for years 0..9999; returns the end, or nullptr otherwise.
char* PutDate(char* p, Date d) {
  int y, m, dd;
  d.ToYmd(&y, &m, &dd);
  if (y < 0 || y > 9999) return nullptr;
  p = PutDigits(p, y, 4);
  *p++ = '-';
  p = PutDigits(p, m, 2);
  *p++ = '-';
  return PutDigits(p, dd, 2);
}

}  // namespace

std::string FormatDate(Date d) {
  char buf[16];
  if (char* end = PutDate(buf, d)) return std::string(buf, end);
  int y, m, dd;
  d.ToYmd(&y, &m, &dd);
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, dd);
  return buf;
}

Date Timestamp::date() const {
  int64_t days = micros >= 0 ? micros / kMicrosPerDay : -((-micros + kMicrosPerDay - 1) / kMicrosPerDay);
  return Date{static_cast<int32_t>(days)};
}

Result<Timestamp> ParseTimestamp(std::string_view s, std::string_view field_view) {
  std::string field(field_view);
  auto bad = [&]() -> Result<Timestamp> {
    return Status::FieldInvalid(field, "format",
                                "a timestamp is RFC 3339, e.g. 2026-12-01T09:00:00Z");
  };
  if (s.size() < 20) return bad();
  auto date = ParseDate(s.substr(0, 10), field);
  if (!date.ok()) return date.status();
  int hh, mm, ss;
  if ((s[10] != 'T' && s[10] != 't') || !Digits(s, 11, 2, &hh) || s[13] != ':' ||
      !Digits(s, 14, 2, &mm) || s[16] != ':' || !Digits(s, 17, 2, &ss)) {
    return bad();
  }
  if (hh > 23 || mm > 59 || ss > 59) return bad();  // leap seconds are not accepted
  size_t i = 19;
  int64_t frac = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t n = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (n < 6) frac = frac * 10 + (s[i] - '0');
      ++n;
      ++i;
    }
    if (n == 0 || n > 9) return bad();
    for (size_t k = n; k < 6; ++k) frac *= 10;
  }
  int64_t offset_min = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int oh, om;
    if (!Digits(s, i + 1, 2, &oh) || i + 3 >= s.size() || s[i + 3] != ':' ||
        !Digits(s, i + 4, 2, &om) || oh > 23 || om > 59) {
      return bad();
    }
    offset_min = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
    i += 6;
  } else {
    return bad();
  }
  if (i != s.size()) return bad();
  int64_t secs = static_cast<int64_t>(date->days) * 86400 + hh * 3600 + mm * 60 + ss - offset_min * 60;
  Timestamp t{secs * 1000000 + frac};
  // The offset can carry 9999-12-31T23:00-12:00 into year 10000 (or 1900-01-01T00:00+08:00 back
  // into 1899) in UTC, which FormatTimestamp could not print as RFC 3339: the instant itself,
  // not only its local date, must lie in 1900..9999 (found by fuzz/fuzz_money_date).
  static const int32_t kFirst = Date::FromYmd(1900, 1, 1)->days;
  static const int32_t kLast = Date::FromYmd(9999, 12, 31)->days;
  if (t.date().days < kFirst || t.date().days > kLast) {
    return Status::FieldInvalid(field, "range", "a timestamp lies between 1900 and 9999 in UTC");
  }
  return t;
}

namespace {

// "YYYY-MM-DDTHH:MM:SS" of t into buf (at least 48 bytes); returns the end and sets *micros to
// the fraction of the second.
char* PutDateTime(char* buf, Timestamp t, int* micros) {
  Date d = t.date();
  int64_t rem = t.micros - static_cast<int64_t>(d.days) * kMicrosPerDay;
  int secs = static_cast<int>(rem / 1000000);
  *micros = static_cast<int>(rem % 1000000);
  char* p = PutDate(buf, d);
  if (!p) {  // outside 0..9999: never stored (ParseTimestamp refuses it), printed all the same
    std::string date = FormatDate(d);
    p = std::copy(date.begin(), date.end(), buf);
  }
  *p++ = 'T';
  p = PutDigits(p, secs / 3600, 2);
  *p++ = ':';
  p = PutDigits(p, secs / 60 % 60, 2);
  *p++ = ':';
  return PutDigits(p, secs % 60, 2);
}

}  // namespace

std::string FormatTimestamp(Timestamp t) {
  char buf[48];
  int frac;
  char* p = PutDateTime(buf, t, &frac);
  if (frac != 0) {
    *p++ = '.';
    p = PutDigits(p, frac, 6);
  }
  *p++ = 'Z';
  return std::string(buf, p);
}

void AppendTimestampMillis(std::string* out, Timestamp t) {
  char buf[48];
  int frac;
  char* p = PutDateTime(buf, t, &frac);
  *p++ = '.';
  p = PutDigits(p, frac / 1000, 3);
  *p++ = 'Z';
  out->append(buf, p);
}

}  // namespace common
