import { defineNode, type Json } from '@weft/engine';
import { z } from 'zod';
import { describeValue, inputError } from '../shared/items.ts';
import { formatIsoInZone, formatPattern, parsePattern } from './date-pattern.ts';
import { daysInMonth, instantOf, isTimeZone, wallTimeOf, type WallTime } from './zoned-time.ts';

const timeZone = z
  .string()
  .default('UTC')
  .refine(isTimeZone, { error: (issue) => `unknown time zone ${JSON.stringify(issue.input)} (use an IANA name such as "Europe/Paris")` })
  .describe('IANA time zone for wall-clock fields and calendar arithmetic.');
const dateValue = z.union([z.string(), z.number()]).optional().describe('ISO 8601 date or epoch ms; default: now.');
const format = z.string().optional().describe('Output: "iso" (with the zone offset), "epochMs", or a pattern like "yyyy-MM-dd HH:mm".');
const locale = z.string().default('en-US').describe('Locale for month and weekday names.');
const UNITS = ['milliseconds', 'seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;
const base = { value: dateValue, timeZone, format, locale };

const paramsSchema = z.discriminatedUnion('operation', [
  z.object({ operation: z.literal('now'), timeZone, format, locale }),
  z.object({ operation: z.literal('format'), ...base, format: z.string().default('iso') }),
  z.object({ operation: z.literal('parse'), ...base, value: z.union([z.string(), z.number()]), pattern: z.string().optional().describe('How `value` is written, e.g. "dd/MM/yyyy HH:mm".') }),
  z.object({ operation: z.enum(['add', 'subtract']), ...base, amount: z.number().finite(), unit: z.enum(UNITS) }),
  z.object({ operation: z.literal('diff'), value: dateValue, to: dateValue, unit: z.enum(UNITS).default('milliseconds'), timeZone }),
  z.object({ operation: z.enum(['startOf', 'endOf']), ...base, unit: z.enum(['year', 'month', 'week', 'day', 'hour', 'minute']), weekStartsOn: z.number().int().min(0).max(6).default(1).describe('0 Sunday … 6 Saturday.') }),
]);

const UNIT_MS: Record<string, number> = { milliseconds: 1, seconds: 1e3, minutes: 6e4, hours: 3.6e6, days: 8.64e7, weeks: 6.048e8 };
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Formats, parses and does calendar arithmetic on dates in a time zone. */
export const datetimeNode = defineNode({
  type: 'datetime',
  version: 1,
  category: 'data',
  title: 'Date & time',
  description:
    'Date operations in an IANA `timeZone` (default UTC): `now`, `format` (iso, epochMs or a pattern such as "EEE d MMM yyyy, HH:mm"), `parse` (ISO, epoch ms, or text written as `pattern`), `add`/`subtract` an `amount` of a `unit` (days, months and years follow the zone\'s calendar), `diff` (`to` minus `value` in `unit`: exact for up to weeks, whole months and years), `startOf`/`endOf` a unit. Dates in: ISO 8601 (without an offset, read in the zone) or epoch ms; dates out: ISO in UTC unless `format` is given. `value` defaults to now (the engine clock).',
  params: paramsSchema,
  example: { operation: 'add', value: '{{ steps.order.output.createdAt }}', amount: 1, unit: 'months', timeZone: 'Europe/Paris' },
  async run(ctx) {
    const p = ctx.params;
    const now = ctx.clock.now();
    const read = (value: string | number | undefined, param: string) => (value === undefined ? now : toMs(value, p.timeZone, param));
    switch (p.operation) {
      case 'now':
        return { output: out(now, p) };
      case 'format':
        return { output: out(read(p.value, 'value'), p) };
      case 'parse':
        return { output: out(parse(p.value, p.pattern, p.timeZone), p) };
      case 'add':
      case 'subtract':
        return { output: out(add(read(p.value, 'value'), (p.operation === 'add' ? 1 : -1) * p.amount, p.unit, p.timeZone), p) };
      case 'diff':
        return { output: diff(read(p.value, 'value'), read(p.to, 'to'), p.unit, p.timeZone) };
      case 'startOf':
      case 'endOf': {
        const start = startOf(read(p.value, 'value'), p.unit, p.timeZone, p.weekStartsOn);
        if (p.operation === 'startOf') return { output: out(start, p) };
        const next = add(start, 1, p.unit === 'week' ? 'weeks' : `${p.unit}s` as (typeof UNITS)[number], p.timeZone);
        return { output: out(next - 1, p) };
      }
    }
  },
});

function out(ms: number, p: { format?: string | undefined; timeZone: string; locale?: string }): Json {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw inputError(`the resulting date is out of range`);
  if (p.format === undefined) return new Date(ms).toISOString();
  if (p.format === 'iso') return formatIsoInZone(ms, p.timeZone);
  if (p.format === 'epochMs') return ms;
  return formatPattern(ms, p.format, p.timeZone, p.locale ?? 'en-US');
}

/** Epoch ms of an ISO 8601 string (read in `timeZone` when it has no offset) or a number. */
function toMs(value: string | number, timeZone: string, param: string): number {
  if (typeof value === 'number') return value;
  const match = ISO.exec(value.trim());
  if (match) {
    if (match[5] !== undefined) {
      // `+0530` → `+05:30`, ` ` → `T`, `z` → `Z`: the spellings Date.parse reads the same everywhere.
      const normal = value.trim().replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(/z$/, 'Z');
      const ms = Date.parse(normal);
      if (!Number.isNaN(ms)) return ms;
    }
    const [y, m, d] = value.trim().slice(0, 10).split('-').map(Number) as [number, number, number];
    const wall: WallTime = { year: y, month: m, day: d, hour: Number(match[1] ?? 0), minute: Number(match[2] ?? 0), second: Number(match[3] ?? 0), millisecond: Number((match[4] ?? '0').slice(0, 3).padEnd(3, '0')) };
    if (match[5] === undefined && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) && wall.hour < 24 && wall.minute < 60 && wall.second < 60) return instantOf(wall, timeZone);
  }
  throw inputError(`params.${param}: expected an ISO 8601 date such as "2024-05-01T09:30:00Z" or epoch ms, got ${describeValue(value)}; use operation "parse" with a pattern for other spellings`);
}

function parse(value: string | number, pattern: string | undefined, timeZone: string): number {
  if (pattern === undefined) {
    if (typeof value === 'number' || ISO.test(value.trim())) return toMs(value, timeZone, 'value');
    const ms = Date.parse(value); // RFC 2822 and the like ("Tue, 01 May 2024 10:00:00 GMT")
    if (!Number.isNaN(ms)) return ms;
    throw inputError(`params.value: cannot read ${describeValue(value)} as a date; give a pattern such as "dd/MM/yyyy"`);
  }
  let ms: number | undefined;
  try {
    ms = parsePattern(String(value), pattern, timeZone);
  } catch (error) {
    throw inputError(`params.pattern: ${(error as Error).message}`);
  }
  if (ms === undefined) throw inputError(`params.value: ${describeValue(value)} does not match pattern "${pattern}"`);
  return ms;
}

function add(ms: number, amount: number, unit: (typeof UNITS)[number], timeZone: string): number {
  const fixed = UNIT_MS[unit];
  if (fixed !== undefined && unit !== 'days' && unit !== 'weeks') return ms + amount * fixed;
  if (!Number.isInteger(amount)) throw inputError(`params.amount: ${unit} are added in whole numbers, got ${amount}`);
  const wall = wallTimeOf(ms, timeZone);
  if (unit === 'days' || unit === 'weeks') {
    const date = new Date(Date.UTC(2000, 0, 1));
    date.setUTCFullYear(wall.year, wall.month - 1, wall.day + amount * (unit === 'weeks' ? 7 : 1));
    return instantOf({ ...wall, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, timeZone);
  }
  const months = wall.year * 12 + (wall.month - 1) + amount * (unit === 'years' ? 12 : 1);
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  return instantOf({ ...wall, year, month, day: Math.min(wall.day, daysInMonth(year, month)) }, timeZone);
}

function diff(from: number, to: number, unit: (typeof UNITS)[number], timeZone: string): number {
  const fixed = UNIT_MS[unit];
  if (fixed !== undefined) return (to - from) / fixed;
  const sign = to >= from ? 1 : -1;
  const a = wallTimeOf(Math.min(from, to), timeZone);
  const b = wallTimeOf(Math.max(from, to), timeZone);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (months > 0 && add(Math.min(from, to), months, 'months', timeZone) > Math.max(from, to)) months -= 1;
  const whole = unit === 'years' ? Math.trunc(months / 12) : months;
  return whole === 0 ? 0 : sign * whole;
}

function startOf(ms: number, unit: string, timeZone: string, weekStartsOn: number): number {
  const wall = wallTimeOf(ms, timeZone);
  const start: WallTime = { ...wall, millisecond: 0, second: 0 };
  if (unit !== 'minute') start.minute = 0;
  if (unit !== 'minute' && unit !== 'hour') start.hour = 0;
  if (unit === 'month' || unit === 'year') start.day = 1;
  if (unit === 'year') start.month = 1;
  if (unit === 'week') {
    const probe = new Date(0);
    probe.setUTCFullYear(wall.year, wall.month - 1, wall.day);
    const back = (probe.getUTCDay() - weekStartsOn + 7) % 7;
    return add(instantOf(start, timeZone), -back, 'days', timeZone);
  }
  return instantOf(start, timeZone);
}
