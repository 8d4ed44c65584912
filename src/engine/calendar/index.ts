/** The business calendar: service window, Dutch holidays and the business/clock arithmetic. */
export { businessCalendar } from "./business-calendar.js";
export { CLOSED_DAY_KEY, holidaysOf } from "./holidays.js";
export { type DutchHolidayKey, dutchPublicHolidays } from "./nl-holidays.js";
export {
  type CalendarOptions,
  type CalendarOptionsInput,
  calendarOptionsSchema,
  type HolidayOptions,
  holidaysSchema,
  type ServiceWindow,
  serviceWindowSchema,
  WEEKDAYS,
  type Weekday,
} from "./options.js";
export { CalendarOptionsError, type OptionProblem, parseCalendarOptions } from "./parse-options.js";
export type { BusinessCalendar, ClockKind, Holiday } from "./types.js";
