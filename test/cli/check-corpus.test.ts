import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { CORPUS, hasCorpus } from "../support/paths.js";

const NOW = "2026-11-25";
const LOCKS = path.join(CORPUS, "locks");
const check = (lock: string, format: string) =>
  runCli(["check", lock, "--lock-only", "--now", NOW, "--fail-on", "none", "--format", format], { cwd: LOCKS });

interface Report {
  findings: Array<{ rule: string; input: string; paths: string[]; details: Record<string, unknown> }>;
}
interface LockJson {
  nodes: Record<string, { locked?: Record<string, unknown>; original?: Record<string, unknown> }>;
}

if (!hasCorpus) console.warn(`skipping the corpus check tests: ${CORPUS} does not exist`);

describe.skipIf(!hasCorpus)("check over the real corpus locks", () => {
  // The largest lock of the corpus (257 nodes), whose report the grouping was made for.
  const NYX = "NotAShelf__nyx__14a69a9a72b1.flake.lock";

  it.each([
    ["text", "txt"],
    ["markdown", "md"],
  ])("golden: %s of a 257-node lock", async (format, ext) => {
    const r = await check(NYX, format);
    expect(r.code, r.stderr).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`../golden/check/corpus-nyx.${ext}`);
  });

  it("every lock: one finding per source and rule, each rule explained once, store copies and registry names told apart", async () => {
    const locks = readdirSync(LOCKS).filter((f) => f.endsWith(".lock"));
    for (const f of locks) {
      const [json, text] = [await check(f, "json"), await check(f, "text")];
      if (json.code !== 0) continue;
      const report = JSON.parse(json.stdout) as Report;
      const seen = new Set<string>();
      for (const finding of report.findings) {
        // `unlocked` may say two things of one input; other rules say one.
        if (finding.rule === "unlocked") continue;
        for (const p of finding.paths) {
          expect(seen.has(`${finding.rule} ${p}`), `${f}: ${finding.rule} ${p} twice`).toBe(false);
          seen.add(`${finding.rule} ${p}`);
        }
      }
      const rules = new Set(report.findings.map((x) => x.rule));
      expect(text.stdout.match(/^ {4}why: /gm)?.length ?? 0, f).toBe(rules.size);
      const lock = JSON.parse(readFileSync(path.join(LOCKS, f), "utf8")) as LockJson;
      const storeCopies = Object.values(lock.nodes).filter(
        (n) => n.locked?.["type"] === "path" && String(n.locked["path"]).startsWith("/nix/store/"),
      );
      const localPath = report.findings.filter(
        (x) => x.rule === "unlocked" && String(x.details["path"] ?? "").startsWith("/nix/store/"),
      );
      expect(localPath, `${f}: a store copy called mutable`).toEqual([]);
      if (storeCopies.length > 0) expect(rules.has("registry-copy"), f).toBe(true);
      const registryCommits = Object.values(lock.nodes).filter(
        (n) => n.original?.["type"] === "indirect" && n.locked?.["rev"] !== undefined && n.locked["type"] !== "path",
      );
      if (registryCommits.length > 0) expect(rules.has("indirect-original"), f).toBe(true);
    }
  }, 600_000);
});
