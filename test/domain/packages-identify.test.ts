import { describe, expect, it } from "vitest";
import type { DerivationEnv } from "../../src/domain/nix/derivation.js";
import { identifyPackages, mirrorFilesOf, sourceHash } from "../../src/domain/packages/index.js";
import { parseDerivations } from "../../src/ingest/closure/derivation.js";
import { parsePathInfo } from "../../src/ingest/closure/path-info.js";
import { parseMeta } from "../../src/ingest/meta/meta.js";

const env = (o: Record<string, string>): DerivationEnv => ({ get: (k) => (Object.hasOwn(o, k) ? o[k] : undefined) });
const HEX = "8d99142afd92576f30b0cd7cb42a8dc6809998bc5d607d88761f512e26c7db20";

describe("a fetcher's hash in every form nixpkgs writes outputHash (no fixed output parsed)", () => {
  it.each([
    ["SRI", { outputHash: "sha256-jZkUKv2SV28wsM18tCqNxoCZmLxdYH2Idh9RLibH2yA=" }, "flat"],
    [
      "nix32 with outputHashAlgo",
      { outputHash: "086vqwk2wl8zfs47sq2xpjc9k066ilmb8z6dn0q6ymwjzlm196cd", outputHashAlgo: "sha256" },
      "flat",
    ],
    [
      "hex with outputHashAlgo, recursive",
      { outputHash: HEX, outputHashAlgo: "sha256", outputHashMode: "recursive" },
      "nar",
    ],
  ])("%s", (_what, e, method) => {
    const h = sourceHash(undefined, env(e));
    expect(h?.alg).toBe("SHA-256");
    expect(h?.method).toBe(method);
    expect(h?.content).toBe(HEX);
    expect(h?.written).toBe(e.outputHash);
  });

  it("an unreadable hash is no hash, not a wrong one", () => {
    expect(sourceHash(undefined, env({ outputHash: "sha256-short" }))).toBeUndefined();
  });
});

const S = "/nix/store";
const p = (h: string, name: string) => `${S}/${h.repeat(32).slice(0, 32)}-${name}`;
const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe("origins and mismatched inputs", () => {
  const app = p("a", "app-1.0");
  const gen = p("b", "generated-src");
  const stray = p("c", "stray-src");
  const drvs = {
    [p("d", "app-1.0.drv")]: {
      outputs: { out: { path: app } },
      inputSrcs: [],
      inputDrvs: { [p("f", "generated-src.drv")]: ["out"] },
      env: { __json: JSON.stringify({ pname: "app", version: "1.0", srcs: [gen, stray] }) },
    },
    [p("f", "generated-src.drv")]: { outputs: { out: { path: gen } }, inputSrcs: [], inputDrvs: {}, env: {} },
    "/gnu/store/gggggggggggggggggggggggggggggggg-other.drv": {
      outputs: { out: { path: "/gnu/store/hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh-other" } },
      inputSrcs: [],
      inputDrvs: {},
      env: {},
    },
  };
  const closure = must(
    parsePathInfo(
      JSON.stringify([
        { path: app, narHash: "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=", narSize: 1, references: [] },
      ]),
      "c.json",
    ),
  );
  const derivations = must(parseDerivations(JSON.stringify(drvs), "d.json"));

  it("structured-attrs srcs: a built source and an unknown one; found through the output map without a deriver", () => {
    const r = identifyPackages({ closure, derivations });
    expect(r.packages).toMatchObject([
      {
        name: "app",
        version: "1.0",
        sources: [
          { kind: "built", path: gen, drvPath: p("f", "generated-src.drv") },
          { kind: "unknown", path: stray },
        ],
        license: { status: "no-meta" },
      },
    ]);
    expect(r.packages[0]?.sourcePurl).toBeUndefined();
  });

  it("counts derivations and meta of another store directory", () => {
    const meta = must(
      parseMeta(
        JSON.stringify({ x: { outputs: { out: "/gnu/store/hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh-other" } } }),
        "m.json",
      ),
    );
    const r = identifyPackages({ closure, derivations, meta });
    expect(r.warnings).toEqual([
      { kind: "other-store-dir", what: "derivations", storeDir: "/gnu/store", count: 1 },
      { kind: "other-store-dir", what: "meta", storeDir: "/gnu/store", count: 1 },
      { kind: "meta-matches-nothing", metaPaths: 1 },
      { kind: "no-meta", count: 1, example: app },
    ]);
  });
});

it("a closure deriver that does not build the path is not believed: the output map decides", () => {
  const out = p("a", "tool-1.0");
  const real = p("d", "tool-1.0.drv");
  const claimed = p("k", "other-1.0.drv");
  const derivations = must(
    parseDerivations(
      JSON.stringify({
        [real]: {
          outputs: { out: { path: out } },
          inputSrcs: [],
          inputDrvs: {},
          env: { pname: "tool", version: "1.0" },
        },
        [claimed]: {
          outputs: { out: { path: p("f", "other-1.0") } },
          inputSrcs: [],
          inputDrvs: {},
          env: { pname: "other", version: "1.0" },
        },
      }),
      "d.json",
    ),
  );
  const closure = must(
    parsePathInfo(
      JSON.stringify([
        {
          path: out,
          narHash: "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=",
          narSize: 1,
          references: [],
          deriver: claimed,
        },
      ]),
      "c.json",
    ),
  );
  expect(identifyPackages({ closure, derivations }).packages.map((x) => [x.name, x.drvPath])).toEqual([["tool", real]]);
});

it("env entries that are no store path of the closure's store are not sources", () => {
  const out = p("a", "tool-1.0");
  const derivations = must(
    parseDerivations(
      JSON.stringify({
        [p("d", "tool-1.0.drv")]: {
          outputs: { out: { path: out } },
          inputSrcs: [],
          inputDrvs: {},
          env: {
            pname: "tool",
            version: "1.0",
            src: "/etc/passwd",
            srcs: "https://x.example/a.tar.gz /gnu/store/hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh-x",
            patches: "../../x.patch",
          },
        },
      }),
      "d.json",
    ),
  );
  const closure = must(
    parsePathInfo(
      JSON.stringify([
        { path: out, narHash: "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=", narSize: 1, references: [] },
      ]),
      "c.json",
    ),
  );
  expect(identifyPackages({ closure, derivations }).packages).toMatchObject([
    { name: "tool", sources: [], patches: [] },
  ]);
});

it("lists only store paths of the closure's store as mirrors files to read", () => {
  const out = p("a", "tool-1.0");
  const fetch = p("b", "tool-1.0.tar.gz");
  const good = p("c", "mirrors-list");
  const derivations = must(
    parseDerivations(
      JSON.stringify({
        [p("d", "tool-1.0.drv")]: {
          outputs: { out: { path: out } },
          inputSrcs: [],
          inputDrvs: {},
          env: { pname: "tool", version: "1.0", src: fetch, mirrorsFile: "/etc/shadow" },
        },
        [p("f", "tool-1.0.tar.gz.drv")]: {
          outputs: {
            out: {
              path: fetch,
              hashAlgo: "sha256",
              hash: "8d99142afd92576f30b0cd7cb42a8dc6809998bc5d607d88761f512e26c7db20",
            },
          },
          inputSrcs: [],
          inputDrvs: {},
          env: { urls: "mirror://gnu/tool/tool-1.0.tar.gz", mirrorsFile: good },
        },
      }),
      "d.json",
    ),
  );
  const closure = must(
    parsePathInfo(
      JSON.stringify([
        { path: out, narHash: "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=", narSize: 1, references: [] },
      ]),
      "c.json",
    ),
  );
  expect(mirrorFilesOf(closure, derivations)).toEqual([good]);
});
