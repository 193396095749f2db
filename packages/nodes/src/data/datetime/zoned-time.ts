// Wall-clock time in an IANA time zone, with Intl only: the parts of an instant in a zone, and
// the instant of wall-clock parts in a zone (DST gaps resolve forward, overlaps to the earlier).

/** Calendar and clock fields in some time zone. Months are 1-12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows the time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time of instant `ms` in `timeZone`. */
export function wallTimeOf(ms: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) parts[part.type] = part.value;
  const yearOfEra = Number(parts['year']);
  return {
    year: parts['era'] === 'BC' ? 1 - yearOfEra : yearOfEra,
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    second: Number(parts['second']),
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

/** Wall time read as if it were UTC: the base of offset arithmetic. */
export function wallAsUtc(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (positive east of Greenwich). */
export function offsetAt(ms: number, timeZone: string): number {
  return wallAsUtc(wallTimeOf(ms, timeZone)) - ms;
}

/** The instant at which `timeZone` shows `wall`. */
export function instantOf(wall: WallTime, timeZone: string): number {
  const local = wallAsUtc(wall);
  const first = local - offsetAt(local, timeZone);
  const second = local - offsetAt(first, timeZone);
  if (first === second) return first;
  // Near a transition the two guesses differ: take the earlier instant that shows this wall time,
  // or (in a gap, when neither does) the later one, which moves the time forward.
  const candidates = [first, second].sort((a, b) => a - b);
  return candidates.find((t) => wallAsUtc(wallTimeOf(t, timeZone)) === local) ?? (candidates[1] as number);
}

/** `+02:00` style offset. */
export function formatOffset(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}
