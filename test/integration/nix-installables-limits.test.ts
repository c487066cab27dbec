import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nixInstallableEvaluator } from "../../src/adapters/nix/installable-evaluator.js";
import { buildCli } from "../support/built-cli.js";
import { flakeRepo, LIMITS_FLAKE } from "../support/eval-world.js";
import { testGit } from "../support/lock-update-repo.js";
import { hasNix, NIX_ENV, nixVersion, reportNixSkip } from "../support/nix.js";

reportNixSkip("installable evaluation limits");

const SECRETS = {
  GITHUB_TOKEN: "ghp_limits0secret0token",
  FLAKE_AUDIT_TOKEN: "fa0secret",
  AWS_SECRET_ACCESS_KEY: "aws0secret",
};

/** The running processes whose command line names `needle`: pid, argv, environment and limits, read from /proc. */
function processesNaming(needle: string) {
  const found: Array<{ pid: number; argv: string[]; env: string[]; limits: string }> = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (!argv.some((a) => a.includes(needle))) continue;
      const env = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      found.push({ pid: Number(pid), argv, env, limits: readFileSync(`/proc/${pid}/limits`, "utf8") });
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}

const until = async (what: string, cond: () => boolean, ms = 60_000): Promise<void> => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe.runIf(hasNix)(`evaluation limits with the real nix (${nixVersion ?? "absent"})`, () => {
  const { repo, rev } = flakeRepo("fa-eval-limits-", { "flake.nix": LIMITS_FLAKE });
  const tmpRoot = mkdtempSync(path.join(tmpdir(), "fa-eval-limits-tmp-"));
  const memoryBytes = 1024 ** 3;
  const evaluator = nixInstallableEvaluator({ env: { ...NIX_ENV, ...SECRETS }, tmpRoot, memoryBytes });
  const request = (installables: string[], timeoutMs: number) => ({
    repoDir: repo,
    rev,
    flakeDir: "",
    installables,
    timeoutMs,
  });
  const clean = () => {
    expect(readdirSync(tmpRoot)).toEqual([]);
    expect(testGit(repo, "worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(1);
    expect(processesNaming(tmpRoot)).toEqual([]);
  };

  it("stops nix at the timeout: a gap with the reason, the other installables evaluated", async () => {
    const got = await evaluator.evaluate(request([".#packages.x86_64-linux.slow"], 3000));
    expect(got).toEqual([
      {
        installable: ".#packages.x86_64-linux.slow",
        ok: false,
        error: expect.stringMatching(/did not finish evaluating within 3 s/),
      },
    ]);
    clean();
  });

  it("bounds nix's memory: an evaluation that needs more fails out of memory", async () => {
    const got = await evaluator.evaluate(
      request([".#packages.x86_64-linux.big", ".#packages.x86_64-linux.fine"], 120_000),
    );
    expect(got[0]).toMatchObject({ ok: false, error: expect.stringMatching(/out of memory/) });
    expect(got[1]).toMatchObject({ ok: true });
    clean();
  });

  it("runs nix with no token in its environment, HOME in the checkout's directory, the memory bound; abort removes the worktree", async () => {
    const abort = new AbortController();
    let started = false;
    const running = evaluator.evaluate({
      ...request([".#packages.x86_64-linux.slow"], 120_000),
      signal: abort.signal,
      progress: (m) => {
        if (m.startsWith("evaluating")) started = true;
      },
    });
    const outcome = running.then(
      () => "resolved",
      (e: unknown) => e,
    );
    await until("nix to run", () => started && processesNaming(tmpRoot).some((p) => p.argv[0] === "nix"));
    const nixes = processesNaming(tmpRoot).filter((p) => p.argv[0] === "nix");
    for (const p of nixes) {
      const names = p.env.map((e) => e.split("=")[0]);
      for (const k of [...Object.keys(SECRETS), "NIX_CONFIG"]) expect(names).not.toContain(k);
      for (const v of Object.values(SECRETS)) expect(p.env.join("\n")).not.toContain(v);
      expect(p.env.find((e) => e.startsWith("HOME="))).toMatch(
        new RegExp(`^HOME=${tmpRoot}/flake-audit-eval-[^/]+/home$`),
      );
      expect(p.limits).toMatch(new RegExp(`Max address space\\s+${memoryBytes}\\s+${memoryBytes}\\s+bytes`));
      // CPU seconds, a backstop for a flake-audit that is killed: twice the time left, and 10 s.
      const cpu = Number(/Max cpu time\s+(\d+)\s+\1\s+seconds/.exec(p.limits)?.[1]);
      expect(cpu).toBeGreaterThan(200);
      expect(cpu).toBeLessThanOrEqual(250);
      expect(p.argv).toEqual(
        expect.arrayContaining(["--offline", "allow-import-from-derivation", "accept-flake-config"]),
      );
    }
    abort.abort(new Error("cancelled by the test"));
    expect(await outcome).toMatchObject({ message: "cancelled by the test" });
    await until("nix to end", () => processesNaming(tmpRoot).length === 0, 10_000);
    clean();
  });

  describe("a process interrupted by SIGINT", () => {
    let cli: Awaited<ReturnType<typeof buildCli>>;
    beforeAll(async () => {
      cli = await buildCli();
    });
    afterAll(() => cli.remove());

    it("removes its worktree and kills nix, then exits 130", async () => {
      const script = await cli.script(`
        import { nixInstallableEvaluator } from "./src/adapters/nix/installable-evaluator.ts";
        const [repo, rev, tmpRoot] = process.argv.slice(2);
        const ev = nixInstallableEvaluator({ env: process.env, tmpRoot, memoryBytes: ${memoryBytes} });
        await ev.evaluate({ repoDir: repo, rev, flakeDir: "", installables: [".#packages.x86_64-linux.slow"], timeoutMs: 120000,
          progress: (m) => console.log(m) });
        console.log("finished");
      `);
      const child = spawn(process.execPath, [script, repo, rev, tmpRoot], {
        env: NIX_ENV,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (b: Buffer) => {
        out += b.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      await until(
        "the child's nix to run",
        () => out.includes("evaluating") && processesNaming(tmpRoot).some((p) => p.argv[0] === "nix"),
      );
      child.kill("SIGINT");
      expect(await exited).toBe(130);
      expect(out).not.toContain("finished");
      await until("nix to end", () => processesNaming(tmpRoot).length === 0, 10_000);
      clean();
    });
  });
});
