import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

describe("fleet files that would make the auditor run something", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "flake-audit-fleet-hostile-"));
  });

  it("?remote-program= is refused with its line and column before anything runs (exit 3)", async () => {
    writeFileSync(
      path.join(dir, "fleet.yaml"),
      "hosts:\n  - name: ok\n    store: daemon\n  - name: evil\n    store: ssh-ng://root@web-1?remote-program=/tmp/run-me\n",
    );
    const r = await runCli(["fleet", "fleet.yaml"], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("fleet.yaml:5:12: /hosts/1/store");
    expect(r.stderr).toContain("'remote-program' is refused");
  });
});
