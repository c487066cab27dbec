import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSources, type DerivationSet } from "../../src/domain/nix/derivation.js";
import { parseDerivations } from "../../src/ingest/closure/derivation.js";
import { renderIssues } from "../../src/render/issue-text.js";
import { type Drv28, SHAPES } from "../support/derivation-shapes.js";
import { FIXTURES } from "../support/paths.js";

const recorded = JSON.parse(readFileSync(path.join(FIXTURES, "closure", "app.derivations.json"), "utf8")) as Record<
  string,
  Drv28
>;

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
  it.each(SHAPES)("%s", (_name, convert) => {
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

// Nix's own test data, written out here as data (not vendored): NixOS/nix HEAD
// src/libstore-tests/data/derivation/hash-modulo/source-first.json, a version-4 fixed-output derivation
// whose output carries no path; its env.out is the path Nix computed.
const SOURCE_FIRST = {
  args: [],
  builder: "/bin/first",
  env: { out: "/nix/store/i00sflxqsj37lfmf95m8mn0grv615hpj-source" },
  inputs: { drvs: {}, srcs: [] },
  name: "source",
  outputs: { out: { hash: "sha256-iUUXyRY8iW7DGirb0zwGgf1fRbLA7wimTJKgP7l/OQ8=", method: "nar" } },
  system: "x86_64-linux",
  version: 4,
};

describe("fixed outputs without a path (Nix 2.32+)", () => {
  it("get the path Nix computes (Nix's source-first.json)", () => {
    const set = parsed({ version: 4, derivations: { "ffffffffffffffffffffffffffffffff-source.drv": SOURCE_FIRST } });
    const d = set.byPath.get("/nix/store/ffffffffffffffffffffffffffffffff-source.drv")!;
    expect(d.outputs.get("out")).toBe(SOURCE_FIRST.env.out);
    expect(d.fixed.get("out")?.method).toBe("nar");
    expect(set.byOutput.get(SOURCE_FIRST.env.out)).toBe(d.path);
  });

  it.each([
    // 2.31.0's data/derivation/output-caFixed{Flat,Text}.json: derivation "drv-name", output "output-name".
    ["flat", "/nix/store/rhcg9h16sqvlbpsa6dqm57sbr2al6nzg-drv-name-output-name"],
    ["text", "/nix/store/6s1zwabh956jvhv4w9xcdb5jiyanyxg1-drv-name-output-name"],
  ])("2.32 form, method %s (Nix 2.31 printed %s)", (method, expected) => {
    const drv = {
      name: "drv-name",
      version: 3,
      env: {},
      inputSrcs: [],
      inputDrvs: {},
      outputs: {
        "output-name": {
          hash: "894517c9163c896ec31a2adbd33c0681fd5f45b2c0ef08a64c92a03fb97f390f",
          hashAlgo: "sha256",
          method,
        },
      },
    };
    const set = parsed({ "ffffffffffffffffffffffffffffffff-drv-name.drv": drv });
    expect([...set.byOutput.keys()]).toEqual([expected]);
  });

  it("says where a fixed output's hash is malformed", () => {
    const bad = { ...SOURCE_FIRST, outputs: { out: { hash: "sha256-tooShort", method: "nar" } } };
    const text = JSON.stringify(
      { version: 4, derivations: { "ffffffffffffffffffffffffffffffff-source.drv": bad } },
      null,
      2,
    );
    const r = parseDerivations(text, "drv.json");
    expect(r.ok).toBe(false);
    const issue = !r.ok ? r.error[0] : undefined;
    expect(issue?.pointer).toBe("/derivations/ffffffffffffffffffffffffffffffff-source.drv/outputs/out");
    expect(issue?.message).toMatch(/base64 sha256/);
    expect(issue?.position?.line).toBeGreaterThan(1);
  });
});

describe("derivation attributes", () => {
  const one = (extra: Record<string, unknown>) =>
    [
      ...parsed({
        "/nix/store/ffffffffffffffffffffffffffffffff-hello-2.12.drv": {
          outputs: {},
          inputSrcs: [],
          inputDrvs: {},
          ...extra,
        },
      }).byPath.values(),
    ][0]!;

  it("reads env strings and names the derivation from its store name when no name is written", () => {
    const d = one({ env: { pname: "hello", version: "2.12", src: "/nix/store/x" } });
    expect([d.name, d.env.get("pname"), d.env.get("version"), d.env.get("missing")]).toEqual([
      "hello-2.12",
      "hello",
      "2.12",
      undefined,
    ]);
    expect(d.env.get("__proto__")).toBeUndefined();
  });

  it("reads structured attrs from __json (≤ 2.29) and structuredAttrs (2.30+), strings and string lists only", () => {
    const attrs = { pname: "hello", srcs: ["/nix/store/a", "/nix/store/b"], n: 3, nested: { x: "y" } };
    for (const d of [one({ env: { __json: JSON.stringify(attrs) } }), one({ env: {}, structuredAttrs: attrs })]) {
      expect([d.env.get("pname"), d.env.get("srcs"), d.env.get("n"), d.env.get("nested")]).toEqual([
        "hello",
        ["/nix/store/a", "/nix/store/b"],
        undefined,
        undefined,
      ]);
    }
    expect(one({ env: { __json: "{not json" } }).env.get("pname")).toBeUndefined();
  });

  it("refuses env values that are not strings, with the place", () => {
    const r = parseDerivations(
      JSON.stringify({ "/nix/store/ffffffffffffffffffffffffffffffff-x.drv": { outputs: {}, env: { a: 1 } } }),
      "drv.json",
    );
    expect(!r.ok && r.error[0]?.pointer).toBe("/~1nix~1store~1ffffffffffffffffffffffffffffffff-x.drv/env");
  });

  it("maps an output built by two derivations to the same one whatever the order", () => {
    const fod = {
      outputs: {
        out: {
          path: "/nix/store/gl1v8yb8j5yfjg0d1fm4w75a1b04h3nm-source",
          hashAlgo: "r:sha256",
          hash: "702b7d2e4b28c4f3ef1434bd2333a83427796a9007fb2a23248becd4d51a3e7f",
        },
      },
    };
    const a = "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-source.drv";
    const b = "/nix/store/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-source.drv";
    for (const doc of [
      { [a]: fod, [b]: fod },
      { [b]: fod, [a]: fod },
    ])
      expect(parsed(doc).byOutput.get("/nix/store/gl1v8yb8j5yfjg0d1fm4w75a1b04h3nm-source")).toBe(a);
  });
});

describe("fixed outputs of Nix ≤ 2.22 carry the method in hashAlgo", () => {
  const HEX = "894517c9163c896ec31a2adbd33c0681fd5f45b2c0ef08a64c92a03fb97f390f";
  it.each([
    ["r:sha256", "nar", "sha256"],
    ["sha256", "flat", "sha256"],
    ["text:sha256", "text", "sha256"],
    ["r:sha1", "nar", "sha1"],
  ])("%s", (hashAlgo, method, algo) => {
    const hash = algo === "sha1" ? HEX.slice(0, 40) : HEX;
    const set = parsed({
      "/nix/store/ffffffffffffffffffffffffffffffff-drv-name.drv": {
        outputs: { out: { hashAlgo, hash } },
        inputSrcs: [],
        inputDrvs: {},
        env: {},
      },
    });
    const d = [...set.byPath.values()][0]!;
    expect([d.fixed.get("out")?.method, d.fixed.get("out")?.hash.algo]).toEqual([method, algo]);
    expect(d.outputs.get("out")).toMatch(/^\/nix\/store\/[0-9a-z]{32}-drv-name$/);
  });

  it("the text path equals Nix 2.31's for the same hash (output-caFixedText.json)", () => {
    const set = parsed({
      "/nix/store/ffffffffffffffffffffffffffffffff-drv-name.drv": {
        name: "drv-name",
        outputs: { "output-name": { hashAlgo: "text:sha256", hash: HEX } },
        inputSrcs: [],
        inputDrvs: {},
        env: {},
      },
    });
    expect([...set.byOutput.keys()]).toEqual(["/nix/store/6s1zwabh956jvhv4w9xcdb5jiyanyxg1-drv-name-output-name"]);
  });

  it.each([
    [{ hashAlgo: "r:sha256", hash: "zz" }, /invalid sha256/],
    [{ hashAlgo: "blake9", hash: "00" }, /unknown hash algorithm/],
    [{ method: "tarball", hashAlgo: "sha256", hash: HEX }, /unknown output method/],
    [{ hashAlgo: "sha1", hash: "sha256-iUUXyRY8iW7DGirb0zwGgf1fRbLA7wimTJKgP7l/OQ8=" }, /hashAlgo says sha1/],
    [{ method: "git", hash: "md5-AAAAAAAAAAAAAAAAAAAAAA==" }, /git content addressing/],
  ])("refuses %j", (out, message) => {
    const r = parseDerivations(
      JSON.stringify({
        "/nix/store/ffffffffffffffffffffffffffffffff-x.drv": { outputs: { out }, inputSrcs: [], inputDrvs: {} },
      }),
      "drv.json",
    );
    expect(!r.ok && r.error[0]?.message).toMatch(message);
  });
});
