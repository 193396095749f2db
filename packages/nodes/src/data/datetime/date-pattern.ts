// Date patterns such as `yyyy-MM-dd HH:mm`, formatted and parsed in a time zone.
// Tokens: yyyy yy MMMM MMM MM M dd d EEEE EEE HH H hh h mm ss SSS a XXX; 'quoted' text is literal.
import { formatOffset, instantOf, offsetAt, wallTimeOf, type WallTime } from './zoned-time.ts';

const TOKEN = /'[^']*'|yyyy|yy|MMMM|MMM|MM|M|dd|d|EEEE|EEE|HH|H|hh|h|mm|ss|SSS|a|XXX/g;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function named(ms: number, timeZone: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale, { timeZone, ...options }).format(ms);
}

/** Formats instant `ms` with `pattern` in `timeZone`. */
export function formatPattern(ms: number, pattern: string, timeZone: string, locale: string): string {
  const wall = wallTimeOf(ms, timeZone);
  const hour12 = wall.hour % 12 === 0 ? 12 : wall.hour % 12;
  return pattern.replace(TOKEN, (token) => {
    switch (token) {
      case 'yyyy': return pad(wall.year, 4);
      case 'yy': return pad(wall.year % 100);
      case 'MMMM': return named(ms, timeZone, locale, { month: 'long' });
      case 'MMM': return named(ms, timeZone, locale, { month: 'short' });
      case 'MM': return pad(wall.month);
      case 'M': return String(wall.month);
      case 'dd': return pad(wall.day);
      case 'd': return String(wall.day);
      case 'EEEE': return named(ms, timeZone, locale, { weekday: 'long' });
      case 'EEE': return named(ms, timeZone, locale, { weekday: 'short' });
      case 'HH': return pad(wall.hour);
      case 'H': return String(wall.hour);
      case 'hh': return pad(hour12);
      case 'h': return String(hour12);
      case 'mm': return pad(wall.minute);
      case 'ss': return pad(wall.second);
      case 'SSS': return pad(wall.millisecond, 3);
      case 'a': return wall.hour < 12 ? 'AM' : 'PM';
      case 'XXX': return formatOffset(offsetAt(ms, timeZone));
      default: return token.length === 2 ? "'" : token.slice(1, -1);
    }
  });
}

/** ISO 8601 with the zone's offset: `2024-05-01T12:00:00.000+02:00`. */
export function formatIsoInZone(ms: number, timeZone: string): string {
  return formatPattern(ms, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", timeZone, 'en-US');
}

const NUMERIC: Record<string, { re: string; field: keyof WallTime | 'yy' }> = {
  yyyy: { re: '(\\d{4})', field: 'year' },
  yy: { re: '(\\d{2})', field: 'yy' },
  MM: { re: '(\\d{2})', field: 'month' },
  M: { re: '(\\d{1,2})', field: 'month' },
  dd: { re: '(\\d{2})', field: 'day' },
  d: { re: '(\\d{1,2})', field: 'day' },
  HH: { re: '(\\d{2})', field: 'hour' },
  H: { re: '(\\d{1,2})', field: 'hour' },
  mm: { re: '(\\d{2})', field: 'minute' },
  ss: { re: '(\\d{2})', field: 'second' },
  SSS: { re: '(\\d{3})', field: 'millisecond' },
};

/** Parses `text` written as `pattern` (numeric tokens only) in `timeZone`; undefined when it does not fit. */
export function parsePattern(text: string, pattern: string, timeZone: string): number | undefined {
  const fields: (keyof WallTime | 'yy')[] = [];
  let source = '';
  let last = 0;
  for (const match of pattern.matchAll(TOKEN)) {
    source += escape(pattern.slice(last, match.index));
    last = match.index + match[0].length;
    const token = match[0];
    const numeric = NUMERIC[token];
    if (numeric) {
      source += numeric.re;
      fields.push(numeric.field);
    } else if (token.startsWith("'")) source += escape(token.length === 2 ? "'" : token.slice(1, -1));
    else throw new Error(`token '${token}' cannot be parsed; use numeric tokens (yyyy MM dd HH mm ss SSS)`);
  }
  source += escape(pattern.slice(last));
  const match = new RegExp(`^${source}$`).exec(text.trim());
  if (!match) return undefined;
  const wall: WallTime = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  fields.forEach((field, i) => {
    const n = Number(match[i + 1]);
    if (field === 'yy') wall.year = 2000 + n;
    else wall[field] = n;
  });
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > 31 || wall.hour > 23 || wall.minute > 59 || wall.second > 59) return undefined;
  return instantOf(wall, timeZone);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
