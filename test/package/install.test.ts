import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../support/paths.js";
import { type LockRegistry, lockedVersions, missingTarballs, startLockRegistry } from "./lock-registry.js";

const manifest = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};
const npmCache = execFileSync("npm", ["config", "get", "cache"], { encoding: "utf8" }).trim();
const run = promisify(execFile);
// Only runtime packages are served: an install that needed a devDependency would fail.
const runtime = lockedVersions(path.join(REPO, "package-lock.json"), (e) => e.dev !== true);
const missing = missingTarballs(runtime, npmCache);

let registry: LockRegistry;
let work: string;
let prefix: string;
let packed: string[];

/** npm with no user or global config, a cache of its own, and the stand-in registry. */
const npm = (args: string[], cwd: string) =>
  run(
    "npm",
    [...args, "--registry", registry.url, "--cache", path.join(work, "npm-cache"), "--no-audit", "--no-fund"],
    {
      cwd,
      encoding: "utf8",
      env: {
        PATH: process.env["PATH"] ?? "",
        HOME: work,
        npm_config_userconfig: path.join(work, "npmrc"),
        npm_config_globalconfig: path.join(work, "global-npmrc"),
        npm_config_update_notifier: "false",
      },
    },
  );

/** Runs a file of the installed package from an unrelated directory, as a user would. */
const node = (file: string, args: string[], cwd = work) =>
  run(file, args, { cwd, encoding: "utf8", env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` } });

beforeAll(async () => {
  if (missing.length > 0) return;
  registry = await startLockRegistry(runtime, npmCache);
  work = mkdtempSync(path.join(tmpdir(), "flake-audit-pack-"));
  writeFileSync(path.join(work, "npmrc"), "");
  writeFileSync(path.join(work, "global-npmrc"), "");
  // Pack a copy of the working tree (tracked and new files), so the test builds its own dist/.
  const copy = path.join(work, "repo");
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO,
    encoding: "utf8",
  });
  for (const f of listed.split("\0").filter((f) => f !== "" && f !== "node_modules"))
    cpSync(path.join(REPO, f), path.join(copy, f), { recursive: true });
  symlinkSync(path.join(REPO, "node_modules"), path.join(copy, "node_modules"));
  const { stdout } = await npm(["pack", "--json", "--pack-destination", work], copy);
  const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = (info?.files ?? []).map((f) => f.path).sort();
  prefix = path.join(work, "prefix");
  await npm(["install", "--global", "--prefix", prefix, path.join(work, info?.filename ?? "")], work);
}, 300_000);
afterAll(async () => registry?.stop());

describe("the npm package", () => {
  it("needs only tarballs `npm ci` left in the npm cache (in CI, a missing one is a failure)", () => {
    if (missing.length > 0)
      console.warn(
        `SKIPPED: the npm install test needs the tarballs npm ci caches in ${npmCache}; missing ${missing.join(", ")}`,
      );
    if (process.env["FLAKE_AUDIT_REQUIRE_NIX"] === "1") expect(missing).toEqual([]);
  });

  describe.runIf(missing.length === 0)("packed and installed globally into a temporary prefix", () => {
    it("ships the built CLI, the library with its types, the schemas and the README; no sources, tests, maps or Action", () => {
      // The command is the bundle scripts/bundle-cli.mjs writes; the library is tsc's output.
      expect(manifest.bin["flake-audit"]).toBe("dist/bin/flake-audit.js");
      expect(packed).toContain("dist/bin/flake-audit.js");
      expect(packed).toContain("dist/index.js");
      expect(packed).toContain("dist/index.d.ts");
      expect(packed).toContain("schemas/flake-lock.schema.json");
      expect(packed).toContain("README.md");
      expect(packed).toContain("package.json");
      const stray = packed.filter((f) => /^(src|test|action|scripts|fixtures|bench)\/|\.map$|^dist\/action\./.test(f));
      expect(stray).toEqual([]);
    });

    it("resolves its declared dependencies through the registry, which serves only the lock's runtime versions", () => {
      const asked = new Set(registry.requests.filter((r) => !r.startsWith("/-/")).map((r) => r.slice(1)));
      for (const dep of Object.keys(manifest.dependencies)) expect(asked).toContain(dep);
    });

    it("bin/flake-audit runs from any directory", async () => {
      const bin = path.join(prefix, "bin", "flake-audit");
      expect((await node(bin, ["--version"])).stdout.trim()).toBe(manifest.version);
      const elsewhere = mkdtempSync(path.join(tmpdir(), "flake-audit-cwd-"));
      const sbom = await node(bin, ["sbom", path.join(REPO, "flake.lock")], elsewhere);
      expect(JSON.parse(sbom.stdout)).toMatchObject({ bomFormat: "CycloneDX" });
    });

    it("exports the library with types, the schemas and package.json, and nothing deeper", async () => {
      const project = path.join(work, "consumer");
      mkdirSync(path.join(project, "node_modules"), { recursive: true });
      symlinkSync(
        path.join(prefix, "lib", "node_modules", manifest.name),
        path.join(project, "node_modules", manifest.name),
      );
      const script = path.join(project, "probe.mjs");
      writeFileSync(
        script,
        [
          'import { createRequire } from "node:module";',
          'import * as lib from "flake-audit";',
          "const require = createRequire(import.meta.url);",
          'const deep = (() => { try { require.resolve("flake-audit/dist/cli/run.js"); return "resolved"; } catch (e) { return e.code; } })();',
          "console.log(JSON.stringify({",
          "  parse: typeof lib.parseFlakeLock, run: typeof lib.run,",
          '  version: require("flake-audit/package.json").version,',
          '  schema: require("flake-audit/schemas/flake-lock.schema.json").$schema !== undefined,',
          "  deep,",
          "}));",
        ].join("\n"),
      );
      const { stdout } = await node(process.execPath, [script], project);
      expect(JSON.parse(stdout)).toEqual({
        parse: "function",
        run: "function",
        version: manifest.version,
        schema: true,
        deep: "ERR_PACKAGE_PATH_NOT_EXPORTED",
      });
      const types = readFileSync(path.join(prefix, "lib", "node_modules", manifest.name, "dist", "index.d.ts"), "utf8");
      expect(types).toContain("parseFlakeLock");
    });
  });
});
