import { inputFacts, type InputFacts } from "../lock/input-facts.js";
import type { LockedInput } from "../lock/inventory.js";
import type { Pinning } from "../lock/source-ref.js";
import type { ResolveReport } from "../provenance/report.js";

/**
 * One locked input as check's inputs table shows it: the lock's facts, how firmly it is pinned, and
 * its licence as upstream reported it. `license` is an SPDX id, `null` when GitHub detects none, and
 * absent when nobody was asked (lock-only, not on GitHub, or the question failed): `licenseNote`
 * says which, so "not asked" never reads as "no licence".
 */
export interface CheckedInput extends InputFacts {
  readonly pinning: Pinning;
  readonly license?: string | null;
  readonly licenseNote?: string;
}

function licenceOf(
  id: string,
  provenance: ResolveReport | undefined,
  byId: ReadonlyMap<string, ResolveReport["inputs"][number]>,
): Pick<CheckedInput, "license" | "licenseNote"> {
  if (provenance === undefined) return { licenseNote: "not asked (--lock-only)" };
  const e = byId.get(id);
  if (e?.upstream !== undefined) return { license: e.upstream.license };
  if (e === undefined || e.status === "unsupported") return { licenseNote: "not on GitHub" };
  return { licenseNote: e.status === "not-found" ? "repository not found" : "upstream did not answer" };
}

/** Every distinct locked source of the lock, in the inventory's order, with its licence when known. */
export function checkedInputs(inputs: readonly LockedInput[], provenance: ResolveReport | undefined): CheckedInput[] {
  const byId = new Map((provenance?.inputs ?? []).map((e) => [e.input, e]));
  return inputs.map((i) => ({ ...inputFacts(i), pinning: i.pinning, ...licenceOf(i.id, provenance, byId) }));
}
