import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Closure } from "../../src/domain/closure/closure.js";
import { formatContentAddress } from "../../src/domain/nix/content-address.js";
import { toSri } from "../../src/domain/nix/hash.js";
import { detectPathInfoShape, parsePathInfo } from "../../src/ingest/closure/path-info.js";
import { renderIssues } from "../../src/render/issue-text.js";
import { CORPUS, FIXTURES, hasCorpus } from "../support/paths.js";

const CLOSURES = path.join(FIXTURES, "closure");
const SHAPES = readdirSync(CLOSURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const read = (shape: string): string => readFileSync(path.join(CLOSURES, shape, "app-closure.json"), "utf8");

/** A comparable rendering of a closure's facts, independent of the shape it was read from. */
function facts(c: Closure): unknown {
  return [...c.infos.values()]
    .map((i) => ({
      path: i.path,
      narHash: toSri(i.narHash),
      narSize: i.narSize,
      references: i.references,
      deriver: i.deriver,
      ca: i.ca && formatContentAddress(i.ca),
      signatures: i.signatures,
      registrationTime: i.registrationTime,
      ultimate: i.ultimate ?? false,
    }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

function parseOk(text: string, origin = "x"): Closure {
  const r = parsePathInfo(text, origin);
  if (!r.ok) throw new Error(renderIssues(r.error));
  return r.value;
}

describe("every path-info shape normalises to the same closure", () => {
  const reference = facts(parseOk(read("list-2.8")));
  it.each(SHAPES)("%s", (shape) => {
    const c = parseOk(read(shape));
    expect(facts(c)).toEqual(reference);
    expect(c.storeDir).toBe("/nix/store");
  });

  it.each([
    ["list-2.8", "list"],
    ["list-2.3", "list"],
    ["list-lix", "list"],
    ["map-2.19", "map"],
    ["map-2.23", "map"],
    ["format-1", "format-1"],
    ["format-2", "format-2"],
    ["format-3", "format-3"],
  ])("%s is recognised as %s", (shape, expected) => {
    expect(parseOk(read(shape)).shape).toBe(expected);
  });

  it("keeps paths reported invalid apart", () => {
    expect(parseOk(read("list-lix")).invalid).toEqual(["/nix/store/00000000000000000000000000000000-foo"]);
    expect(parseOk(read("format-2")).invalid).toEqual(["/nix/store/00000000000000000000000000000000-foo"]);
  });
});

describe.skipIf(!hasCorpus)("Nix's own path-info test data (../shared/corpus/pathinfo)", () => {
  const files = hasCorpus ? readdirSync(path.join(CORPUS, "pathinfo")).sort() : [];
  it.each(files)("%s parses once wrapped in its document shape", (file) => {
    const entry = JSON.parse(readFileSync(path.join(CORPUS, "pathinfo", file), "utf8")) as Record<string, unknown>;
    expect(detectPathInfoShape(entry).ok).toBe(false); // an unkeyed object is not a closure on its own
    const base = "n5wkd9frr45pa74if5gpz9j7mifg27fh-foo";
    const version = entry["version"];
    const doc =
      version === 2 || version === 3
        ? { version, storeDir: "/nix/store", info: { [base]: entry } }
        : { [`/nix/store/${base}`]: entry };
    const c = parseOk(JSON.stringify(doc), file);
    const info = c.infos.get(`/nix/store/${base}`)!;
    expect(toSri(info.narHash)).toBe("sha256-FePFYIlMuycIXPZbWi7LGEiMmZSX9FMbaQenWBzm1Sc=");
    if (Array.isArray(entry["references"]) && entry["references"].length > 0)
      expect(info.references).toContain("/nix/store/g1w7hy3qg1w7hy3qg1w7hy3qg1w7hy3q-bar");
    if (Array.isArray(entry["signatures"]) && entry["signatures"].length > 0)
      expect(info.signatures.map((s) => s.keyName)).toEqual(["asdf", "qwer"]);
  });
});

const GOOD = "/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source";
const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";

describe("bad closure data: clear issues with pointers", () => {
  it.each([
    ["truncated-json", read("list-2.8").slice(0, 300)],
    ["unknown-shape-number", "42"],
    ["unknown-document-version", JSON.stringify({ version: 9, storeDir: "/nix/store", info: {} })],
    ["single-unkeyed-object", JSON.stringify({ narHash: NAR, narSize: 1, references: [] })],
    ["non-path-keys", JSON.stringify({ hello: { narHash: NAR } })],
    [
      "duplicate-paths",
      JSON.stringify([
        { path: GOOD, narHash: NAR },
        { path: GOOD, narHash: NAR },
      ]),
    ],
    ["bad-narhash", JSON.stringify([{ path: GOOD, narHash: "sha256-nope" }])],
    ["wrong-length-hash", JSON.stringify([{ path: "/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4g-source", narHash: NAR }])],
    ["non-nix32-hash", JSON.stringify([{ path: "/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwe-source", narHash: NAR }])],
    ["malformed-reference", JSON.stringify([{ path: GOOD, narHash: NAR, references: ["/nix/store/short-x"] }])],
    ["bad-ca", JSON.stringify({ [GOOD]: { narHash: NAR, ca: "magic:sha256:abc" } })],
    ["bad-signature-list", JSON.stringify({ [GOOD]: { narHash: NAR, signatures: "k:s" } })],
    ["entry-without-path", JSON.stringify([{ narHash: NAR }])],
  ])("%s", async (name, text) => {
    const r = parsePathInfo(text, `${name}.json`);
    expect(r.ok).toBe(false);
    if (!r.ok) await expect(renderIssues(r.error)).toMatchFileSnapshot(`../golden/issues/path-info-${name}.txt`);
  });

  it("keeps dangling references as data, not errors", () => {
    const c = parseOk(
      JSON.stringify([
        { path: GOOD, narHash: NAR, references: ["/nix/store/v1xlr6fxgx85ff07vkl4zidvrpc4vs5p-source"] },
      ]),
    );
    expect([...c.danglingReferences]).toEqual([[GOOD, ["/nix/store/v1xlr6fxgx85ff07vkl4zidvrpc4vs5p-source"]]]);
  });

  it("accepts a non-default store directory when the data says so", () => {
    const c = parseOk(
      JSON.stringify({
        version: 2,
        storeDir: "/gnu/store",
        info: { "2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source": { narHash: NAR, references: [] } },
      }),
    );
    expect([...c.infos.keys()]).toEqual(["/gnu/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source"]);
  });
});
