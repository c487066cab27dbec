import { describe, expect, it } from "vitest";
import { EVAL_SETTINGS, evalArgv, evalEnv } from "../../src/adapters/nix/eval-nix.js";
import { nixError } from "../../src/adapters/nix/eval-results.js";

describe("the nix argv of an evaluation", () => {
  it("is prlimit with the bounds, then nix, the command, the settings, and the operands after --", () => {
    const argv = evalArgv(2 ** 30, 60_000, ["path-info", "--derivation", "--", "git+file:///w?rev=1#a"]);
    expect(argv.slice(0, 7)).toEqual([
      "--as=1073741824",
      "--cpu=130",
      "--",
      "nix",
      "--extra-experimental-features",
      "nix-command flakes",
      "path-info",
    ]);
    expect(argv.slice(7, 8)).toEqual(["--derivation"]);
    expect(argv.slice(8, 8 + EVAL_SETTINGS.length)).toEqual(EVAL_SETTINGS);
    expect(argv.slice(-2)).toEqual(["--", "git+file:///w?rev=1#a"]);
  });

  it("sets what makes evaluating untrusted code safe", () => {
    const pairs = new Map<string, string>();
    for (let i = 0; i < EVAL_SETTINGS.length; i++)
      if (EVAL_SETTINGS[i] === "--option") pairs.set(EVAL_SETTINGS[i + 1] ?? "", EVAL_SETTINGS[i + 2] ?? "");
    expect(Object.fromEntries(pairs)).toMatchObject({
      "pure-eval": "true",
      "allow-import-from-derivation": "false",
      "accept-flake-config": "false",
      substitute: "false",
      substituters: "",
      builders: "",
      "max-jobs": "0",
      "access-tokens": "",
    });
    expect(EVAL_SETTINGS).toContain("--offline");
    expect(EVAL_SETTINGS).not.toContain("--impure");
  });

  it("refuses arguments without the -- that ends options", () => {
    expect(() => evalArgv(1, 1, ["path-info", "x"])).toThrow();
  });
});

describe("nix's environment", () => {
  const parent = {
    PATH: "/usr/bin",
    HOME: "/root",
    NIX_REMOTE: "daemon",
    NIX_CONFIG: "access-tokens = github.com=ghp_x",
    GITHUB_TOKEN: "ghp_x",
    FLAKE_AUDIT_TOKEN: "fa",
    AWS_SECRET_ACCESS_KEY: "k",
    SSH_AUTH_SOCK: "/tmp/agent",
    NIX_PATH: "nixpkgs=/x",
    http_proxy: "http://proxy.corp:3128",
  };
  const env = evalEnv(parent, "/tmp/c/home", "/tmp/c/tree");

  it("is an allow-list: PATH and NIX_REMOTE pass; tokens, keys, NIX_CONFIG and the agent do not", () => {
    expect(env["PATH"]).toBe("/usr/bin");
    expect(env["NIX_REMOTE"]).toBe("daemon");
    for (const k of [
      "NIX_CONFIG",
      "GITHUB_TOKEN",
      "FLAKE_AUDIT_TOKEN",
      "AWS_SECRET_ACCESS_KEY",
      "SSH_AUTH_SOCK",
      "NIX_PATH",
    ])
      expect(env).not.toHaveProperty(k);
    expect(JSON.stringify(env)).not.toContain("ghp_x");
  });

  it("has its own HOME and no way out: proxies closed, git local only", () => {
    expect(env["HOME"]).toBe("/tmp/c/home");
    expect(env["XDG_CACHE_HOME"]).toBe("/tmp/c/home/.cache");
    expect(env["http_proxy"]).toBe("http://127.0.0.1:9");
    expect(env["https_proxy"]).toBe("http://127.0.0.1:9");
    expect(env["GIT_ALLOW_PROTOCOL"]).toBe("file");
    expect(env["GIT_CONFIG_VALUE_0"]).toBe("/tmp/c/tree");
  });
});

describe("nix's error for an installable", () => {
  const tree = "/tmp/flake-audit-eval-abc/tree";
  const flake = `git+file://${tree}?rev=1`;
  const replace = [
    [flake, "."],
    [tree, "."],
  ] as const;

  it("starts at `error:` (nix's warnings before it are not the installable's) and names no temporary path", () => {
    const stderr = `warning: ignoring untrusted flake configuration setting 'extra-substituters'\nerror: flake '${flake}' does not provide attribute 'x'\n       at ${tree}/flake.nix:3:5\n`;
    expect(nixError({ kind: "failed", exitCode: 1, stdout: "", stderr }, 1000, replace)).toBe(
      "error: flake '.' does not provide attribute 'x'\n       at ./flake.nix:3:5",
    );
  });

  it("is bounded, and says what was cut", () => {
    const e = nixError(
      { kind: "failed", exitCode: 1, stdout: "", stderr: `error: ${"x".repeat(10_000)}` },
      1000,
      replace,
    );
    expect(e.length).toBeLessThan(4100);
    expect(e).toMatch(/characters cut\]$/);
  });

  it("says a timeout is one", () => {
    expect(nixError({ kind: "timeout", stderr: "" }, 30_000, replace)).toMatch(/within 30 s/);
  });
});
