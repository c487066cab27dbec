import { getOrInsert } from "./map-utils.js";
import type { Gap } from "./report.js";

/**
 * One gap per cause: an unreachable GitHub is one reason shared by every input, said once with the
 * count and the first few inputs rather than once per input. Used by check, resolve, diff and
 * pr-review; the per-input detail stays in the report's inputs (status, upstreamError).
 */
export function gapsByCause(gaps: readonly Gap[]): Gap[] {
  const byReason = new Map<string, Gap[]>();
  // One list per reason, appended in place: linear however many inputs share one cause.
  for (const g of gaps) getOrInsert(byReason, g.reason, () => []).push(g);
  return [...byReason].flatMap(([reason, same]) => {
    const inputs = same.flatMap((g) => (g.input !== undefined ? [g.input] : []));
    if (same.length === 1 || inputs.length < same.length) return same;
    const shown = inputs.slice(0, 3).map((i) => `'${i}'`);
    const more = inputs.length > shown.length ? ` and ${inputs.length - shown.length} more` : "";
    return [{ reason: `${inputs.length} inputs (${shown.join(", ")}${more}): ${reason}` }];
  });
}
