/**
 * Dates as reports print them. Lock files carry Unix seconds; a value past what a JS Date holds
 * (year 275760) is printed as raw seconds rather than throwing.
 */
const MAX_SECONDS = 8_640_000_000_000;
/** 10000-01-01T00:00:00Z: up to here Date prints four-digit years, and so does civilDateTime. */
const YEAR_10000 = 253_402_300_800;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Unix seconds (a whole number from 1970 to 9999) as `YYYY-MM-DDTHH:MM:SSZ`, by Howard Hinnant's
 * civil_from_days: what Date#toISOString prints for them, without a Date per call (an SBOM prints
 * one per input). test/domain/time.test.ts holds the two equal.
 */
function civilDateTime(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const rest = seconds - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(rest / 3600);
  const m = Math.floor((rest % 3600) / 60);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(h)}:${pad2(m)}:${pad2(rest % 60)}Z`;
}

const plain = (seconds: number): boolean => Number.isSafeInteger(seconds) && seconds >= 0 && seconds < YEAR_10000;

/** 2024-01-02 from Unix seconds, in UTC. */
export const isoDate = (seconds: number): string =>
  plain(seconds)
    ? civilDateTime(seconds).slice(0, 10)
    : seconds <= MAX_SECONDS
      ? new Date(seconds * 1000).toISOString().slice(0, 10)
      : String(seconds);
/** 2024-01-02T03:04:05Z from Unix seconds. */
export const isoDateTime = (seconds: number): string =>
  plain(seconds)
    ? civilDateTime(seconds)
    : seconds <= MAX_SECONDS
      ? new Date(seconds * 1000).toISOString().replace(".000Z", "Z")
      : String(seconds);
