import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { lockText } from "../support/diff-scenarios.js";

// A FlakeHub input is named by its release (OWNER/NAME@RELEASE) in text and Markdown, not by the
// 150-character tarball URL; JSON keeps the URL.
const NAR = (n: number): string => `sha256-${Buffer.alloc(32, n).toString("base64")}`;
const pinned = (version: string, uuid: string): string =>
  `https://api.flakehub.com/f/pinned/NixOS/nixpkgs/${encodeURIComponent(version)}/${uuid}/source.tar.gz`;
const OLD_URL = pinned("0.2405.1+rev-aaaa", "018f0000-0000-7000-8000-000000000001");
const NEW_URL = pinned("0.2405.2+rev-bbbb", "018f0000-0000-7000-8000-000000000002");
const UNPINNED = "https://flakehub.com/f/edolstra/flake-compat/1.1.0.tar.gz";
const tarball = (url: string, n: number, original = "https://flakehub.com/f/NixOS/nixpkgs/0.2405.*.tar.gz") => ({
  locked: { lastModified: 1717200000 + n * 86400, narHash: NAR(n), type: "tarball", url },
  original: { type: "tarball", url: original },
});
const dir = mkdtempSync(path.join(tmpdir(), "fa-diff-flakehub-"));
writeFileSync(
  path.join(dir, "old.lock"),
  lockText({ root: { inputs: { nixpkgs: "nixpkgs" } }, nixpkgs: tarball(OLD_URL, 1) }),
);
writeFileSync(
  path.join(dir, "new.lock"),
  lockText({
    root: { inputs: { nixpkgs: "nixpkgs", compat: "compat" } },
    nixpkgs: tarball(NEW_URL, 2),
    compat: tarball(UNPINNED, 3, UNPINNED),
  }),
);
const diff = (format: string) =>
  runCli(["diff", "old.lock", "new.lock", "--lock-only", "--format", format, "--now", "2024-07-01"], { cwd: dir });

describe("diff names FlakeHub inputs by release", () => {
  it("text: OWNER/NAME@RELEASE, old → new, and no tarball URL", async () => {
    const r = await diff("text");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      "    'NixOS/nixpkgs@0.2405.1+rev-aaaa (2024-06-02)'\n  → 'NixOS/nixpkgs@0.2405.2+rev-bbbb (2024-06-03)'",
    );
    expect(r.stdout).toContain("'edolstra/flake-compat@1.1.0 (2024-06-04)'");
    expect(r.stdout).not.toContain("flakehub.com");
  });

  it("Markdown: the release names, with a link to the release page", async () => {
    const r = await diff("markdown");
    expect(r.stdout).toContain("`NixOS/nixpkgs@0.2405.1+rev-aaaa` → `NixOS/nixpkgs@0.2405.2+rev-bbbb`");
    expect(r.stdout).toContain("[release](https://flakehub.com/flake/NixOS/nixpkgs/0.2405.2%2Brev-bbbb)");
    expect(r.stdout).toContain("`edolstra/flake-compat@1.1.0`");
    expect(r.stdout).not.toContain("api.flakehub.com");
  });

  it("JSON keeps the locked URLs", async () => {
    const r = await diff("json");
    const report = JSON.parse(r.stdout) as { changes: Array<{ old?: { url: string }; new?: { url: string } }> };
    expect(report.changes.map((c) => c.new?.url)).toEqual(expect.arrayContaining([NEW_URL, UNPINNED]));
    expect(report.changes.find((c) => c.new?.url === NEW_URL)?.old?.url).toBe(OLD_URL);
  });

  it("a FlakeHub-looking URL with names outside the strict patterns is shown as it is", async () => {
    const odd = "https://api.flakehub.com/f/pinned/a%20b/c/1.0/018f0000-0000-7000-8000-000000000003/source.tar.gz";
    writeFileSync(path.join(dir, "odd.lock"), lockText({ root: { inputs: { x: "x" } }, x: tarball(odd, 4, odd) }));
    const r = await runCli(["diff", "old.lock", "odd.lock", "--lock-only", "--now", "2024-07-01"], { cwd: dir });
    expect(r.stdout.replace(/\n {2,}/g, " ")).toContain(`'${odd} (2024-06-05)'`);
  });
});
