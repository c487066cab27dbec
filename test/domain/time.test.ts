import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoDate, isoDateTime } from "../../src/domain/time.js";

const viaDate = (seconds: number): string => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

describe("dates from Unix seconds", () => {
  it("print what Date#toISOString prints, from 1970 to 9999 and beyond", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 253_402_300_799 }),
          fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }),
          fc.constantFrom(0, 59, 86_399, 86_400, 951_782_400, 951_868_800, 4_107_542_400, 253_402_300_799),
          fc.integer({ min: 253_402_300_800, max: 8_640_000_000_000 }),
        ),
        (seconds) => {
          expect(isoDateTime(seconds)).toBe(viaDate(seconds));
          expect(isoDate(seconds)).toBe(viaDate(seconds).slice(0, 10));
        },
      ),
      { seed: 27, numRuns: 5000 },
    );
  });

  it.each([
    [1_704_164_645, "2024-01-02T03:04:05Z"],
    [951_782_400, "2000-02-29T00:00:00Z"],
    [253_402_300_800, "+010000-01-01T00:00:00Z"],
    [8_640_000_000_001, "8640000000001"],
  ])("%i is %s", (seconds, text) => {
    expect(isoDateTime(seconds)).toBe(text);
  });
});
