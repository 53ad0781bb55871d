/**
 * A fast, strict reader for the one JSON shape durations files have: a flat object of
 * `"string": number`. Building a 100k-key object with JSON.parse and then walking it costs several
 * times more than scanning the text once into a Map, and the scan also sees duplicate keys, which
 * JSON.parse silently collapses. Anything else returns undefined and the caller falls back to
 * JSON.parse (which then produces the error message for malformed text).
 */

export type FlatEntries = { keys: string[]; values: number[] };

const WS = new Uint8Array(128);
WS[0x20] = WS[0x09] = WS[0x0a] = WS[0x0d] = 1;

/** Powers of ten that are exact doubles. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

export function scanFlatObject(text: string): FlatEntries | undefined {
  const n = text.length;
  let i = 0;
  const skip = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128 && WS[c] === 1) i++;
      else break;
    }
  };
  skip();
  if (text.charCodeAt(i) !== 0x7b) return undefined; // {
  i++;
  const keys: string[] = [];
  const values: number[] = [];
  skip();
  if (text.charCodeAt(i) === 0x7d) {
    i++;
    skip();
    return i === n ? { keys, values } : undefined;
  }
  for (;;) {
    skip();
    if (text.charCodeAt(i) !== 0x22) return undefined; // "
    const start = i;
    i++;
    let escaped = false;
    for (;;) {
      if (i >= n) return undefined;
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c < 0x20) return undefined; // raw control characters are invalid JSON
      i++;
    }
    let key: string;
    if (escaped) {
      try {
        key = JSON.parse(text.slice(start, i + 1)) as string;
      } catch {
        return undefined;
      }
    } else key = text.slice(start + 1, i);
    i++;
    skip();
    if (text.charCodeAt(i) !== 0x3a) return undefined; // :
    i++;
    skip();
    const numStart = i;
    // The common shape, digits[.digits] with at most 15 significant digits, is read here: the
    // digits form an exact integer m below 2^53 and m / 10^k is then the correctly rounded double,
    // exactly what Number() gives. Anything longer or with an exponent goes through Number().
    let m = 0;
    let digits = 0;
    let fraction = -1;
    let plain = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c >= 0x30 && c <= 0x39) {
        m = m * 10 + (c - 0x30);
        digits++;
        if (fraction >= 0) fraction++;
        i++;
      } else if (c === 0x2e && fraction < 0) {
        fraction = 0;
        i++;
      } else if (c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45) {
        plain = false;
        i++;
      } else break;
    }
    if (i === numStart) return undefined;
    let value: number;
    const first = text.charCodeAt(numStart);
    // JSON: a digit first, no leading zero before more digits, at least one digit after a point.
    const jsonStart = first >= 0x30 && first <= 0x39 && (first !== 0x30 || numStart + 1 === i || text.charCodeAt(numStart + 1) === 0x2e);
    if (plain && jsonStart && digits <= 15 && fraction !== 0) {
      value = fraction > 0 ? m / (POW10[fraction] as number) : m;
    } else {
      const last = text.charCodeAt(i - 1);
      if (!(first === 0x2d || (first >= 0x30 && first <= 0x39)) || !(last >= 0x30 && last <= 0x39)) return undefined;
      value = Number(text.slice(numStart, i));
      if (Number.isNaN(value)) return undefined;
    }
    keys.push(key);
    values.push(value);
    skip();
    const c = text.charCodeAt(i);
    i++;
    if (c === 0x2c) continue; // ,
    if (c === 0x7d) {
      skip();
      return i === n ? { keys, values } : undefined;
    }
    return undefined;
  }
}
