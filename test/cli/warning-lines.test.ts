import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

/**
 * A warning quotes outside text (an input name from the lock). In a GitHub Actions run every stderr
 * line that starts with `::` is a workflow command, so a newline in a name must never start a line.
 */
const FORGED = "a\n::error title=forged::all clear\n::stop-commands::x";

function lockWithUnlockedInput(name: string): string {
  const lock = {
    nodes: {
      root: { inputs: { [name]: name } },
      [name]: {
        locked: { type: "github", owner: "acme", repo: "lib" },
        original: { type: "github", owner: "acme", repo: "lib" },
      },
    },
    root: "root",
    version: 7,
  };
  const dir = mkdtempSync(path.join(tmpdir(), "fa-warn-"));
  const file = path.join(dir, "flake.lock");
  writeFileSync(file, JSON.stringify(lock));
  return file;
}

describe("warnings are one line each, whatever the lock says", () => {
  it("an input name with newlines cannot start a workflow command on stderr", async () => {
    const lock = lockWithUnlockedInput(FORGED);
    const r = await runCli(["sbom", lock, "--reproducible"], { env: {} });
    expect(r.stderr).toContain("warning:");
    for (const line of r.stderr.split("\n")) expect(line).not.toMatch(/^\s*::/);
  });
});
