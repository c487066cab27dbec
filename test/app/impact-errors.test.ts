import { describe, expect, it } from "vitest";
import { evaluateImpact } from "../../src/app/impact.js";
import type { InstallableEvaluator } from "../../src/app/installable-ports.js";
import { nodeFiles } from "../../src/adapters/fs.js";

// An evaluator (the port's contract, no nix) whose installable fails at both revisions with
// different errors: the report must carry both, each named by its side.
const failingAt = (errors: Record<string, string>): InstallableEvaluator => ({
  evaluate: async (r) => r.installables.map((installable) => ({ installable, ok: false, error: errors[r.rev] ?? "?" })),
});

describe("an installable that fails at both sides", () => {
  it("keeps the head's error after a long base error, each side named", async () => {
    const base = `error: ${"x".repeat(3000)}`;
    const { section, gaps } = await evaluateImpact(
      {
        installables: [".#web"],
        repoDir: ".",
        flakeDir: "",
        old: "base-rev",
        new: "head-rev",
        jobs: 1,
        timeoutMs: 1000,
      },
      failingAt({ "base-rev": base, "head-rev": "error: attribute 'web' missing at head" }),
      nodeFiles(async () => "", process.cwd()),
    );
    const r = section.installables[0];
    expect(r?.status).toBe("failed");
    const error = r !== undefined && r.status === "failed" ? r.error : "";
    expect(error).toMatch(/^base: error: x+… \(cut\)\nhead: error: attribute 'web' missing at head$/);
    expect(gaps[0]?.reason).toContain("attribute 'web' missing at head");
  });
});
