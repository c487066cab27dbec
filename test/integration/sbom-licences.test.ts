import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import spdx from "spdx-license-list/full.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHash, toSri } from "../../src/domain/nix/hash.js";
import { runCli } from "../support/cli.js";
import { cdxValidate } from "../support/cdx-validate.js";
import { hasNix, NIX_ENV, nixVersion, reportNixSkip } from "../support/nix.js";
import { validateBom } from "../support/sbom.js";
import { GitRepoBuilder } from "../support/github/git-repos.js";
import { FakeGithub } from "../support/github/server.js";
import { World } from "../support/github/world.js";

reportNixSkip("sbom licences from the store");

interface Component {
  name: string;
  "bom-ref": string;
  copyright?: string;
  licenses?: Array<{ license: { id?: string; name?: string } }>;
  properties?: Array<{ name: string; value: string }>;
}
interface Bom {
  metadata: { properties?: Array<{ name: string; value: string }> };
  components: Component[];
}

const text = (id: string): string => spdx[id]?.licenseText ?? "";
const MIT = `MIT License\n\nCopyright (c) 2024 Jane Doe\n\n${text("MIT").split("\n").slice(3).join("\n")}`;
const SECRET = "root:x:0:0:root:/root:/bin/bash";

/** name → files of a source directory (a string is a file, "fifo" a FIFO made after nix added it, ["link", t] a symlink). */
type Tree = Record<string, string | { fifo: true } | { link: string }>;
const SOURCES: Record<string, Tree> = {
  mit: { LICENSE: MIT, "README.md": "# mit" },
  apache: {
    "LICENSE.txt": text("Apache-2.0"),
    NOTICE:
      "Example Server\nCopyright 2020-2024 Example Corp.\n\nThis product includes software developed at Example Corp.",
  },
  gpl: { COPYING: text("GPL-3.0-or-later") },
  bsd: { "LICENSE.md": text("BSD-3-Clause").replace("<year> <owner>", "2019, The Regents") },
  modified: {
    LICENSE: MIT.replace(
      /subject\s+to\s+the\s+following\s+conditions:[\s\S]*?THE SOFTWARE IS PROVIDED/,
      "subject to the following conditions: the Software may not be used for commercial purposes, sold, rented or offered as a hosted service, and any modified copy must be sent to the original author within thirty days.\n\nTHE SOFTWARE IS PROVIDED",
    ),
  },
  hostile: {
    LICENSE: { link: "/etc/passwd" },
    "LICENSE-MIT": { link: "../../../../etc/passwd" },
    COPYING: { fifo: true },
    "LICENCE.md": `${SECRET}\n`.repeat(40_000),
  },
};

/** What the stand-in GitHub says of each repository: gpl's disagrees with its COPYING (declared wins). */
const GITHUB_LICENSE: Record<string, string | undefined> = { mit: "MIT", gpl: "MIT" };

describe.runIf(hasNix)(
  `sbom reads licences from sources the real nix added to a store (${nixVersion ?? "absent"})`,
  () => {
    let dir: string;
    let storeUri: string;
    let lock: string;
    let run: Awaited<ReturnType<typeof runCli>>;
    let bom: Bom;
    const component = (name: string): Component => {
      const c = bom.components.find((x) => x["bom-ref"] === `input:${name}`);
      if (c === undefined) throw new Error(`no component ${name}`);
      return c;
    };
    const prop = (name: string, p: string): string[] =>
      (component(name).properties ?? []).filter((x) => x.name === p).map((x) => x.value);

    let gh: FakeGithub | undefined;
    let env: Record<string, string> = {};
    afterAll(async () => gh?.stop());
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), "fa-licences-"));
      const world = new World();
      const revs: Record<string, { rev: string; lastModified: number }> = {};
      for (const name of [...Object.keys(SOURCES), "absent"]) {
        const repo = new GitRepoBuilder(path.join(dir, "git"), `example/${name}`);
        const rev = repo.commit(`${name}: code`);
        revs[name] = { rev, lastModified: Number(repo.git("log", "-1", "--format=%ct")) };
        const license = GITHUB_LICENSE[name];
        world.add({ owner: "example", name, ...(license !== undefined ? { license } : {}) }, repo.read());
      }
      gh = await new FakeGithub(world).start();
      env = { FLAKE_AUDIT_GITHUB_API_URL: gh.url, XDG_CACHE_HOME: path.join(dir, "cache"), HOME: dir };
      const root = path.join(dir, "root");
      storeUri = `local?root=${root}`;
      const nodes: Record<string, unknown> = {};
      const rootInputs: Record<string, string> = {};
      for (const [name, tree] of Object.entries(SOURCES)) {
        const src = path.join(dir, "trees", name, "source");
        mkdirSync(src, { recursive: true });
        for (const [file, content] of Object.entries(tree))
          if (typeof content === "string") writeFileSync(path.join(src, file), content);
          else if ("link" in content) symlinkSync(content.link, path.join(src, file));
        const sh = (cmd: string, args: string[]): string =>
          execFileSync(cmd, args, { env: NIX_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
        const storePath = sh("nix-store", ["--store", storeUri, "--add-fixed", "--recursive", "sha256", src]);
        const hash = parseHash(sh("nix-store", ["--store", storeUri, "--query", "--hash", storePath]));
        if (!hash.ok) throw new Error(hash.error);
        // A compromised store: a FIFO where a licence file would be (no NAR can hold one, so it is made after).
        for (const [file, content] of Object.entries(tree))
          if (typeof content !== "string" && "fifo" in content) {
            const real = path.join(root, storePath);
            chmodSync(real, 0o755);
            execFileSync("mkfifo", [path.join(real, file)]);
            chmodSync(real, 0o555);
          }
        rootInputs[name] = name;
        nodes[name] = {
          locked: {
            type: "github",
            owner: "example",
            repo: name,
            ...revs[name],
            narHash: toSri(hash.value),
          },
          original: { type: "github", owner: "example", repo: name },
        };
      }
      // One source the store does not have.
      rootInputs["absent"] = "absent";
      nodes["absent"] = {
        locked: {
          type: "github",
          owner: "example",
          repo: "absent",
          ...revs["absent"],
          narHash: "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        },
        original: { type: "github", owner: "example", repo: "absent" },
      };
      nodes["root"] = { inputs: rootInputs };
      lock = path.join(dir, "flake.lock");
      writeFileSync(lock, JSON.stringify({ nodes, root: "root", version: 7 }));
      const started = performance.now();
      run = await runCli(["sbom", lock, "--store", storeUri, "--reproducible", "--timeout", "20"], { env });
      console.info(`sbom with licence files from the store: ${(performance.now() - started).toFixed(0)} ms`);
      bom = JSON.parse(run.stdout);
    }, 120_000);

    it("exits 0 and the SBOM passes the CycloneDX schema and cdxgen's validator", async () => {
      expect(run.code, run.stderr).toBe(0);
      expect(await validateBom(run.stdout, "1.6", "json")).toBeNull();
      const r = await cdxValidate(bom);
      expect([r.schemaValid, r.deepValid]).toEqual([true, true]);
    });

    it.each([
      ["mit", "MIT", "file:LICENSE"],
      ["apache", "Apache-2.0", "file:LICENSE.txt"],
      ["gpl", "GPL-3.0-only", "file:COPYING"],
      ["bsd", "BSD-3-Clause", "file:LICENSE.md"],
    ])("%s: its licence file says %s, and the property says where from", (name, id, source) => {
      expect(component(name).licenses).toEqual([{ license: { id } }]);
      expect(prop(name, "flake-audit:license_source")).toEqual([source]);
      expect(prop(name, "flake-audit:license_status")).toEqual([]);
    });

    it("a GNU text says which ids it cannot tell apart", () => {
      expect(prop("gpl", "flake-audit:license_evidence")[0]).toMatch(
        /^file:COPYING: GPL-3\.0-only \(1\.000; the same text as .*GPL-3\.0-or-later/,
      );
    });

    it("copyright lines become the component's copyright, NOTICE included", () => {
      expect(component("mit").copyright).toBe("Copyright (c) 2024 Jane Doe");
      expect(component("apache").copyright).toBe("Copyright 2020-2024 Example Corp.");
      // The FSF's notice on the licence text itself: what the file says, as scanners report it.
      expect(component("gpl").copyright).toBe("Copyright © 2007 Free Software Foundation, Inc. <https://fsf.org/>");
    });

    it("a modified licence is unknown with the nearest text as evidence, never its id", () => {
      expect(component("modified").licenses).toBeUndefined();
      expect(prop("modified", "flake-audit:license_status")[0]).toMatch(
        /^unknown: its licence files match no SPDX licence text/,
      );
      expect(prop("modified", "flake-audit:license_evidence")[0]).toMatch(/^file:LICENSE: unknown/);
    });

    it("a hostile source: links out are not followed, a FIFO is not opened, a huge file is not read, nothing is quoted", () => {
      expect(component("hostile").licenses).toBeUndefined();
      const skipped = prop("hostile", "flake-audit:license_file_skipped").sort();
      expect(skipped).toEqual([
        "COPYING: not a regular file (a FIFO, device, socket or directory)",
        "LICENCE.md: larger than 1048576 bytes",
        expect.stringMatching(/^LICENSE-MIT: a symbolic link (out of the source; not followed|that resolves nowhere)$/),
        "LICENSE: a symbolic link out of the source; not followed",
      ]);
      expect(run.stdout).not.toContain("root:x:0:0");
      expect(run.stderr).not.toContain("root:x:0:0");
    });

    it("a source not in the store: unknown, and one stderr line counts it with what would answer", () => {
      expect(prop("absent", "flake-audit:license_status")).toEqual([
        "unknown: its source is not in the local store (nix flake archive puts it there); not resolved (--resolve)",
      ]);
      const lines = run.stderr.split("\n").filter((l) => l.includes("licence"));
      expect(lines).toEqual([
        `warning: could not learn: the licence of 3 of 7 locked sources: 1 not in the local store ${storeUri} (nix flake archive puts them there), 1 whose licence files could not be read safely, 1 whose licence files match no SPDX licence text, 3 not resolved (--resolve) (each component's flake-audit:license_status says why)`,
      ]);
      expect(bom.metadata.properties).toContainEqual({ name: "flake-audit:license_store", value: storeUri });
    });
    it("--resolve: GitHub's declared licence wins over the files, both are listed, and the status says they disagree", async () => {
      const r = await runCli(["sbom", lock, "--resolve", "--store", storeUri, "--reproducible", "--timeout", "20"], {
        env,
      });
      expect(r.code, r.stderr).toBe(0);
      const resolved: Bom = JSON.parse(r.stdout);
      const gpl = resolved.components.find((c) => c["bom-ref"] === "input:gpl");
      const props = (p: string): string[] => (gpl?.properties ?? []).filter((x) => x.name === p).map((x) => x.value);
      expect(gpl?.licenses).toEqual([{ license: { id: "MIT" } }]);
      expect(props("flake-audit:license_source")).toEqual(["github"]);
      expect(props("flake-audit:license_status")[0]).toMatch(/^disputed: /);
      expect(props("flake-audit:license_evidence")).toEqual([
        expect.stringMatching(/^file:COPYING: GPL-3\.0-only \(1\.000/),
        "github: MIT",
      ]);
      const absent = resolved.components.find((c) => c["bom-ref"] === "input:absent");
      expect(absent?.properties).toContainEqual({
        name: "flake-audit:license_status",
        value:
          "unknown: its source is not in the local store (nix flake archive puts it there); GitHub detects no licence",
      });
    });

    describe("check --policy with allowedLicenses", () => {
      const policy = (allowed: string[]): string => {
        const file = path.join(dir, `policy-${allowed.length}.json`);
        writeFileSync(file, JSON.stringify({ allowedLicenses: allowed }));
        return file;
      };
      const check = (allowed: string[], ...args: string[]) =>
        runCli(
          [
            "check",
            lock,
            "--policy",
            policy(allowed),
            "--store",
            storeUri,
            "--format",
            "json",
            "--now",
            "2024-02-01T00:00:00Z",
            "--timeout",
            "20",
            ...args,
          ],
          // --offline answers from a cache of its own, which nothing has filled.
          { env: args.includes("--offline") ? { ...env, XDG_CACHE_HOME: path.join(dir, "empty-cache") } : env },
        );
      interface Report {
        findings: Array<{ rule: string; input: string; details: { license?: string } }>;
        gaps: Array<{ reason: string }>;
      }
      const licenceFindings = (r: Report): string[] =>
        r.findings.filter((f) => f.rule === "license-not-allowed").map((f) => `${f.input}: ${f.details.license}`);
      const NOT_IN_STORE =
        "its source is not in the local store (nix flake archive puts it there; --store names another)";

      it("--offline, empty cache: the store's files are checked, each input nothing answered is a gap; exit 1 for the findings", async () => {
        const r = await check(["MIT", "Apache-2.0"], "--offline");
        const report: Report = JSON.parse(r.stdout);
        expect(licenceFindings(report)).toEqual(["bsd: BSD-3-Clause", "gpl: GPL-3.0-only"]);
        const reasons = report.gaps.map((g) => g.reason);
        expect(reasons).toContain(
          `licence unknown, allowedLicenses not checked: ${NOT_IN_STORE}; GitHub did not answer (run online, or with a cache that has it)`,
        );
        expect(reasons.some((g) => g.includes("'modified'") || g.includes("match no SPDX licence text"))).toBe(true);
        expect(r.code).toBe(1);
      });

      it("--offline with every found licence allowed: gaps only, exit 0 (offline is a choice)", async () => {
        const r = await check(["MIT", "Apache-2.0", "BSD-3-Clause", "GPL-3.0-only"], "--offline");
        const report: Report = JSON.parse(r.stdout);
        expect(licenceFindings(report)).toEqual([]);
        expect(report.gaps.length).toBeGreaterThan(0);
        expect(r.code).toBe(0);
      });

      it("online: GitHub's licence counts (gpl is MIT there), and an input still unknown makes the run incomplete (exit 4)", async () => {
        const strict = await check(["MIT", "Apache-2.0"]);
        expect(licenceFindings(JSON.parse(strict.stdout))).toEqual(["bsd: BSD-3-Clause"]);
        const r = await check(["MIT", "Apache-2.0", "BSD-3-Clause", "GPL-3.0-only"]);
        const report: Report = JSON.parse(r.stdout);
        expect(report.gaps.map((g) => g.reason)).toContain(
          `licence unknown, allowedLicenses not checked: ${NOT_IN_STORE}; GitHub detects no licence`,
        );
        expect(r.code, r.stderr).toBe(4);
      });

      it("--lock-only: nothing but the lock is read; every input is one gap naming the option, exit 0", async () => {
        const r = await check(["MIT"], "--lock-only");
        const report: Report = JSON.parse(r.stdout);
        expect(licenceFindings(report)).toEqual([]);
        expect(report.gaps.map((g) => g.reason)).toEqual([
          "7 inputs ('absent', 'apache', 'bsd' and 4 more): licence unknown, allowedLicenses not checked: the local store was not read (run without --lock-only); not asked of GitHub (run without --lock-only)",
        ]);
        expect(r.code).toBe(0);
      });
    });
  },
);
