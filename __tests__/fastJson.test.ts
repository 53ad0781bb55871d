/**
 * The durations scanner (src/formats/fastJson.ts) reads its numbers by hand on the common path;
 * it must give exactly the doubles JSON.parse gives, and refuse what JSON.parse refuses.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { scanFlatObject } from '../src/formats/fastJson.js';

/** Number spellings a durations file may hold: pytest-split's floats, integers, exponents. */
const spelling = fc.oneof(
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => JSON.stringify(x)),
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => x.toFixed(6)),
  fc.tuple(fc.nat(99999), fc.stringMatching(/^[0-9]{1,18}$/)).map(([a, b]) => `${a}.${b}`),
  fc.nat().map(String),
  fc.tuple(fc.nat(999), fc.integer({ min: -30, max: 30 })).map(([a, e]) => `${a}e${e}`),
);

describe('scanFlatObject', () => {
  it('reads every number exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.array(spelling, { maxLength: 20 }), (nums) => {
        const text = '{' + nums.map((n, i) => `"t${i}": ${n}`).join(',\n') + '}';
        const parsed = JSON.parse(text) as Record<string, number>;
        // toEqual compares numbers with Object.is, and a missing or extra entry fails too.
        expect(scanFlatObject(text)).toEqual({ keys: Object.keys(parsed), values: Object.values(parsed) });
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['0.1', 0.1],
    ['0.033198', 0.033198],
    ['123456789012345', 123456789012345],
    ['1234567890.123456789', Number('1234567890.123456789')],
    ['0.30000000000000004', 0.30000000000000004],
    ['1e-7', 1e-7],
    ['0', 0],
    ['2.5E+3', 2500],
  ])('reads %s', (spelled, value) => {
    expect(scanFlatObject(`{"a": ${spelled}}`)?.values).toEqual([value]);
  });

  it.each(['1.', '.5', '1.2.3', '-', '1e', '"1"', 'true', '1 2'])('does not take %s as a number', (spelled) => {
    expect(scanFlatObject(`{"a": ${spelled}}`)).toBeUndefined();
  });
});
