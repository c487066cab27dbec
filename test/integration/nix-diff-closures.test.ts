import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { lockFixture } from "../support/paths.js";
import { hasNix, nix, nixVersion, reportNixSkip } from "../support/nix.js";

reportNixSkip("nix store diff-closures integration");

/**
 * Two closures built with the real Nix, over packages whose names exercise Nix's name/version split
 * (an output-name suffix, `-lib64`, no version), several versions of one name, a size change under
 * 8 KiB (not printed) and one that rounds half to even (8.25 KiB prints as 8.2).
 */
const closure = (tag: string, pkgs: ReadonlyArray<readonly [string, number]>): string => `
let
  mk = name: size: derivation {
    inherit name; system = builtins.currentSystem; builder = "/bin/sh"; PATH = "/bin:/usr/bin";
    args = [ "-c" "mkdir $out; printf '%\${toString size}s' '' > $out/blob" ];
  };
  deps = [ ${pkgs.map(([name, size]) => `(mk "${name}" ${size})`).join(" ")} ];
in derivation {
  name = "root-${tag}"; system = builtins.currentSystem; builder = "/bin/sh"; PATH = "/bin:/usr/bin";
  args = [ "-c" "echo \${toString deps} > $out" ];
}
`;

const OLD = [
  ["rel-1.0-rc", 100],
  ["bash-interactive", 200],
  ["big-1.0", 20000],
  ["small-1.0", 104],
  ["tie-1", 800],
  ["gone-2.0", 3000],
  ["multi-1.0", 10],
  ["multi-2.0", 20],
  ["zlib-1.2-lib64", 40],
] as const;
const NEW = [
  ["rel-1.1-rc", 100],
  ["bash-5.2-interactive", 200],
  ["big-1.0", 40000],
  ["small-1.0", 5000],
  ["tie-1", 800 + 8448],
  ["new-0.1", 50000],
  ["multi-2.0", 20],
  ["multi-3.0", 30],
  ["zlib-1.3-lib64", 40],
] as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: Nix colours sizes on a terminal
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, "");

describe.runIf(hasNix)(`closure diff against \`nix store diff-closures\` (${nixVersion ?? "absent"})`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-diff-closures-"));
  const out: Record<"old" | "new", string> = { old: "", new: "" };
  beforeAll(() => {
    for (const [side, pkgs] of [
      ["old", OLD],
      ["new", NEW],
    ] as const) {
      const expr = path.join(dir, `${side}.nix`);
      writeFileSync(expr, closure(side, pkgs));
      out[side] = nix("nix-build", ["--no-out-link", expr]).trim();
      writeFileSync(path.join(dir, `${side}.json`), nix("nix", ["path-info", "--json", "--recursive", out[side]]));
    }
  }, 300_000);

  it("prints the lines Nix prints, in its order and wording", async () => {
    const fromNix = stripAnsi(
      nix("nix", ["store", "diff-closures", "--extra-experimental-features", "nix-command", out.old, out.new]),
    )
      .trimEnd()
      .split("\n");
    const lock = lockFixture("valid", "no-inputs.lock");
    const r = await runCli([
      "diff",
      lock,
      lock,
      "--lock-only",
      "--closure-old",
      path.join(dir, "old.json"),
      "--closure-new",
      path.join(dir, "new.json"),
    ]);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    const start = lines.findIndex((l) => l.startsWith("Closure ("));
    const mine = lines.slice(start + 1, lines.indexOf("", start));
    expect(fromNix).toContain("tie: +8.2 KiB");
    expect(fromNix).toContain("rel: 1.0 → 1.1");
    expect(fromNix).toContain("bash: ε → 5.2");
    expect(mine).toEqual(fromNix);
  });

  it("JSON keeps the size changes Nix does not print", async () => {
    const lock = lockFixture("valid", "no-inputs.lock");
    const r = await runCli([
      "diff",
      lock,
      lock,
      "--lock-only",
      "--format",
      "json",
      "--closure-old",
      path.join(dir, "old.json"),
      "--closure-new",
      path.join(dir, "new.json"),
    ]);
    const report = JSON.parse(r.stdout) as {
      closure: { packages: Array<{ name: string; sizeDelta: number; shownByNix: boolean }> };
    };
    expect(report.closure.packages.find((p) => p.name === "small")).toMatchObject({
      sizeDelta: 4896,
      shownByNix: false,
    });
  });
});
