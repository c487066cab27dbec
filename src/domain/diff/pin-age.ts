import type { DiffChange } from "./report.js";
import type { InputChange } from "./input-change.js";

const DAY = 86400;
const days = (seconds: number): number => Math.round((seconds / DAY) * 10) / 10;

/** Ages of the old and new pins at `now`, and the time between them, in days. */
export function ageOf(c: InputChange, now: Date): Pick<DiffChange, "age"> {
  const t = now.getTime() / 1000;
  const [o, n] = [c.old?.lastModified, c.new?.lastModified];
  if (o === undefined && n === undefined) return {};
  return {
    age: {
      ...(o !== undefined ? { oldDays: days(t - o) } : {}),
      ...(n !== undefined ? { newDays: days(t - n) } : {}),
      ...(o !== undefined && n !== undefined ? { betweenDays: days(n - o) } : {}),
    },
  };
}
