import { beforeAll, describe, expect, it } from "vitest";
import { compareInstallable } from "../../src/domain/impact/compare.js";
import { licencesNotComparedText } from "../../src/render/diff/impact-view.js";
import { parseDerivations } from "../../src/ingest/closure/derivation.js";
import { parseMeta } from "../../src/ingest/meta/meta.js";
import type { DerivationSet } from "../../src/domain/nix/derivation.js";
import { buildImpactWorld, type ImpactWorld } from "../support/impact-world.js";
import { hasNix, reportNixSkip } from "../support/nix.js";

reportNixSkip("domain/impact (real nix-instantiate of a package set at two revisions)");

const parse = (text: string): DerivationSet => {
  const r = parseDerivations(text, "test");
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe.skipIf(!hasNix)("compareInstallable over real derivation closures", () => {
  let world: ImpactWorld;
  let web: ReturnType<typeof compareInstallable>;
  beforeAll(() => {
    world = buildImpactWorld();
    const meta = (t: string) => {
      const r = parseMeta(t, "meta");
      if (!r.ok) throw new Error("meta");
      return r.value;
    };
    web = compareInstallable({
      installable: "web",
      old: parse(world.old.derivations["web"] ?? ""),
      new: parse(world.new.derivations["web"] ?? ""),
      meta: { old: meta(world.old.meta), new: meta(world.new.meta) },
    });
  }, 120_000);

  it("counts the .drv paths nix shows on the new side and not on the old one", () => {
    const [a, b] = [world.old.derivations["web"], world.new.derivations["web"]].map(
      (t) => new Set(Object.keys(JSON.parse(t ?? "{}") as object)),
    );
    const expected = [...(b ?? [])].filter((p) => !a?.has(p)).length;
    expect(expected).toBeGreaterThan(0);
    expect(web.rebuildCount).toBe(expected);
    expect(web.derivations).toEqual({ old: a?.size, new: b?.size });
  });

  it("reports version changes with the new source and the patches added, and a downgrade as one", () => {
    const openssl = web.versionChanges.find((c) => c.name === "openssl");
    expect(openssl).toMatchObject({
      from: ["3.0.14"],
      to: ["3.0.15"],
      direction: "upgrade",
      source: {
        name: "openssl-3.0.15.tar.gz",
        url: "https://www.openssl.org/source/openssl-3.0.15.tar.gz",
        hash: "sha256-I8Zm0O3/3bZ3ADSc0AaOVDN+MgQxJLx0ikwh7ZcIFvo=",
      },
      patchesAdded: ["CVE-2024-9143.patch"],
      patchesRemoved: [],
    });
    expect(web.versionChanges.find((c) => c.name === "jq")).toMatchObject({
      from: ["1.7.1"],
      to: ["1.6"],
      direction: "downgrade",
    });
    expect(web.versionChanges.map((c) => c.name)).toEqual(["jq", "openssl"]);
  });

  it("lists packages added and removed", () => {
    expect(web.added).toEqual([{ name: "newtool", versions: ["1.0"] }]);
    expect(web.removed).toEqual([{ name: "oldtool", versions: ["0.9"] }]);
  });

  it("explains same-version rebuilds: a patch added, or the nearest changed inputs", () => {
    const hello = web.rebuilt.find((r) => r.name === "hello");
    expect(hello?.reasons).toEqual([{ kind: "patches", added: ["fix-greeting.patch"], removed: [] }]);
    const curl = web.rebuilt.find((r) => r.name === "curl");
    expect(curl?.reasons).toEqual([
      { kind: "inputs", changed: [{ name: "openssl", from: "3.0.14", to: "3.0.15", what: "version" }], more: false },
    ]);
    // web itself rebuilds because of everything below it: named up to the bound, the rest "more".
    const root = web.rebuilt.find((r) => r.name === "web");
    expect(root?.reasons[0]).toMatchObject({ kind: "inputs", more: true });
    expect(web.rebuilt.map((r) => r.name)).toEqual(["curl", "hello", "web"]);
  });

  it("reports licence changes from both sides' meta, naming licences that became unfree", () => {
    expect(web.licences).toEqual([
      {
        name: "libfoo",
        version: "2.0",
        output: "out",
        path: expect.stringMatching(/^\/nix\/store\/[0-9a-z]{32}-libfoo-2\.0$/),
        from: ["MIT"],
        to: ["Business Source License 1.1"],
        unfree: ["Business Source License 1.1"],
      },
    ]);
  });

  it("packages the meta files have no entry for are counted as not compared, not as unchanged", () => {
    expect(web.licencesNotCompared).toBeUndefined(); // both meta files answer for every package
    const meta = (t: string) => {
      const r = parseMeta(t, "meta");
      if (!r.ok) throw new Error("meta");
      return r.value;
    };
    // The head's meta from another nixpkgs: an empty set answers for nothing.
    const other = compareInstallable({
      installable: "web",
      old: parse(world.old.derivations["web"] ?? ""),
      new: parse(world.new.derivations["web"] ?? ""),
      meta: { old: meta(world.old.meta), new: meta("{}") },
    });
    expect(other.licences).toEqual([]);
    expect(other.licencesNotCompared).toBeGreaterThan(0);
    expect(licencesNotComparedText(other)).toMatch(
      /^the licences of \d+ packages? were not compared: .*--meta-old and --meta-new/,
    );
  });

  it("an installable the bump does not touch has nothing to report but its version move", () => {
    const tools = compareInstallable({
      installable: "tools",
      old: parse(world.old.derivations["tools"] ?? ""),
      new: parse(world.new.derivations["tools"] ?? ""),
    });
    expect(tools.versionChanges.map((c) => c.name)).toEqual(["jq"]);
    expect(tools.licences).toBeUndefined();
    expect(
      compareInstallable({
        installable: "same",
        old: parse(world.old.derivations["tools"] ?? ""),
        new: parse(world.old.derivations["tools"] ?? ""),
      }),
    ).toMatchObject({
      versionChanges: [],
      added: [],
      removed: [],
      rebuilt: [],
      rebuildCount: 0,
    });
  });
});
