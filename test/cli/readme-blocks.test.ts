import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { transform } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "../support/paths.js";

// Every code block of the README is run here, or says above it why it cannot be:
// `<!-- readme-block: no-run: REASON -->`. Shell blocks run with the built CLI (dist/bin) as
// `flake-audit` in a copy of the repository's files; TypeScript and JavaScript blocks run against the
// built library (dist/, imported as "flake-audit"); `<!-- readme-block: policy -->` YAML is checked as
// a policy by `flake-audit check`. Anything else fails: a new block must be run or say why not.

interface Block {
  readonly line: number;
  readonly lang: string;
  readonly marker?: string;
  readonly body: string;
}

function blocksOf(markdown: string): Block[] {
  const lines = markdown.split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)/.exec(lines[i] ?? "");
    if (open === null) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith("```"));
    if (end < 0) throw new Error(`README.md:${i + 1}: a code block that never closes`);
    let k = i - 1;
    while (k >= 0 && lines[k]?.trim() === "") k--;
    const marker = /^<!-- readme-block: (.+?) -->$/.exec(lines[k] ?? "")?.[1];
    blocks.push({
      line: i + 1,
      lang: open[1] ?? "",
      ...(marker !== undefined ? { marker } : {}),
      body: lines.slice(i + 1, end).join("\n"),
    });
    i = end;
  }
  return blocks;
}

const CLI = path.join(REPO, "dist", "bin", "flake-audit.js");
const LIB = path.join(REPO, "dist", "index.js");
const built = existsSync(CLI) && existsSync(LIB);
const work = mkdtempSync(path.join(tmpdir(), "fa-readme-"));
// Library blocks live inside the repository so that "flake-audit" resolves to this package's own exports.
const scripts = path.join(REPO, "build", `readme-blocks-${process.pid}`);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(scripts, { recursive: true, force: true });
});

/** A directory with the repository's flake.lock and fixtures, and `flake-audit` on PATH. */
function sandbox(name: string): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = path.join(work, name);
  const bin = path.join(cwd, ".bin");
  mkdirSync(bin, { recursive: true });
  copyFileSync(path.join(REPO, "flake.lock"), path.join(cwd, "flake.lock"));
  symlinkSync(path.join(REPO, "fixtures"), path.join(cwd, "fixtures"));
  writeFileSync(path.join(bin, "flake-audit"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(path.join(bin, "flake-audit"), 0o755);
  // No network: GitHub is a refused port, and every block here is lock-only anyway.
  const env = { PATH: `${bin}:${process.env["PATH"] ?? ""}`, HOME: cwd, XDG_CACHE_HOME: path.join(cwd, ".cache") };
  return { cwd, env: { ...env, GITHUB_API_URL: "http://127.0.0.1:9", NO_COLOR: "1" } };
}

const run = (command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }) =>
  spawnSync(command, args, { ...opts, encoding: "utf8", timeout: 60_000 });

const blocks = blocksOf(readFileSync(path.join(REPO, "README.md"), "utf8"));
const kind = (b: Block): "skip" | "policy" | "library" | "shell" | "unmarked" => {
  if (b.marker?.startsWith("no-run:") === true) return "skip";
  if (b.marker === "policy") return "policy";
  if (b.marker === undefined && ["ts", "js", "typescript", "javascript"].includes(b.lang)) return "library";
  if (b.marker === undefined && ["sh", "bash", "shell"].includes(b.lang)) return "shell";
  return "unmarked";
};

describe("README code blocks", () => {
  it("every block is run here or marked no-run with a reason; each kind that runs has a block", () => {
    const unmarked = blocks.filter((b) => kind(b) === "unmarked").map((b) => `README.md:${b.line} (${b.lang})`);
    expect(unmarked).toEqual([]);
    for (const b of blocks.filter((x) => kind(x) === "skip"))
      expect(b.marker?.slice("no-run:".length).trim().length, `README.md:${b.line}`).toBeGreaterThan(5);
    expect(new Set(blocks.map(kind))).toEqual(new Set(["skip", "policy", "library", "shell"]));
  });

  it("dist/ is built (npm run build) so that blocks run against what users get", () => {
    expect(built, "dist/index.js and dist/bin/flake-audit.js: run `npm run build`").toBe(true);
  });

  describe.runIf(built)("run", () => {
    it.each(blocks.filter((b) => kind(b) === "shell").map((b) => [b.line, b] as const))(
      "shell block at line %i runs with exit 0",
      (line, b) => {
        const box = sandbox(`sh-${line}`);
        const r = run("/bin/sh", ["-e", "-c", b.body], box);
        expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
        expect(r.stderr).not.toMatch(/internal error|Unknown argument|invalid input/);
      },
    );

    it.each(blocks.filter((b) => kind(b) === "library").map((b) => [b.line, b] as const))(
      "library block at line %i runs against dist/ and prints what it promises",
      async (line, b) => {
        const { code } = await transform(b.body, { loader: "ts", format: "esm" });
        mkdirSync(scripts, { recursive: true });
        const file = path.join(scripts, `block-${line}.mjs`);
        writeFileSync(file, code);
        const box = sandbox(`lib-${line}`);
        const r = run(process.execPath, [file], box);
        expect(r.status, r.stderr).toBe(0);
        const lines = r.stdout.trim().split("\n");
        expect(lines.length).toBeGreaterThan(0);
        // An input path and a store path, never an object dump.
        for (const l of lines) expect(l).toMatch(/^\S+ \/nix\/store\/[0-9a-df-np-sv-z]{32}-[^\s]+$/);
      },
    );

    it.each(blocks.filter((b) => kind(b) === "policy").map((b) => [b.line, b] as const))(
      "policy block at line %i is a valid policy for check",
      (line, b) => {
        const box = sandbox(`policy-${line}`);
        writeFileSync(path.join(box.cwd, "policy.yaml"), b.body);
        const r = run(process.execPath, [CLI, "check", "--lock-only", "--policy", "policy.yaml"], box);
        expect([0, 1], r.stderr).toContain(r.status);
        expect(r.stdout).toMatch(/policy: policy\.yaml/);
      },
    );
  });
});
