import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { nixWorld } from "../../fixtures/nix-world.mjs";
import { closureRoots } from "../../src/domain/closure/closure.js";
import { toSri } from "../../src/domain/nix/hash.js";
import { formatInputPath } from "../../src/domain/lock/input-path.js";
import { buildInventory } from "../../src/domain/lock/inventory.js";
import { formatStorePath } from "../../src/domain/nix/store-path.js";
import { traceStorePath } from "../../src/domain/closure/trace.js";
import { parsePathInfo } from "../../src/ingest/closure/path-info.js";
import { parseDerivations } from "../../src/ingest/closure/derivation.js";
import { runCli } from "../support/cli.js";
import { parseOrThrow } from "../support/lock.js";
import { hasNix, nixVersion, reportNixSkip } from "../support/nix.js";

reportNixSkip("nix closure integration");

describe.runIf(hasNix)(`closures against the real nix (${nixVersion ?? "absent"})`, () => {
  let world: ReturnType<typeof nixWorld>;
  let app: { dir: string; out: string };
  let rawInfo: Array<Record<string, unknown>>;
  beforeAll(() => {
    world = nixWorld(mkdtempSync(path.join(tmpdir(), "flake-audit-nix-")));
    world.createRepos();
    app = world.buildApp();
    rawInfo = JSON.parse(world.sh("nix", ["path-info", "--json", "--recursive", app.out])) as Array<
      Record<string, unknown>
    >;
  }, 300_000);

  it("parsed path-info has exactly the fields nix printed", () => {
    const parsed = parsePathInfo(JSON.stringify(rawInfo), "nix");
    if (!parsed.ok) throw new Error(parsed.error[0]?.message);
    expect(parsed.value.shape).toBe("list");
    expect(parsed.value.infos.size).toBe(rawInfo.length);
    for (const raw of rawInfo) {
      const info = parsed.value.infos.get(raw["path"] as string)!;
      expect(toSri(info.narHash)).toBe(raw["narHash"]);
      expect(info.narSize).toBe(raw["narSize"]);
      expect(info.references).toEqual(raw["references"]);
      expect(info.deriver).toBe(raw["deriver"]);
      expect(info.registrationTime).toBe(raw["registrationTime"]);
    }
  });

  it("computed input store paths equal `nix flake archive --json`", () => {
    const archive = JSON.parse(world.sh("nix", ["flake", "archive", "--json", app.dir])) as {
      inputs: Record<string, { path: string }>;
    };
    const inv = buildInventory(parseOrThrow(readFileSync(path.join(app.dir, "flake.lock"), "utf8")));
    for (const [name, entry] of Object.entries(archive.inputs)) {
      const input = inv.inputs.find((i) => i.paths.some((p) => formatInputPath(p) === name));
      expect(input?.storePath && formatStorePath(input.storePath), name).toBe(entry.path);
    }
  });

  it("trace chains agree with `nix why-depends`", () => {
    const closure = parsePathInfo(JSON.stringify(rawInfo), "nix");
    if (!closure.ok) throw new Error("unparsed");
    const inv = buildInventory(parseOrThrow(readFileSync(path.join(app.dir, "flake.lock"), "utf8")));
    const data = inv.inputs.find((i) => i.id === "data")!;
    const dataPath = formatStorePath(data.storePath!);
    const result = traceStorePath(dataPath, {
      inventory: inv,
      closure: closure.value,
      roots: closureRoots(closure.value),
    });
    const why = world.sh("nix", ["why-depends", app.out, dataPath]);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: why-depends colours its output; ESC ends a path
    const fromNix = [...why.matchAll(/\/nix\/store\/[0-9a-z]{32}-[^\s\u001b]+/g)].map((m) => m[0]);
    expect(result.chain).toEqual([...new Set(fromNix)]);
    expect(result.inputs.map((i) => i.id)).toEqual(["data"]);
  });

  it("trace --closure-of finds the inputs a build embedded and read, through the real nix", async () => {
    const r = await runCli(
      ["trace", app.out, "--lock", path.join(app.dir, "flake.lock"), "--closure-of", app.out, "--format", "json"],
      { env: world.env },
    );
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      attribution: string;
      sources: Array<{ via: string; inputs: Array<{ input: string }> }>;
    };
    expect(report.attribution).toBe("build");
    const byVia = (via: string) =>
      report.sources
        .filter((s) => s.via === via)
        .flatMap((s) => s.inputs.map((i) => i.input))
        .sort();
    expect(byVia("derivation")).toEqual(["data", "libA", "p"]);
  });

  it("sbom --closure-of merges input sources with their store paths", async () => {
    const r = await runCli(["sbom", path.join(app.dir, "flake.lock"), "--closure-of", app.out, "--reproducible"], {
      env: world.env,
    });
    expect(r.code, r.stderr).toBe(0);
    const bom = JSON.parse(r.stdout) as {
      components: Array<{ "bom-ref": string; properties: Array<{ name: string; value: string }> }>;
    };
    const data = bom.components.find((c) => c["bom-ref"] === "input:data")!;
    expect(data.properties.some((p) => p.name === "nix:narinfo:nar_size")).toBe(true);
    expect(
      bom.components.filter((c) =>
        c.properties.some(
          (p) =>
            p.name === "nix:store_path" &&
            p.value ===
              formatStorePath(
                buildInventory(parseOrThrow(readFileSync(path.join(app.dir, "flake.lock"), "utf8"))).inputs.find(
                  (i) => i.id === "data",
                )!.storePath!,
              ),
        ),
      ),
    ).toHaveLength(1);
  });

  it("derivations from `nix show-derivation -r` parse and link outputs to their drvs", () => {
    const drv = world.sh("nix-store", ["--query", "--deriver", app.out]).trim();
    const parsed = parseDerivations(world.sh("nix", ["show-derivation", "-r", drv]), "nix");
    if (!parsed.ok) throw new Error(parsed.error[0]?.message);
    expect(parsed.value.byOutput.get(app.out)).toBe(drv);
  });

  it("--closure-of takes a flake installable, enabling the experimental features itself", async () => {
    const bare = {
      ...world.env,
      NIX_CONFIG: [
        "build-users-group =",
        "sandbox = false",
        "substituters =",
        `flake-registry = ${path.dirname(world.SRC)}/registry.json`,
      ].join("\n"),
    };
    const r = await runCli(
      ["sbom", path.join(app.dir, "flake.lock"), "--closure-of", `${app.dir}#default`, "--reproducible"],
      { env: bare },
    );
    expect(r.code, r.stderr).toBe(0);
    const bom = JSON.parse(r.stdout) as { components: Array<{ "bom-ref": string }> };
    expect(bom.components.some((c) => c["bom-ref"] === app.out)).toBe(true);
  });

  it("a missing store path given to --closure-of is invalid input (exit 3)", async () => {
    const r = await runCli(["sbom", "--closure-of", "/nix/store/00000000000000000000000000000000-nothing"], {
      env: world.env,
      cwd: app.dir,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("nix");
  });
});
