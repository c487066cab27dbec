import type { Finding } from "../findings.js";
import { getOrInsert } from "../map-utils.js";
import { formatInputPath } from "../lock/input-path.js";
import type { LockedInput } from "../lock/inventory.js";
import type { Mark } from "./model.js";

export interface NodeMarks {
  readonly marks: readonly Mark[];
  readonly ageDays?: number;
}

/**
 * Each source's marks, from the findings `check` makes of the lock (policy/evaluate.ts: its rules,
 * thresholds and allowances), so the graph never says other than the check report: `stale` and
 * `unlocked` are findings on the source; `duplicate-sources` is one finding naming every input path
 * of the repository; `shared` is the inventory's (several input paths reach one source).
 */
export function marksOf(inputs: readonly LockedInput[], findings: readonly Finding[]): Map<string, NodeMarks> {
  const idOfPath = new Map<string, string>();
  for (const i of inputs) for (const p of i.paths) idOfPath.set(formatInputPath(p), i.id);
  const found = new Map<string, Set<Mark>>();
  const age = new Map<string, number>();
  const add = (id: string | undefined, m: Mark): void => {
    if (id === undefined) return;
    getOrInsert(found, id, () => new Set<Mark>()).add(m);
  };
  for (const f of findings) {
    if (f.rule === "stale") {
      add(f.input, "stale");
      age.set(f.input, f.details.ageDays);
    } else if (f.rule === "unlocked") add(f.input, "unlocked");
    else if (f.rule === "duplicate-sources") for (const p of f.details.inputs) add(idOfPath.get(p), "duplicate");
  }
  for (const i of inputs) if (i.paths.length > 1) add(i.id, "shared");
  const out = new Map<string, NodeMarks>();
  for (const [id, set] of found) {
    const marks = (["duplicate", "stale", "unlocked", "shared"] as const).filter((m) => set.has(m));
    const ageDays = age.get(id);
    out.set(id, ageDays !== undefined ? { marks, ageDays } : { marks });
  }
  return out;
}
