import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli } from "../support/built-cli.js";
import { APP_INSTALLABLES, buildEvalWorld } from "../support/eval-world.js";
import { startFakeGithub } from "../support/github/scenario.js";
import type { FakeGithub } from "../support/github/server.js";
import { hasNix, nixVersion, reportNixSkip } from "../support/nix.js";

reportNixSkip("the Action with installables");

describe.runIf(hasNix)(`the Action with the installables input, the real nix (${nixVersion ?? "absent"})`, () => {
  let gh: FakeGithub;
  let cli: Awaited<ReturnType<typeof buildCli>>;
  let entry = "";
  const world = buildEvalWorld();
  beforeAll(async () => {
    ({ gh } = await startFakeGithub());
    cli = await buildCli();
    // The Action's entry built from the sources (the committed bundle is rebuilt by `npm run bundle`).
    entry = await cli.script(`import "./src/action.ts";`);
  }, 120_000);
  afterAll(async () => {
    cli.remove();
    await gh.stop();
  });

  it("runs pr-review with each line as an installable and comments what changes in their packages", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fa-action-installables-"));
    const event = path.join(dir, "event.json");
    writeFileSync(
      event,
      JSON.stringify({ pull_request: { number: 7, base: { sha: world.base }, head: { sha: world.head } } }),
    );
    // What the runner gives a node24 action: a clean environment, inputs as INPUT_*, cwd = the workspace.
    const env = {
      PATH: process.env["PATH"] ?? "",
      HOME: dir,
      XDG_CACHE_HOME: path.join(dir, "cache"),
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: world.app,
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: event,
      GITHUB_STEP_SUMMARY: path.join(dir, "summary.md"),
      GITHUB_OUTPUT: path.join(dir, "output"),
      GITHUB_REPOSITORY: "acme/lib",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_API_URL: gh.url,
      GITHUB_GRAPHQL_URL: `${gh.url}/graphql`,
      GITHUB_TOKEN: "ghs_workflowenv",
      FLAKE_AUDIT_RETRY_BASE_MS: "1",
      "INPUT_GITHUB-TOKEN": "ghs_actiontoken",
      "INPUT_FAIL-ON": "none",
      "INPUT_LOCK-ONLY": "true",
      INPUT_COMMENT: "true",
      INPUT_INSTALLABLES: `# the hosts and packages we ship\n${APP_INSTALLABLES.join("\n")}\n`,
    };
    const r = await promisify(execFile)(process.execPath, [entry], { cwd: world.app, env, encoding: "utf8" }).then(
      (o) => ({ code: 0, out: o.stdout + o.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({
        code: e.code ?? -1,
        out: `${e.stdout}${e.stderr}`,
      }),
    );
    expect(r.code, r.out).toBe(0);
    expect(readFileSync(env.GITHUB_OUTPUT, "utf8")).toBe("exit-code=0\n");
    const posted = gh.requests.filter((q) => q.method === "POST" && q.url.includes("/issues/7/comments"));
    expect(posted).toHaveLength(1);
    expect(posted[0]?.authorization).toBe("token ghs_actiontoken");
    const body = (JSON.parse(posted[0]?.body ?? "{}") as { body?: string }).body ?? "";
    for (const installable of APP_INSTALLABLES) expect(body).toContain(`#### \`${installable}\``);
    expect(body).toContain("| `hello` | 2\\.12\\.1 | 2\\.12\\.2 |");
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, "utf8")).toContain("| `hello` | 2\\.12\\.1 | 2\\.12\\.2 |");
    expect(r.out + body).not.toContain("ghs_");
  });
});
