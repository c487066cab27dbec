import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

/**
 * Hostile lock shapes from the "Trust" issue. Each must be linear in the input or refused (exit 3,
 * saying where) in about a second; the bound is generous for a shared 2-core machine. Timed through
 * the CLI in process, so the whole path (parse, checks, inventory, render) is covered.
 */
const BOUND_MS = 5_000;
const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-limits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";
const leaf = (p: string) => ({
  locked: { type: "path", path: p, narHash: NAR, lastModified: 1 },
  original: { type: "path", path: p },
});

function write(name: string, lock: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof lock === "string" ? lock : JSON.stringify(lock));
  return file;
}

async function timed(argv: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  const r = await runCli(argv);
  return { ...r, ms: performance.now() - started };
}

/** The root's inputs a0…a(n-1), each following the next; the last follows `last`. */
function followsChain(n: number, last: string | string[]): unknown {
  const inputs: Record<string, unknown> = {};
  for (let i = 0; i < n - 1; i++) inputs[`a${i}`] = [`a${i + 1}`];
  inputs[`a${n - 1}`] = last;
  return { nodes: { root: { inputs }, leaf: leaf("/leaf") }, root: "root", version: 7 };
}

/** Nodes n0 → n1 → … → n(depth-1), each the only input `x` of the one before. */
function inputChain(depth: number): unknown {
  const nodes: Record<string, unknown> = { root: { inputs: { x: "n0" } } };
  for (let i = 0; i < depth; i++)
    nodes[`n${i}`] = { ...leaf(`/n${i}`), ...(i + 1 < depth ? { inputs: { x: `n${i + 1}` } } : {}) };
  return { nodes, root: "root", version: 7 };
}

describe("lock limits (issue Trust)", () => {
  it("a 2,001-entry follows cycle is refused with exit 3, naming the cycle, in about a second", async () => {
    const file = write("cycle.lock", followsChain(2001, ["a0"]));
    const r = await timed(["sbom", file]);
    expect(r.code, r.stderr.slice(0, 500)).toBe(3);
    expect(r.stderr).toMatch(/\/nodes\/root\/inputs\/a\d+: follows cycle: (a\d+ -> ){4}… \(1995 more\)( -> a\d+){3}\n/);
    expect(r.stderr.length).toBeLessThan(200_000);
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it("a 50,000-step follows chain resolves (exit 0), linearly", async () => {
    const file = write("chain.lock", followsChain(50_000, "leaf"));
    const r = await timed(["sbom", file, "--reproducible"]);
    expect(r.code, r.stderr.slice(0, 500)).toBe(0);
    const bom = JSON.parse(r.stdout) as { components: Array<{ properties: Array<{ name: string }> }> };
    expect(bom.components).toHaveLength(1);
    expect(bom.components[0]?.properties.filter((p) => p.name === "flake-audit:input_path")).toHaveLength(50_000);
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it.each([8_000, 50_000])("an %i-deep chain of inputs is refused with exit 3 at the depth limit", async (depth) => {
    const file = write(`deep-${depth}.lock`, inputChain(depth));
    const r = await timed(["sbom", file]);
    expect(r.code, r.stderr.slice(0, 500)).toBe(3);
    expect(r.stderr).toContain("/nodes/n99/inputs: the inputs of 'x/x/x/x/… (93 more)/x/x/x' would be 101 names deep");
    expect(r.stderr).toContain("flake-audit reads input paths of at most 100 names");
    expect(r.stdout).toBe("");
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it("a chain of inputs 100 deep, the limit, is read", async () => {
    const r = await timed(["sbom", write("deep-100.lock", inputChain(100)), "--reproducible"]);
    expect(r.code, r.stderr.slice(0, 500)).toBe(0);
  });

  it.each([5_000, 200_000])("JSON nested %i deep in a flake.lock is refused with exit 3 and line:column", async (n) => {
    const deep = `${"[".repeat(n)}${"]".repeat(n)}`;
    const text = `{"nodes": {"root": {"inputs": {"a": "a"}}, "a": {"locked": {"type": "path", "path": "/x", "extra": ${deep}}, "original": {"type": "path", "path": "/x"}}}, "root": "root", "version": 7}`;
    const r = await timed(["sbom", write(`nested-${n}.lock`, text)]);
    expect(r.code, r.stderr.slice(0, 500)).toBe(3);
    expect(r.stderr).toMatch(/nested-\d+\.lock:1:\d+: the JSON nests deeper than 100 arrays and objects here/);
    expect(r.ms).toBeLessThan(BOUND_MS);
  });
});
