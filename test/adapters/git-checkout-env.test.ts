import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveCommit } from "../../src/adapters/git-checkout.js";

// git checks out a pull request's commit for review impact: it gets an allow-list of the environment,
// never the token diff and pr-review hold, nor variables that point it at another repository.
describe("the environment git is given by review impact", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("has PATH and HOME, and no token, GIT_DIR or GIT_CONFIG_* of the parent", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fa-git-env-"));
    const dump = path.join(dir, "env.txt");
    // A stand-in git that records its environment and answers rev-parse with a commit id.
    writeFileSync(path.join(dir, "git"), `#!/bin/sh\nenv > '${dump}'\necho 0123456789abcdef0123456789abcdef01234567\n`);
    chmodSync(path.join(dir, "git"), 0o755);
    process.env["PATH"] = `${dir}:${saved["PATH"] ?? ""}`;
    process.env["GITHUB_TOKEN"] = "ghp_secret_token_value";
    process.env["GIT_DIR"] = "/elsewhere/.git";
    process.env["GIT_CONFIG_COUNT"] = "1";
    expect(await resolveCommit(dir, "main")).toBe("0123456789abcdef0123456789abcdef01234567");
    const env = readFileSync(dump, "utf8");
    expect(env).toMatch(/^PATH=/m);
    expect(env).toMatch(/^GIT_TERMINAL_PROMPT=0$/m);
    expect(env).not.toContain("ghp_secret_token_value");
    expect(env).not.toMatch(/^GIT_DIR=/m);
    expect(env).not.toMatch(/^GIT_CONFIG_COUNT=/m);
  });
});
