/** Calendar dates as "YYYY-MM-DD" strings: a date in a cohort's time zone, never an instant. */
export type IsoDate = string;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(value: string): boolean {
  try {
    formatter(value);
    return true;
  } catch {
    return false;
  }
}

function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, ms: Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!) };
}

/** The date it is at `instant` in `timeZone`. */
export const localDate = (instant: Date, timeZone: string): IsoDate => wallClock(instant, timeZone).date;

const utcOf = (date: IsoDate) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));

export const isValidDate = (date: string): boolean => ISO_DATE.test(date) && new Date(utcOf(date)).toISOString().slice(0, 10) === date;

export const addDays = (date: IsoDate, days: number): IsoDate => new Date(utcOf(date) + days * 86_400_000).toISOString().slice(0, 10);

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: IsoDate): number => ((new Date(utcOf(date)).getUTCDay() + 6) % 7) + 1;

/** The instant local midnight begins on `date` in `timeZone` (two passes settle a DST change). */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  let guess = utcOf(date);
  for (let i = 0; i < 2; i++) {
    const offset = wallClock(new Date(guess), timeZone).ms - guess;
    guess = utcOf(date) - offset;
  }
  return new Date(guess);
}

const longDate = new Intl.DateTimeFormat("en", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
/** "Mon, 11 Jan 2027". */
export const formatDate = (date: IsoDate): string => longDate.format(new Date(utcOf(date)));
