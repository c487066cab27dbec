import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { FIXTURES, REPO } from "../support/paths.js";

const C = path.join(FIXTURES, "closure");
const LOCK = path.join(C, "app.flake.lock");
const CLOSURE = path.join(C, "list-2.8", "app-closure.json");
const DATA = "/nix/store/10q2fdsdvdsr8nzvqs7vv5mjvf432hdg-source";

describe("flake-audit trace", () => {
  it("answers in text by default, exit 0", async () => {
    const r = await runCli(["trace", DATA, "--lock", LOCK, "--closure", CLOSURE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("supplied by input:");
    expect(r.stdout).toContain("• data:");
  });

  it("says it cannot tell a build output's inputs without its closure or derivations: a gap naming the options, exit 0", async () => {
    const app = (JSON.parse(readFileSync(CLOSURE, "utf8")) as Array<{ path: string }>).find((e) =>
      e.path.endsWith("-app-2.1"),
    )?.path;
    const json = await runCli(["trace", app ?? "", "--lock", LOCK, "--format", "json"]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      attribution: string;
      gaps: Array<{ reason: string; options?: string[] }>;
    };
    expect(report.attribution).toBe("unknown");
    expect(report.gaps.map((g) => g.options)).toEqual([["--closure-of", "--closure", "--derivations"]]);
    const text = await runCli(["trace", app ?? "", "--lock", LOCK]);
    expect(text.stdout).not.toContain("not from any locked input");
    expect(text.stdout).toContain("cannot tell whether it comes from a locked input");
    expect(text.stdout).toContain("pass --closure-of");
    // With the closure, it is attributed.
    const closed = await runCli(["trace", app ?? "", "--lock", LOCK, "--closure", CLOSURE, "--format", "json"]);
    expect((JSON.parse(closed.stdout) as { attribution: string }).attribution).toBe("build");
  });

  it("exits 0 when the path is not in the closure data, and says it cannot tell", async () => {
    const r = await runCli([
      "trace",
      "/nix/store/3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d-ghost-0.1",
      "--lock",
      LOCK,
      "--closure",
      CLOSURE,
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { attribution: string }).attribution).toBe("unknown");
  });

  it("reads the closure from stdin", async () => {
    const r = await runCli(["trace", DATA, "--lock", LOCK, "--closure", "-", "--format", "json"], {
      stdin: readFileSync(CLOSURE, "utf8"),
    });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { chain: string[] }).chain.length).toBe(4);
  });

  it("works without a lock in the current directory, saying so", async () => {
    const r = await runCli(["trace", DATA, "--closure", CLOSURE], { cwd: C });
    expect(r.code).toBe(0);
    // Wrapped at 80 columns: compare with the line breaks folded.
    expect(r.stdout.replace(/\s+/g, " ")).toContain("no flake.lock here");
  });

  it.each([
    [["trace", "not-a-store-path", "--lock", LOCK], 3, "is not a store path"],
    [["trace", DATA, "--lock", path.join(REPO, "nope.lock")], 3, "no such file"],
    [
      ["trace", DATA, "--lock", LOCK, "--closure", path.join(FIXTURES, "flake-lock", "valid", "follows-chain.lock")],
      3,
      "unknown path-info shape",
    ],
    [["trace", DATA, "--closure", CLOSURE, "--closure-of", DATA], 2, "mutually exclusive"],
    [["trace"], 2, "Not enough non-option arguments"],
  ])("%j exits %i", async (argv, code, text) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(text);
  });
});

describe("flake-audit sbom with a closure", () => {
  it("needs no lock when a closure is given and there is no ./flake.lock", async () => {
    const r = await runCli(["sbom", "--closure", CLOSURE, "--reproducible"], { cwd: C });
    expect(r.code).toBe(0);
    const bom = JSON.parse(r.stdout) as { components: unknown[] };
    expect(bom.components.length).toBe(5);
  });

  it("reports bad closure data with exit 3 and writes nothing", async () => {
    const r = await runCli(["sbom", LOCK, "--closure", LOCK]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
  });

  it("reports a missing nix clearly (exit 3)", async () => {
    const r = await runCli(["sbom", LOCK, "--closure-of", DATA], { env: { PATH: "/nonexistent" } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("the nix command is not installed");
  });
});
