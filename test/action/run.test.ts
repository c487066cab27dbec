import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionInput, actionRun } from "../../src/cli/action.js";
import type { FakeGithub } from "../support/github/server.js";
import { REPO } from "../support/paths.js";
import { startLibUpdate } from "../support/lock-update-repo.js";

const BUNDLE = path.join(REPO, "action", "dist", "index.js");
let gh: FakeGithub;
let workspace: string;
let base: string;
let head: string;

beforeAll(async () => {
  ({ gh, repo: workspace, base, head } = await startLibUpdate("flake-audit-action-ws-"));
}, 60_000);
afterAll(async () => gh.stop());

/** What the runner gives a `node24` action: a clean environment, inputs as INPUT_*, cwd = the workspace. */
function runnerEnv(dir: string, inputs: Record<string, string>): Record<string, string> {
  const event = path.join(dir, "event.json");
  writeFileSync(event, JSON.stringify({ pull_request: { number: 7, base: { sha: base }, head: { sha: head } } }));
  return {
    PATH: process.env["PATH"] ?? "",
    HOME: dir,
    XDG_CACHE_HOME: path.join(dir, "cache"),
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: "pull_request",
    GITHUB_EVENT_PATH: event,
    GITHUB_STEP_SUMMARY: path.join(dir, "summary.md"),
    GITHUB_OUTPUT: path.join(dir, "output"),
    GITHUB_REPOSITORY: "acme/lib",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: gh.url,
    GITHUB_GRAPHQL_URL: `${gh.url}/graphql`,
    // The workflow's own token, which the github-token input (the Action's default) takes precedence over.
    GITHUB_TOKEN: "ghs_workflowenv",
    FLAKE_AUDIT_RETRY_BASE_MS: "1",
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
}

async function runBundle(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  // Asynchronous: the stand-in GitHub answers from this process's event loop.
  return promisify(execFile)(process.execPath, [BUNDLE], { cwd: workspace, env, encoding: "utf8" }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({
      code: e.code ?? -1,
      stdout: e.stdout ?? "",
      stderr: e.stderr ?? "",
    }),
  );
}

const INPUTS = { "github-token": "ghs_actiontoken", "fail-on": "none", "lock-only": "false", comment: "true" };

describe("the bundled Action, run as the runner runs it", () => {
  it("writes the job summary, keeps one sticky comment and sets the exit-code output", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-action-"));
    const env = runnerEnv(dir, INPUTS);
    const first = await runBundle(env);
    expect(first.code, first.stderr).toBe(0);
    const summary = readFileSync(env["GITHUB_STEP_SUMMARY"]!, "utf8");
    expect(summary).toContain("| `lib` | Updated |");
    expect(readFileSync(env["GITHUB_OUTPUT"]!, "utf8")).toBe("exit-code=0\n");
    const comments = () => gh.requests.filter((r) => r.url.includes("/comments"));
    const posted = comments().filter((r) => r.method === "POST" && r.url.includes("/issues/7/comments"));
    expect(posted).toHaveLength(1);
    const body = (JSON.parse(posted[0]!.body ?? "{}") as { body?: string }).body ?? "";
    expect(body).toContain("<!-- flake-audit:lock-diff -->");
    expect(body).toContain("| `lib` | Updated |");

    const second = await runBundle(env);
    expect(second.code, second.stderr).toBe(0);
    expect(comments().filter((r) => r.method === "POST")).toHaveLength(1);
    expect(comments().filter((r) => r.method === "PATCH" && r.url.includes("/issues/comments/"))).toHaveLength(1);
    expect(comments().every((r) => r.authorization === "token ghs_actiontoken")).toBe(true);
    expect(first.stdout + first.stderr + second.stdout + second.stderr).not.toContain("ghs_");
  });

  it("comment: false writes the summary only; a bad input fails the step with a workflow error", async () => {
    const before = gh.requests.length;
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-action-"));
    const quiet = await runBundle(runnerEnv(dir, { ...INPUTS, "lock-only": "true", comment: "false" }));
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(readFileSync(path.join(dir, "summary.md"), "utf8")).toContain("lock-only: no upstream facts");
    expect(gh.requests.slice(before)).toEqual([]);

    const badDir = mkdtempSync(path.join(tmpdir(), "flake-audit-action-"));
    const bad = await runBundle(runnerEnv(badDir, { ...INPUTS, comment: "yes please" }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("input 'comment' must be true or false, found 'yes please'");
    expect(bad.stderr).toContain("::error title=flake-audit::exit code 2 (usage error)");
    expect(readFileSync(path.join(badDir, "output"), "utf8")).toBe("exit-code=2\n");
  });
});

describe("inputs → pr-review", () => {
  it("reads inputs as the runner names them (uppercased, spaces → _, hyphens kept)", () => {
    expect(actionInput({ "INPUT_FAIL-ON": " high " }, "fail-on")).toBe("high");
    expect(actionInput({ INPUT_MY_INPUT: "x" }, "my input")).toBe("x");
    expect(actionInput({}, "comment")).toBe("");
  });

  it("maps inputs to flags, and the token to the environment, never to argv", () => {
    const r = actionRun({
      "INPUT_GITHUB-TOKEN": "ghs_x",
      "INPUT_FAIL-ON": "high",
      "INPUT_LOCK-ONLY": "TRUE",
      INPUT_COMMENT: "False",
    });
    expect(r).toEqual({
      argv: ["pr-review", "--fail-on", "high", "--lock-only", "--no-comment"],
      env: expect.objectContaining({ GITHUB_TOKEN: "ghs_x" }),
    });
    expect(actionRun({ GITHUB_TOKEN: "ghs_env" })).toEqual({ argv: ["pr-review"], env: { GITHUB_TOKEN: "ghs_env" } });
    expect(actionRun({ "INPUT_LOCK-ONLY": "1" })).toEqual({
      error: "input 'lock-only' must be true or false, found '1'",
    });
  });

  it("installables: one per line, blank lines and # comments skipped, each a value of --installable", () => {
    const r = actionRun({
      INPUT_INSTALLABLES:
        "\n .#nixosConfigurations.web.config.system.build.toplevel \n# not this\n\n--impure\n.#packages.x86_64-linux.default\n",
    });
    expect(r).toEqual({
      argv: [
        "pr-review",
        "--installable=.#nixosConfigurations.web.config.system.build.toplevel",
        // Still a value: pr-review refuses it as an installable (exit 2), never reads it as a flag.
        "--installable=--impure",
        "--installable=.#packages.x86_64-linux.default",
      ],
      env: expect.any(Object),
    });
  });
});
