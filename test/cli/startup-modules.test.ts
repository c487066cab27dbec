import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { REPO, lockFixture } from "../support/paths.js";

// Start-up is most of a small run's time (docs/architecture.md §7): what the built command (dist/bin,
// `npm run build`) loads for a lock's sbom and check is held here, by the modules Node really loads.
const CLI = path.join(REPO, "dist", "bin", "flake-audit.js");
const dir = mkdtempSync(path.join(tmpdir(), "fa-startup-"));

// A module hook that prints every file Node loads, on stderr, one per line.
const HOOK = `data:text/javascript,${encodeURIComponent(
  `import { register } from "node:module";
register("data:text/javascript," + encodeURIComponent(
  "export async function load(url, ctx, next) { if (url.startsWith('file:')) console.error('LOADED ' + url); return next(url, ctx); }"));`,
)}`;

/** The files the built command loads for `args`, read as text. */
function loadedFiles(args: readonly string[]): string[] {
  const r = spawnSync(process.execPath, ["--import", HOOK, CLI, ...args], { cwd: dir, encoding: "utf8" });
  return r.stderr
    .split("\n")
    .filter((l) => l.startsWith("LOADED "))
    .map((l) => readFileSync(fileURLToPath(l.slice("LOADED ".length)), "utf8"));
}
// esbuild heads each bundled module with its path: zod's are under node_modules/zod/.
const hasZod = (files: readonly string[]): boolean => files.some((text) => /node_modules\/zod\//.test(text));

describe("what a lock's run loads (built command)", () => {
  it("dist/bin is built (npm run build)", () => {
    expect(existsSync(CLI), "dist/bin/flake-audit.js: run `npm run build`").toBe(true);
  });
  const lock = lockFixture("valid", "github-inputs.lock");
  it("sbom and check --lock-only of a valid lock never load zod", () => {
    const sbom = loadedFiles(["sbom", lock, "--reproducible", "-o", path.join(dir, "s.json")]);
    const check = loadedFiles(["check", lock, "--lock-only", "--fail-on", "none", "-o", path.join(dir, "c.txt")]);
    expect(sbom.length).toBeGreaterThan(1);
    expect(hasZod(sbom)).toBe(false);
    expect(check.length).toBeGreaterThan(1);
    expect(hasZod(check)).toBe(false);
  });
  it("a lock the fast checks reject does load zod, to explain it (the probe sees zod when it is there)", () => {
    const bad = path.join(dir, "bad.lock");
    writeFileSync(bad, '{"nodes":{"root":{"inputs":7}},"root":"root","version":7}');
    expect(hasZod(loadedFiles(["sbom", bad, "-o", path.join(dir, "b.json")]))).toBe(true);
  });
});
