import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "../support/paths.js";

interface ActionYml {
  inputs: Record<string, { description?: string; default?: string }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string; steps?: unknown };
}

const action = parse(readFileSync(path.join(REPO, "action.yml"), "utf8")) as ActionYml;

describe("the Action's bundle", () => {
  it("action.yml runs one committed JavaScript file on node24, with nothing installed at run time", () => {
    expect(action.runs.using).toBe("node24");
    expect(action.runs.main).toBe("action/dist/index.js");
    expect(action.runs.steps).toBeUndefined();
  });

  it("documents every input and output", () => {
    expect(Object.keys(action.inputs).sort()).toEqual([
      "comment",
      "fail-on",
      "github-token",
      "installables",
      "lock-only",
    ]);
    expect(Object.keys(action.outputs)).toEqual(["exit-code"]);
    for (const entry of [...Object.values(action.inputs), ...Object.values(action.outputs)])
      expect(entry.description?.length ?? 0).toBeGreaterThan(20);
  });

  it("is byte for byte what `npm run bundle` builds from the sources (run it and commit the result if not)", async () => {
    // The bundling script is plain JavaScript outside the TypeScript program; import it by path.
    const script = path.join(REPO, "scripts", "bundle-action.mjs");
    const { bundleAction } = (await import(script)) as { bundleAction: (out: string) => Promise<string> };
    const fresh = await bundleAction(path.join(mkdtempSync(path.join(tmpdir(), "flake-audit-bundle-")), "index.js"));
    const committed = readFileSync(path.join(REPO, action.runs.main));
    const rebuilt = readFileSync(fresh);
    expect(
      committed.equals(rebuilt),
      "action/dist/index.js is stale: run `npm run bundle` and commit action/dist/index.js",
    ).toBe(true);
  });
});
