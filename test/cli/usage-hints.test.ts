import { describe, expect, it } from "vitest";
import { nearestFlag } from "../../src/cli/suggest-flag.js";
import { runCli } from "../support/cli.js";
import { REPO } from "../support/paths.js";

describe("an unknown flag gets the nearest flag of its command", () => {
  it.each([
    [["check", "--lockonly"], "Unknown argument: lockonly (did you mean --lock-only?)"],
    [["diff", "a", "b", "--lock-onlyy"], "Unknown argument: lock-onlyy (did you mean --lock-only?)"],
    [["sbom", "--reproducable"], "Unknown argument: reproducable (did you mean --reproducible?)"],
    [
      ["check", "--formt", "json", "--polcy", "p.yaml", "--zzzzzzzz"],
      "Unknown arguments: formt, polcy, zzzzzzzz (did you mean --format for formt, --policy for polcy?)",
    ],
  ])("%j", async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(`flake-audit: ${message}`);
  });

  it.each([
    ["sbom", "--lockonly", "lockonly"],
    ["sbom", "--now", "now"],
  ])("suggests only a near flag of the command's own: %s %s", async (command, flag, said) => {
    const r = await runCli([command, flag]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(`flake-audit: Unknown argument: ${said}`);
  });

  it.each([
    ["lockonly", "lock-only"],
    ["outptu", "output"],
    ["xyz", undefined],
    ["nw", "now"],
    ["x", undefined],
    ["timeout-seconds", undefined],
  ])("nearestFlag(%s) is %s", (typed, near) => {
    expect(nearestFlag(typed, ["o", "lock-only", "output", "offline", "timeout", "now"])).toBe(near);
  });
});

describe("a JSON document that is not a flake.lock", () => {
  it.each([["check", "--lock-only"], ["sbom"], ["resolve", "--offline"]])(
    "%s says package.json is not a flake.lock, located, exit 3",
    async (command, ...rest) => {
      const r = await runCli([command, "package.json", ...rest], { cwd: REPO });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(
        "package.json:1:1: not a flake.lock: a JSON document without 'nodes', 'root' or a numeric 'version'",
      );
      expect(r.stderr).not.toMatch(/unsupported lock version|hand-edited/);
    },
  );
});
