import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMeta } from "../../src/ingest/meta/meta.js";
import { parseMirrorList } from "../../src/ingest/packages/mirror-list.js";
import { resolveUrl } from "../../src/domain/packages/index.js";
import { hasNix, NIX_ENV, nixVersion, reportNixSkip } from "../support/nix.js";

reportNixSkip("meta ingest (nix-env)");

const ok = (text: string) => {
  const r = parseMeta(text, "meta.json");
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const OUT = "/nix/store/fiy5p73xf7giw6si0jf86hcgwg42wx1c-hello-2.12";
const entry = (meta: unknown, outputs: Record<string, string> = { out: OUT }) =>
  JSON.stringify({ hello: { name: "hello-2.12", outputs, meta } });

describe("meta.license in every form nixpkgs allows (doc/stdenv/meta.chapter.md)", () => {
  it.each([
    [
      "an attribute set with spdxId",
      { spdxId: "MIT", fullName: "MIT License", free: true },
      [{ spdxId: "MIT", name: "MIT License", free: true }],
    ],
    [
      "an unfree set without spdxId, by name",
      { shortName: "unfree", fullName: "Unfree", free: false },
      [{ name: "Unfree", free: false }],
    ],
    [
      "a list: every entry",
      [{ spdxId: "MIT" }, { spdxId: "Apache-2.0" }],
      [{ spdxId: "MIT" }, { spdxId: "Apache-2.0" }],
    ],
    ["a string of shortNames: kept as names, never as SPDX ids", "asl20 free", [{ name: "asl20" }, { name: "free" }]],
    ["a set with nothing readable", { url: "" }, []],
  ])("%s", (_what, license, expected) => {
    expect(ok(entry({ license })).get(OUT)?.licenses).toEqual(expected);
  });

  it("no license attribute is undefined (explicitly none), not an empty list", () => {
    expect(ok(entry({})).get(OUT)?.licenses).toBeUndefined();
  });
});

describe("meta joined by output path", () => {
  it("indexes every output, homepages as a list, CPE and purls", () => {
    const dev = "/nix/store/3cd89inkzmrx6hj9wjds09bd218g9r81-hello-2.12-dev";
    const m = ok(
      entry(
        {
          homepage: ["https://a", "https://b"],
          identifiers: { cpe: "cpe:2.3:a:gnu:hello:2.12:*:*:*:*:*:*:*", purls: ["pkg:github/x/y@1"] },
        },
        { out: OUT, dev },
      ),
    );
    expect([...m.keys()].sort()).toEqual([dev, OUT].sort());
    expect(m.get(dev)).toMatchObject({
      attr: "hello",
      homepages: ["https://a", "https://b"],
      purls: ["pkg:github/x/y@1"],
      cpe: "cpe:2.3:a:gnu:hello:2.12:*:*:*:*:*:*:*",
    });
    expect(m.get("/nix/store/fiy5p73xf7giw6si0jf86hcgwg42wx1c-hello")).toBeUndefined();
  });

  it("refuses a file without output paths (no --out-path)", () => {
    const r = parseMeta(JSON.stringify({ hello: { name: "hello-2.12" } }), "meta.json");
    expect(!r.ok && r.error[0]?.message).toMatch(/output paths/);
  });

  it.each([
    ["a license of the wrong type", entry({ license: 42 }), "/hello/meta/license"],
    ["an output that is not a store path", entry({}, { out: "/etc/passwd" }), "/hello/outputs/out"],
  ])("locates %s", (_what, text, pointer) => {
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    const r = parseMeta(pretty, "meta.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error[0]?.pointer).toBe(pointer);
    expect(r.error[0]?.position?.line).toBeGreaterThan(1);
  });

  it("refuses nesting deeper than meta ever does, and broken JSON with the position", () => {
    const deep = entry({ x: JSON.parse(`${"[".repeat(40)}${"]".repeat(40)}`) });
    expect(parseMeta(deep, "meta.json").ok).toBe(false);
    const broken = parseMeta('{"hello": {"name": }', "meta.json");
    expect(!broken.ok && broken.error[0]?.position).toEqual({ line: 1, column: 20 });
  });
});

describe.runIf(hasNix)(`what the real nix-env prints (${nixVersion ?? "absent"})`, () => {
  it("reads `nix-env -qa --json --meta --out-path`", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fa-meta-"));
    writeFileSync(
      path.join(dir, "pkgs.nix"),
      `let mk = attrs: derivation (removeAttrs attrs ["meta"]) // { inherit (attrs) meta; }; in {
        hello = mk { name = "hello-2.12"; system = "x86_64-linux"; builder = "/bin/sh"; outputs = ["out" "dev"];
          meta = { license = { spdxId = "GPL-3.0-or-later"; fullName = "GNU GPL v3+"; free = true; }; homepage = "https://gnu.org/hello";
                   identifiers = { cpe = "cpe:2.3:a:gnu:hello:2.12:*:*:*:*:*:*:*"; purl = "pkg:generic/hello@2.12"; }; }; };
        blob = mk { name = "blob-1"; system = "x86_64-linux"; builder = "/bin/sh";
          meta.license = [ { spdxId = "MIT"; } { shortName = "unfree"; fullName = "Unfree"; free = false; } ]; };
        bare = mk { name = "bare-1"; system = "x86_64-linux"; builder = "/bin/sh"; meta = {}; };
      }`,
    );
    const text = execFileSync("nix-env", ["-qa", "--json", "--meta", "--out-path", "-f", path.join(dir, "pkgs.nix")], {
      env: NIX_ENV,
      encoding: "utf8",
    });
    const raw = JSON.parse(text) as Record<string, { outputs: Record<string, string> }>;
    const m = ok(text);
    expect(m.size).toBe(4);
    expect(m.get(raw["hello"]!.outputs["dev"]!)).toMatchObject({
      attr: "hello",
      licenses: [{ spdxId: "GPL-3.0-or-later", name: "GNU GPL v3+", free: true }],
      homepages: ["https://gnu.org/hello"],
      purls: ["pkg:generic/hello@2.12"],
    });
    expect(m.get(raw["blob"]!.outputs["out"]!)?.licenses).toEqual([{ spdxId: "MIT" }, { name: "Unfree", free: false }]);
    expect(m.get(raw["bare"]!.outputs["out"]!)?.licenses).toBeUndefined();
  });
});

describe("fetchurl's mirrors file, as bash's `set` writes it (write-mirror-list.sh)", () => {
  // Written by the real bash, the way nixpkgs writes the file: `set | grep -E '^[a-zA-Z]+=.*://'`.
  const text = execFileSync(
    "bash",
    [
      "-c",
      `gnu="https://ftpmirror.gnu.org/ https://ftp.nluug.nl/pub/gnu/"; odd="https://x.example/it's/"; one=https://one.example/; set | grep -E '^[a-zA-Z]+=.*://'`,
    ],
    { encoding: "utf8", env: {} },
  );
  const parsed = parseMirrorList(text, "mirrors-list");
  const table = parsed.ok ? parsed.value : new Map();

  it("reads quoted, escaped and bare values", () => {
    expect(parsed.ok).toBe(true);
    expect(table.get("gnu")).toEqual(["https://ftpmirror.gnu.org/", "https://ftp.nluug.nl/pub/gnu/"]);
    expect(table.get("odd")).toEqual(["https://x.example/it's/"]);
    expect(table.get("one")).toEqual(["https://one.example/"]);
  });

  it("resolves mirror:// URLs as fetchurl's builder does, keeping the original", () => {
    expect(resolveUrl("mirror://gnu/hello/hello-2.12.tar.gz", table)).toEqual([
      { url: "https://ftpmirror.gnu.org/hello/hello-2.12.tar.gz", mirror: "mirror://gnu/hello/hello-2.12.tar.gz" },
      { url: "https://ftp.nluug.nl/pub/gnu/hello/hello-2.12.tar.gz", mirror: "mirror://gnu/hello/hello-2.12.tar.gz" },
    ]);
    expect(resolveUrl("mirror://nowhere/x.tar.gz", table)).toEqual([
      { url: "mirror://nowhere/x.tar.gz", unresolved: true },
    ]);
    expect(resolveUrl("https://example.org/x", table)).toEqual([{ url: "https://example.org/x" }]);
  });

  it("says which line is not a mirrors line", () => {
    const r = parseMirrorList("gnu='https://a/'\nrm -rf /\n", "mirrors-list");
    expect(!r.ok && r.error[0]?.position).toEqual({ line: 2, column: 1 });
    const q = parseMirrorList("gnu='https://a/\n", "mirrors-list");
    expect(!q.ok && q.error[0]?.message).toMatch(/quote/);
  });
});
