import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { APP_INSTALLABLES, buildEvalWorld } from "../support/eval-world.js";
import { startFakeGithub } from "../support/github/scenario.js";
import type { FakeGithub } from "../support/github/server.js";
import { hasNix, NIX_ENV, nixVersion, reportNixSkip } from "../support/nix.js";

reportNixSkip("pr-review --installable");

const TOKEN = "ghs_prreview0installables0token";

describe.runIf(hasNix)(`pr-review --installable against the stand-in GitHub (${nixVersion ?? "absent"})`, () => {
  let gh: FakeGithub;
  const world = buildEvalWorld();
  beforeAll(async () => {
    ({ gh } = await startFakeGithub());
  });
  afterAll(async () => gh.stop());

  it("comments the packages that change in each installable, evaluated by the real nix, without a token in the report", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fa-pr-installables-"));
    const event = path.join(dir, "event.json");
    writeFileSync(
      event,
      JSON.stringify({ pull_request: { number: 7, base: { sha: world.base }, head: { sha: world.head } } }),
    );
    const summary = path.join(dir, "summary.md");
    const env = {
      ...NIX_ENV,
      GITHUB_EVENT_PATH: event,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_REPOSITORY: "acme/lib",
      GITHUB_TOKEN: TOKEN,
      FLAKE_AUDIT_GITHUB_API_URL: gh.url,
      XDG_CACHE_HOME: path.join(dir, "cache"),
      FLAKE_AUDIT_RETRY_BASE_MS: "1",
    };
    const r = await runCli(
      [
        "pr-review",
        "--lock-only",
        "--now",
        "2026-12-07T00:00:00Z",
        ...APP_INSTALLABLES.flatMap((i) => ["--installable", i]),
      ],
      { cwd: world.app, env },
    );
    expect(r.code, r.stderr).toBe(0);
    const posted = gh.requests.filter((q) => q.method === "POST" && q.url.includes("/issues/7/comments"));
    expect(posted).toHaveLength(1);
    const body = (JSON.parse(posted[0]?.body ?? "{}") as { body?: string }).body ?? "";
    expect(body).toContain("<!-- flake-audit:lock-diff -->");
    for (const installable of APP_INSTALLABLES) expect(body).toContain(`#### \`${installable}\``);
    // Markdown escapes the dots of versions outside code spans.
    const helloRow = "| `hello` | 2\\.12\\.1 | 2\\.12\\.2 |";
    expect(body).toContain(helloRow);
    expect(body).toContain("- `jq 1.7.1`");
    expect(body).toContain("- `ripgrep 14.1.0`");
    expect(readFileSync(summary, "utf8")).toContain(helloRow);
    for (const text of [body, r.stdout, r.stderr, readFileSync(summary, "utf8")]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain("flake-audit-eval-");
    }
  });
});
