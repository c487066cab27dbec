import { describe, expect, it } from "vitest";
import { skipHelpCache } from "../../src/cli/help-cache.js";
import { parser } from "../../src/cli/parser.js";
import type { Io } from "../../src/cli/io.js";
import { REPO } from "../support/paths.js";

// src/cli/help-cache.ts: a command's run does not render its help, which nothing shows.

const io = (out: string[]): Io => ({
  stdout: (t) => {
    out.push(t);
  },
  stderr: () => {},
  isTTY: false,
  readStdin: async () => "",
  cwd: REPO,
});

/** Whether yargs rendered and kept the help after a run of `completion` (a command without I/O). */
async function helpCachedAfterRun(skip: boolean): Promise<boolean> {
  const out: string[] = [];
  const cli = parser(["completion"], io(out), {}, () => {});
  if (skip) expect(skipHelpCache(cli)).toBe(true);
  await cli.parseAsync(["completion"]);
  expect(out.join("")).toContain("complete -o bashdefault");
  // yargs' own hook, not in its types.
  const usage = Reflect.get(cli, "getInternalMethods").call(cli).getUsageInstance();
  return usage.hasCachedHelpMessage() === true;
}

describe("the help yargs renders before a handler", () => {
  it("is rendered without skipHelpCache: what the hook saves", async () => {
    expect(await helpCachedAfterRun(false)).toBe(true);
  });

  it("is not rendered with it (a yargs that moves the hook fails here, not in the field)", async () => {
    expect(await helpCachedAfterRun(true)).toBe(false);
  });

  it("anything that is not yargs is left alone", () => {
    expect(skipHelpCache({})).toBe(false);
    expect(skipHelpCache({ getInternalMethods: () => ({}) })).toBe(false);
  });
});
