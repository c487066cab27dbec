const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const KEY = Buffer.from('"closure"');

const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The offset of the quote closing the string opened at `start` (a native search, not a byte loop); -1 when never closed. */
function stringEnd(buf: Buffer, start: number): number {
  let end = buf.indexOf(QUOTE, start + 1);
  while (end > 0 && buf[end - 1] === BACKSLASH) {
    let backslashes = 0;
    for (let i = end - 1; buf[i] === BACKSLASH; i--) backslashes++;
    if (backslashes % 2 === 0) break;
    end = buf.indexOf(QUOTE, end + 1);
  }
  return end;
}

/**
 * Where the value of the top-level key `"closure"` starts (just after its `:`), in one pass that stops
 * there: the closure comes last in a report, so only the header is scanned. Strings are skipped
 * whole, nesting is counted, and only a key at depth 1 (after `{` or `,`) counts: a top-level array
 * holding `"closure":` is no JSON, and the header's parse says so. -1 when there is none.
 */
function topLevelClosureAt(buf: Buffer): number {
  let depth = 0;
  let keyNext = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === QUOTE) {
      const end = stringEnd(buf, i);
      if (end < 0) return -1;
      if (depth === 1 && keyNext && end - i + 1 === KEY.length && buf.compare(KEY, 0, KEY.length, i, end + 1) === 0) {
        let j = end + 1;
        while (isSpace(buf[j])) j++;
        if (buf[j] === COLON) return j + 1;
      }
      keyNext = false;
      i = end;
    } else if (c === OPEN_OBJECT) {
      depth++;
      keyNext = true;
    } else if (c === OPEN_ARRAY) {
      depth++;
      keyNext = false;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
    else if (c === COMMA) keyNext = depth === 1;
  }
  return -1;
}

/**
 * Splits `{…,"closure":<value>}` into the header (with `"closure":null}`) and the value's bytes, without
 * parsing the value: thousands of hosts share a few closures, and comparing bytes is far cheaper than
 * parsing JSON. One linear scan finds the top-level key; the caller parses the header (which reports
 * any syntax error before the key) and the value. When there is no such key, or anything but
 * whitespace follows the last `}`, the whole text is the header, and its parse says what is wrong.
 */
export function splitReport(buf: Buffer): { header: string; closure?: Buffer } {
  let end = buf.length - 1;
  while (end >= 0 && isSpace(buf[end])) end--;
  const at = buf[end] === CLOSE_OBJECT ? topLevelClosureAt(buf) : -1;
  if (at < 0 || at > end) return { header: buf.toString("utf8") };
  const key = buf.lastIndexOf(KEY, at);
  return { header: `${buf.subarray(0, key).toString("utf8")}"closure":null}`, closure: buf.subarray(at, end) };
}
