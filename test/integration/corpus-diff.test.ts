import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { CORPUS } from "../support/paths.js";

// Worktrees sit one level deeper than the repository: FLAKE_AUDIT_CORPUS points them at the corpus.
const corpus = process.env["FLAKE_AUDIT_CORPUS"] ?? CORPUS;
const present = existsSync(path.join(corpus, "pairs.tsv"));
if (!present) console.warn(`SKIPPED: corpus diff goldens need the real corpus at ${corpus}; it is not there`);

const NOW = "2026-09-01T00:00:00Z";
/** Real update pairs, each showing one shape: routine releases, a subtree added/removed with its follows, a big removal. */
const PAIRS = [
  [
    "determinate-release",
    "DeterminateSystems__nix-installer__2fe183802efc",
    "DeterminateSystems__nix-installer__ce18fc8624ea",
  ],
  ["hyprland-add-remove", "hyprwm__Hyprland__46b71eda6423", "hyprwm__Hyprland__061981201d09"],
  ["devenv-removals", "cachix__devenv__65b7ea396aff", "cachix__devenv__967a1c310867"],
] as const;

describe.skipIf(!present)("diff goldens over real corpus pairs", () => {
  const lock = (name: string): string => path.join(corpus, "locks", `${name}.flake.lock`);
  it.each(PAIRS.flatMap(([name, a, b]) => (["txt", "md", "json"] as const).map((ext) => [name, ext, a, b] as const)))(
    "%s.%s",
    async (name, ext, a, b) => {
      const format = ext === "txt" ? "text" : ext === "md" ? "markdown" : "json";
      const r = await runCli(["diff", lock(a), lock(b), "--lock-only", "--format", format, "--now", NOW]);
      expect(r.stderr).toBe("");
      // Paths differ between machines; the golden names the files relative to the corpus.
      const out = r.stdout.split(corpus).join("<corpus>");
      await expect(out).toMatchFileSnapshot(`../golden/diff/corpus/${name}.${ext}`);
    },
  );

  it("routine Determinate releases raise no finding", async () => {
    const [, a, b] = PAIRS[0];
    const r = await runCli(["diff", lock(a), lock(b), "--lock-only", "--format", "json", "--fail-on", "high"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { findings: unknown[] }).findings).toEqual([]);
  });
});
