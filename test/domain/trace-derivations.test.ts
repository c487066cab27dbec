import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { traceStorePath } from "../../src/domain/closure/trace.js";
import { buildInventory } from "../../src/domain/lock/inventory.js";
import { parseDerivations } from "../../src/ingest/closure/derivation.js";
import { parsePathInfo } from "../../src/ingest/closure/path-info.js";
import { parseOrThrow } from "../support/lock.js";
import { FIXTURES } from "../support/paths.js";

const inventory = buildInventory(parseOrThrow(readFileSync(path.join(FIXTURES, "closure", "app.flake.lock"), "utf8")));
const SRC = inventory.inputs.find((i) => i.storePath !== undefined)!;
const srcPath = `/nix/store/${SRC.storePath!.hash}-${SRC.storePath!.name}`;

// A fixed-output derivation (a fetcher) that reads a locked input's source. Its output path, as Nix
// 2.31 printed it and as Nix computes it (/nix/store/i00sf…-source for this name and hash: Nix's
// hash-modulo/source-first.json test data).
const FOD_OUT = "/nix/store/i00sflxqsj37lfmf95m8mn0grv615hpj-source";
const FOD_DRV = "ffffffffffffffffffffffffffffffff-source.drv";
const HEX = "894517c9163c896ec31a2adbd33c0681fd5f45b2c0ef08a64c92a03fb97f390f";
const common = { name: "source", system: "x86_64-linux", builder: "/bin/sh", args: [], env: { out: FOD_OUT } };
const form231 = {
  [`/nix/store/${FOD_DRV}`]: {
    ...common,
    outputs: { out: { path: FOD_OUT, method: "nar", hashAlgo: "sha256", hash: HEX } },
    inputSrcs: [srcPath],
    inputDrvs: {},
  },
};
const form233 = {
  version: 4,
  derivations: {
    [FOD_DRV]: {
      ...common,
      version: 4,
      outputs: { out: { method: "nar", hash: "sha256-iUUXyRY8iW7DGirb0zwGgf1fRbLA7wimTJKgP7l/OQ8=" } },
      inputs: { srcs: [srcPath.slice("/nix/store/".length)], drvs: {} },
    },
  },
};
const drvs = (doc: unknown) => {
  const r = parseDerivations(JSON.stringify(doc), "drv.json");
  if (!r.ok) throw new Error(r.error[0]?.message);
  return r.value;
};

describe("trace of a fixed output is attributed whichever Nix printed the derivations", () => {
  it.each([
    ["2.31", form231],
    ["2.33+ (no output path)", form233],
  ])("%s", (_v, doc) => {
    const r = traceStorePath(FOD_OUT, { inventory, derivations: drvs(doc) });
    expect([r.attribution, r.deriver, r.inputs.map((i) => i.id)]).toEqual(["build", `/nix/store/${FOD_DRV}`, [SRC.id]]);
  });

  it("falls back to the set's output map when the closure names a deriver the set lacks", () => {
    const closure = parsePathInfo(
      JSON.stringify([
        {
          path: FOD_OUT,
          narHash: "sha256-iUUXyRY8iW7DGirb0zwGgf1fRbLA7wimTJKgP7l/OQ8=",
          narSize: 1,
          references: [],
          deriver: "/nix/store/00000000000000000000000000000000-source.drv",
        },
      ]),
      "closure.json",
    );
    if (!closure.ok) throw new Error(closure.error[0]?.message);
    const r = traceStorePath(FOD_OUT, { inventory, closure: closure.value, derivations: drvs(form233) });
    expect([r.attribution, r.deriver]).toEqual(["build", `/nix/store/${FOD_DRV}`]);
  });
});
