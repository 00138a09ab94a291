#include "common/working_days.h"

#include <string>

namespace common {

int Weekday(Date d) {
  // 1970-01-01 was a Thursday (ISO 4).
  int r = static_cast<int>(((int64_t{d.days} % 7) + 7 + 3) % 7);  // 0 Monday … 6 Sunday
  return r + 1;
}

int YearOf(Date d) {
  int y = 0, m = 0, day = 0;
  d.ToYmd(&y, &m, &day);
  return y;
}

Status CheckYearCalendar(const YearCalendar& c) {
  std::vector<FieldError> errors;
  auto check = [&](const std::vector<Date>& list, const char* name, bool holidays) {
    if (list.size() > 366) errors.push_back({name, "too_many", "at most 366 days"});
    std::set<int32_t> seen;
    for (size_t i = 0; i < list.size() && i < 366; ++i) {
      const std::string field = std::string(name) + "[" + std::to_string(i) + "]";
      const Date d = list[i];
      if (YearOf(d) != c.year) {
        errors.push_back({field, "other_year", "not a day of " + std::to_string(c.year)});
        continue;
      }
      if (!seen.insert(d.days).second) {
        errors.push_back({field, "duplicate", "listed twice"});
        continue;
      }
      const bool weekend = Weekday(d) >= 6;
      if (holidays && weekend) errors.push_back({field, "weekend", "a weekend day is not a working day anyway"});
      if (!holidays && !weekend) errors.push_back({field, "weekday", "a weekday is a working day anyway"});
    }
    return seen;
  };
  std::set<int32_t> off = check(c.holidays, "holidays", true);
  check(c.workdays, "workdays", false);
  for (size_t i = 0; i < c.workdays.size() && i < 366; ++i) {
    if (off.count(c.workdays[i].days)) {
      errors.push_back({"workdays[" + std::to_string(i) + "]", "both", "also listed as a holiday"});
    }
  }
  if (errors.empty()) return Status::Ok();
  return Status::Validation("the calendar has invalid days", errors);
}

WorkingCalendar::WorkingCalendar(const std::vector<YearCalendar>& years) {
  for (const YearCalendar& y : years) {
    for (Date d : y.holidays) holidays_.insert(d.days);
    for (Date d : y.workdays) workdays_.insert(d.days);
  }
}

bool WorkingCalendar::IsWorkingDay(Date d) const {
  if (workdays_.count(d.days)) return true;
  if (holidays_.count(d.days)) return false;
  return Weekday(d) <= 5;
}

Date WorkingCalendar::AddWorkingDays(Date from, int n) const {
  Date d = from;
  // Finite: a year holds at most 366 holidays, and years without a calendar have working days.
  for (int counted = 0; counted < n;) {
    d = d.AddDays(1);
    if (IsWorkingDay(d)) ++counted;
  }
  return d;
}

int WorkingCalendar::WorkingDaysAfter(Date from, Date to) const {
  int n = 0;
  for (Date d = from.AddDays(1); d <= to; d = d.AddDays(1)) n += IsWorkingDay(d) ? 1 : 0;
  return n;
}

}  // namespace common
