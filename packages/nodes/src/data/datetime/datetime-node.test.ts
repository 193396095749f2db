import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '@weft/engine';
import { errorOf, outputOf, problemsOf } from '../shared/test-support.ts';

// The test engine's fake clock starts at 2026-01-01T00:00:00Z.
describe('datetime', () => {
  it.each<{ name: string; params: Record<string, unknown>; output: Json }>([
    { name: 'now from the engine clock', params: { operation: 'now' }, output: '2026-01-01T00:00:00.000Z' },
    { name: 'now in a zone', params: { operation: 'now', timeZone: 'America/New_York', format: 'iso' }, output: '2025-12-31T19:00:00.000-05:00' },
    { name: 'format ISO in a zone', params: { operation: 'format', value: '2024-07-01T12:00:00Z', timeZone: 'Europe/Paris' }, output: '2024-07-01T14:00:00.000+02:00' },
    {
      name: 'format a pattern with names',
      params: { operation: 'format', value: '2024-03-05T08:07:09.045Z', format: "EEEE d MMMM yyyy 'at' h:mm a (XXX)", timeZone: 'Asia/Kolkata' },
      output: 'Tuesday 5 March 2024 at 1:37 PM (+05:30)',
    },
    { name: 'format epoch ms', params: { operation: 'format', value: 0, format: 'yyyy-MM-dd HH:mm:ss.SSS' }, output: '1970-01-01 00:00:00.000' },
    { name: 'format to epoch ms', params: { operation: 'format', value: '2024-01-01T00:00:00+01:00', format: 'epochMs' }, output: Date.UTC(2023, 11, 31, 23) },
    { name: 'an ISO date without offset is read in the zone', params: { operation: 'parse', value: '2024-01-15 09:30', timeZone: 'Europe/Berlin' }, output: '2024-01-15T08:30:00.000Z' },
    { name: 'parse a pattern', params: { operation: 'parse', value: '31/12/2024 23:59', pattern: 'dd/MM/yyyy HH:mm', timeZone: 'Asia/Tokyo' }, output: '2024-12-31T14:59:00.000Z' },
    { name: 'parse RFC 2822', params: { operation: 'parse', value: 'Tue, 01 May 2024 10:00:00 GMT' }, output: '2024-05-01T10:00:00.000Z' },
    { name: 'an offset without a colon', params: { operation: 'parse', value: '2024-01-01T05:30:00+0530' }, output: '2024-01-01T00:00:00.000Z' },
    { name: 'add hours', params: { operation: 'add', value: '2024-01-01T00:00:00Z', amount: 36, unit: 'hours' }, output: '2024-01-02T12:00:00.000Z' },
    {
      name: 'add a day across a DST change keeps the wall time',
      params: { operation: 'add', value: '2024-03-30T12:00:00+01:00', amount: 1, unit: 'days', timeZone: 'Europe/Paris' },
      output: '2024-03-31T10:00:00.000Z',
    },
    { name: 'add a month clamps the day', params: { operation: 'add', value: '2024-01-31T10:00:00Z', amount: 1, unit: 'months' }, output: '2024-02-29T10:00:00.000Z' },
    { name: 'subtract years', params: { operation: 'subtract', value: '2024-02-29T00:00:00Z', amount: 1, unit: 'years' }, output: '2023-02-28T00:00:00.000Z' },
    { name: 'subtract weeks, formatted', params: { operation: 'subtract', value: '2024-01-10', amount: 2, unit: 'weeks', format: 'yyyy-MM-dd' }, output: '2023-12-27' },
    { name: 'diff in hours', params: { operation: 'diff', value: '2024-01-01T00:00:00Z', to: '2024-01-02T06:00:00Z', unit: 'hours' }, output: 30 },
    { name: 'diff in days, negative', params: { operation: 'diff', value: '2024-01-03', to: '2024-01-01', unit: 'days' }, output: -2 },
    { name: 'diff in whole months', params: { operation: 'diff', value: '2024-01-31', to: '2024-03-30', unit: 'months' }, output: 1 },
    { name: 'diff in whole years to now', params: { operation: 'diff', value: '1990-06-15', unit: 'years' }, output: 35 },
    { name: 'startOf day in a zone', params: { operation: 'startOf', value: '2024-06-10T02:00:00Z', unit: 'day', timeZone: 'America/Los_Angeles' }, output: '2024-06-09T07:00:00.000Z' },
    { name: 'startOf week (Monday)', params: { operation: 'startOf', value: '2024-06-09T12:00:00Z', unit: 'week' }, output: '2024-06-03T00:00:00.000Z' },
    { name: 'endOf month', params: { operation: 'endOf', value: '2024-02-10T12:00:00Z', unit: 'month' }, output: '2024-02-29T23:59:59.999Z' },
  ])('$name', async ({ params, output }) => {
    expect(await outputOf('datetime', params)).toEqual(output);
  });

  it.each<{ name: string; params: Record<string, unknown>; message: RegExp }>([
    { name: 'a date that is not ISO', params: { operation: 'format', value: 'next tuesday' }, message: /params\.value: expected an ISO 8601 date .*got a string \("next tuesday"\)/ },
    { name: 'text that does not fit the pattern', params: { operation: 'parse', value: '2024-13-01', pattern: 'yyyy-MM-dd' }, message: /does not match pattern "yyyy-MM-dd"/ },
    { name: 'a named token in a parse pattern', params: { operation: 'parse', value: 'May 2024', pattern: 'MMM yyyy' }, message: /params\.pattern: token 'MMM' cannot be parsed/ },
    { name: 'a fractional month', params: { operation: 'add', value: '2024-01-01', amount: 1.5, unit: 'months' }, message: /whole numbers/ },
  ])('fails clearly on $name', async ({ params, message }) => {
    const error = await errorOf('datetime', { ...params, value: '{{ input }}' }, params['value'] as Json);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
    expect(error.message).toMatch(message);
  });

  it('rejects an unknown time zone and operation at validation', () => {
    expect(problemsOf('datetime', { operation: 'now', timeZone: 'Mars/Olympus' })).toEqual([
      { path: 'nodes[0].params.timeZone', message: 'unknown time zone "Mars/Olympus" (use an IANA name such as "Europe/Paris")' },
    ]);
    expect(problemsOf('datetime', { operation: 'explode' })).toEqual([{ path: 'nodes[0].params.operation', message: expect.any(String) }]);
  });

  it('add then subtract gives the same instant for fixed units; format then parse round-trips (property)', async () => {
    const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });
    const zone = fc.constantFrom('UTC', 'Europe/London', 'America/Sao_Paulo', 'Asia/Kathmandu', 'Australia/Lord_Howe');
    await fc.assert(
      fc.asyncProperty(instant, zone, fc.integer({ min: -1000, max: 1000 }), async (ms, timeZone, hours) => {
        const value = new Date(ms).toISOString();
        const later = await outputOf('datetime', { operation: 'add', value, amount: hours, unit: 'hours', timeZone });
        expect(await outputOf('datetime', { operation: 'subtract', value: later, amount: hours, unit: 'hours', timeZone })).toBe(value);
        const local = await outputOf('datetime', { operation: 'format', value, timeZone });
        expect(await outputOf('datetime', { operation: 'parse', value: local })).toBe(value);
      }),
      { numRuns: 25 },
    );
  });
});
