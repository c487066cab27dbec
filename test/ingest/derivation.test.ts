import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSources, type DerivationSet } from "../../src/domain/nix/derivation.js";
import { parseDerivations } from "../../src/ingest/closure/derivation.js";
import { renderIssues } from "../../src/render/issue-text.js";
import { FIXTURES } from "../support/paths.js";

type Drv = {
  outputs: Record<string, { path?: string }>;
  inputSrcs: string[];
  inputDrvs: Record<string, string[]>;
  [k: string]: unknown;
};
const recorded = JSON.parse(readFileSync(path.join(FIXTURES, "closure", "app.derivations.json"), "utf8")) as Record<
  string,
  Drv
>;
const base = (p: string): string => p.slice(p.lastIndexOf("/") + 1);
const mapEntries = <T>(o: Record<string, T>, f: (k: string, v: T) => [string, unknown]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => f(k, v)));

// The shapes of later Nix versions (nix-formats.md §6.4), derived from the 2.8 recording.
const to218 = (d: Record<string, Drv>) =>
  mapEntries(d, (k, v) => [
    k,
    { ...v, inputDrvs: mapEntries(v.inputDrvs, (dk, outs) => [dk, { outputs: outs, dynamicOutputs: {} }]) },
  ]);
const to232 = (d: Record<string, Drv>) =>
  mapEntries(d, (k, v) => [
    base(k),
    {
      ...v,
      version: 3,
      inputSrcs: v.inputSrcs.map(base),
      outputs: mapEntries(v.outputs, (o, x) => [o, x.path ? { path: base(x.path) } : {}]),
      inputDrvs: mapEntries(v.inputDrvs, (dk, outs) => [base(dk), { outputs: outs, dynamicOutputs: {} }]),
    },
  ]);
const to233 = (d: Record<string, Drv>) => ({
  version: 4,
  derivations: mapEntries(
    to232(d) as Record<string, Drv & { inputSrcs: string[]; inputDrvs: Record<string, unknown> }>,
    (k, v) => {
      const { inputSrcs, inputDrvs, ...rest } = v;
      return [k, { ...rest, version: 4, inputs: { srcs: inputSrcs, drvs: inputDrvs } }];
    },
  ),
});

function parsed(doc: unknown): DerivationSet {
  const r = parseDerivations(JSON.stringify(doc), "drv.json");
  if (!r.ok) throw new Error(renderIssues(r.error));
  return r.value;
}

const summary = (s: DerivationSet): unknown =>
  [...s.byPath.values()]
    .map((d) => ({ path: d.path, outputs: [...d.outputs], inputSrcs: d.inputSrcs, inputDrvs: [...d.inputDrvs] }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));

describe("derivation JSON of every version reads the same", () => {
  const reference = summary(parsed(recorded));
  it.each([
    ["2.18 / Lix (inputDrvs objects)", to218],
    ["2.32 (base names, version 3)", to232],
    ["2.33+ (version 4, inputs.srcs/drvs)", to233],
  ])("%s", (_name, convert) => {
    expect(summary(parsed(convert(recorded)))).toEqual(reference);
  });

  it("finds every source a build reads, nearest first", () => {
    const set = parsed(recorded);
    const top = [...set.byPath.values()].find((d) => d.path.endsWith("top-bin-3.0.drv"))!;
    const sources = buildSources(set, top.path);
    expect(sources.map((s) => s.depth)).toEqual([...sources.map((s) => s.depth)].sort());
    expect(sources.length).toBe(3);
  });

  it("rejects things that are not derivations", () => {
    const r = parseDerivations(
      JSON.stringify({ "/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source": {} }),
      "drv.json",
    );
    expect(!r.ok && r.error[0]?.message).toMatch(/\.drv store path/);
  });
});
