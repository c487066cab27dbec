/**
 * Dates as reports print them. Lock files carry Unix seconds; a value past what a JS Date holds
 * (year 275760) is printed as raw seconds rather than throwing.
 */
const MAX_SECONDS = 8_640_000_000_000;
/** 2024-01-02 from Unix seconds, in UTC. */
export const isoDate = (seconds: number): string =>
  seconds <= MAX_SECONDS ? new Date(seconds * 1000).toISOString().slice(0, 10) : String(seconds);
/** 2024-01-02T03:04:05Z from Unix seconds. */
export const isoDateTime = (seconds: number): string =>
  seconds <= MAX_SECONDS ? new Date(seconds * 1000).toISOString().replace(".000Z", "Z") : String(seconds);
