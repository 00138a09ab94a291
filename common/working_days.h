// Working days (工作日) by the bureau's calendar (issue 20; CONTRACT.md "Working days"). Periods
// of the procedure after the award are counted in working days: the challenge period and the
// officer's answer (7, Government Procurement Law Art. 52–53), the complaint (15, Art. 55) and
// its decision (30, Art. 56). Pure: dates are arguments, the calendar is data the bureau keeps
// per year (GET/PUT /v1/calendar/{year}); nothing here reads a clock or a store.
//
// A working day is a Monday to Friday that is not a holiday of its year's calendar, or a day the
// calendar lists as a working day (调休: a weekend day worked in exchange for a longer holiday).
// A year without a calendar counts Monday to Friday.
#pragma once

#include <cstdint>
#include <set>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace common {

// ISO weekday: 1 Monday … 7 Sunday.
int Weekday(Date d);

// The year of a date.
int YearOf(Date d);

// One year's calendar as the bureau keeps it.
struct YearCalendar {
  int year = 0;
  std::vector<Date> holidays;  // weekdays off (the weekend is off anyway)
  std::vector<Date> workdays;  // weekend days worked (调休)
};

// Every problem of a year's calendar at once, as FieldErrors named like its JSON
// ("holidays[3]", "workdays[0]"): a day outside the year (other_year), one listed twice in a
// list (duplicate), a holiday on a weekend (weekend: not a working day anyway, so listing it
// would hide a mistake), a working day on a weekday (weekday), a day in both lists (both). At
// most 366 days in each list. OK when there is none.
Status CheckYearCalendar(const YearCalendar& c);

class WorkingCalendar {
 public:
  // Monday to Friday everywhere.
  WorkingCalendar() = default;
  // The years given (each checked by CheckYearCalendar first); other years count Monday to Friday.
  explicit WorkingCalendar(const std::vector<YearCalendar>& years);

  bool IsWorkingDay(Date d) const;
  // The `n`-th working day after `from` (`from` itself not counted), n >= 1: a period of n
  // working days that starts the day after `from` ends at the end of that day.
  Date AddWorkingDays(Date from, int n) const;
  // How many working days lie in (from, to]; 0 when `to` <= `from`.
  int WorkingDaysAfter(Date from, Date to) const;

 private:
  std::set<int32_t> holidays_;
  std::set<int32_t> workdays_;
};

}  // namespace common
