import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nixInstallableEvaluator } from "../../src/adapters/nix/installable-evaluator.js";
import type { InstallableEvaluation } from "../../src/app/installable-ports.js";
import { flakeRepo } from "../support/eval-world.js";
import { hostileFlake } from "../support/hostile-flake.js";
import { testGit } from "../support/lock-update-repo.js";
import { hasNix, NIX_ENV, nix, nixVersion, reportNixSkip } from "../support/nix.js";

reportNixSkip("hostile flake evaluation");

const TOKEN = "ghp_hostile0test0token0must0not0leak";
const PASSWD_LINE = /^root:[^:\n]*:0:0:/m;
const TRUSTED_SETTINGS = path.join(homedir(), ".local/share/nix/trusted-settings.json");
const readIf = (f: string): string | undefined => (existsSync(f) ? readFileSync(f, "utf8") : undefined);

describe.runIf(hasNix)(`a hostile flake evaluated by the real nix (${nixVersion ?? "absent"})`, () => {
  const requests: string[] = [];
  let server: Server;
  const tmpRoot = mkdtempSync(path.join(tmpdir(), "fa-hostile-tmp-"));
  const hook = path.join(tmpRoot, "..", `fa-hostile-hook-${process.pid}`);
  const trustedBefore = readIf(TRUSTED_SETTINGS);
  let got: InstallableEvaluation[] = [];
  let repo = "";
  let ifd = { drvPath: "", outPath: "" };
  const byName = (n: string) => got.find((g) => g.installable === `.#packages.x86_64-linux.${n}`);
  const errorOf = (n: string) => {
    const g = byName(n);
    return g?.ok === false ? g.error : `evaluated: ${JSON.stringify(g)}`;
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.end("payload");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { files } = hostileFlake(url, hook);
    const made = flakeRepo("fa-hostile-", files);
    repo = made.repo;
    // The paths the import-from-derivation would build, computed apart (evaluation only, nothing built).
    // (A list: a set with outPath would print as that string.)
    const [drvPath, outPath] = JSON.parse(
      nix("nix-instantiate", [
        "--eval",
        "--json",
        "--strict",
        "--expr",
        `let d = import ${repo}/ifd.nix; in [ d.drvPath d.outPath ]`,
      ]),
    ) as [string, string];
    ifd = { drvPath, outPath };
    process.env["GITHUB_TOKEN"] = TOKEN;
    const evaluator = nixInstallableEvaluator({ env: { ...NIX_ENV, GITHUB_TOKEN: TOKEN }, tmpRoot });
    got = await evaluator.evaluate({
      repoDir: repo,
      rev: made.rev,
      flakeDir: "",
      installables: ["ifd", "ifdRead", "passwd", "passwdString", "token", "download", "tarball", "git", "fine"].map(
        (n) => `.#packages.x86_64-linux.${n}`,
      ),
      timeoutMs: 120_000,
    });
  }, 180_000);
  afterAll(() => {
    delete process.env["GITHUB_TOKEN"];
    server.close();
  });

  it("builds nothing: import-from-derivation is refused, its output never realised, no build log", () => {
    expect(errorOf("ifd")).toMatch(/allow-import-from-derivation/);
    expect(errorOf("ifdRead")).toMatch(/allow-import-from-derivation/);
    expect(ifd.outPath).toMatch(/^\/nix\/store\/[a-z0-9]{32}-ifd-[0-9a-f]{12}$/);
    expect(existsSync(ifd.outPath)).toBe(false);
    const base = path.basename(ifd.drvPath);
    expect(existsSync(path.join("/nix/var/log/nix/drvs", base.slice(0, 2), `${base.slice(2)}.bz2`))).toBe(false);
    expect(existsSync(`${hook}.ifd-ran`)).toBe(false);
  });

  it("applies none of its nixConfig: no substituter asked, no hook, no setting remembered", () => {
    expect(requests).toEqual([]);
    expect(existsSync(hook)).toBe(false);
    expect(readIf(TRUSTED_SETTINGS)).toEqual(trustedBefore);
    expect(byName("fine")).toMatchObject({ ok: true });
  });

  it("reads neither /etc/passwd nor GITHUB_TOKEN, and downloads nothing", () => {
    expect(errorOf("passwd")).toMatch(/forbidden in pure eval mode/);
    expect(errorOf("passwdString")).toMatch(/forbidden in pure eval mode/);
    const token = byName("token");
    if (token?.ok !== true) throw new Error(`token: ${JSON.stringify(token)}`);
    const drv = token.derivations.byPath.get(token.roots[0] ?? "");
    expect(drv?.env.get("t")).toBe("");
    expect(drv?.env.get("home")).toBe("");
    expect(readFileSync(token.roots[0] ?? "", "utf8")).not.toContain(TOKEN);
    for (const n of ["download", "tarball", "git"]) expect(errorOf(n)).not.toMatch(/^evaluated/);
    expect(requests).toEqual([]);
  });

  it("leaks nothing into the results or errors, and leaves no worktree", () => {
    const text = JSON.stringify(got);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(PASSWD_LINE);
    expect(text).not.toContain(tmpRoot);
    for (const g of got) if (!g.ok) expect(g.error.length).toBeLessThan(4200);
    expect(readdirSync(tmpRoot)).toEqual([]);
    expect(testGit(repo, "worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(1);
  });
});
