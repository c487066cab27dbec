import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type fc from "fast-check";
import { TRUSTED, writeReportScenario } from "../support/fleet/scenario.js";
import type { Case } from "./cases.js";
import { type Json, type Mutated, mutatedJson } from "./mutate.js";

/** The report scenario's files, read once: two valid reports (web-1 signed, web-2 partly unsigned) and the lock. */
const SCENARIO = (() => {
  const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-fuzz-fleet-"));
  try {
    const { systems } = writeReportScenario(dir);
    const read = (f: string): string => readFileSync(path.join(dir, f), "utf8");
    return { lock: read("flake.lock"), web1: read("reports/web-1.json"), web2: read("reports/web-2.json"), systems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

const FLEET: Json = {
  approved: { lock: "flake.lock", systems: { "web-*": SCENARIO.systems.a } },
  trustedKeys: [TRUSTED.publicKey],
  hosts: [
    { name: "web-1", report: "web-1.json" },
    { name: "web-2", report: "web-2.json", timeoutSeconds: 30 },
  ],
};

const many = (n: number, item: string): string => Array(n).fill(item).join(",");

/** Fleet-file hazards: the guarded parser's limits, and JSON duplicate keys. */
const FLEET_FILE_HAZARDS: Mutated[] = [
  {
    kind: "yaml-alias-bomb",
    text: `a0: &a0 [${many(9, '"lol"')}]\n${Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${many(9, `*a${i}`)}]`).join("\n")}\nhosts: [{name: a, report: web-1.json}]\n`,
  },
  { kind: "deep-yaml", text: `hosts: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n` },
  { kind: "deep-json-under-hosts", text: `{"hosts": ${"[".repeat(20_000)}${"]".repeat(20_000)}}` },
  {
    kind: "duplicate-keys",
    text: '{"hosts":[{"name":"web-1","report":"web-1.json"}],"hosts":[{"name":"x","store":"daemon"}]}',
  },
  { kind: "unknown-keys", text: "hosts:\n  - name: web-1\n    report: web-1.json\n    stor: daemon\nextra: 1\n" },
];

/** Report hazards: what once took minutes (duplicate `closure` keys), paths with `..`, deep nesting. */
const REPORT_HAZARDS: Mutated[] = [
  {
    kind: "nested-duplicate-closure-keys",
    text: `{"kind":"flake-audit-host-report","schemaVersion":1,"previous":{${many(40_000, '"closure":0')}}}`,
  },
  {
    kind: "top-level-duplicate-closure-keys",
    text: `{"kind":"flake-audit-host-report","schemaVersion":1,${many(40_000, '"closure":0')}}`,
  },
  {
    kind: "dot-dot-system",
    text: SCENARIO.web1.replace(/"system":"\/nix\/store\//, '"system":"/nix/store/../../etc/'),
  },
  { kind: "trailing-text", text: `${SCENARIO.web1.trimEnd()} {"closure":[]}` },
  {
    kind: "deep-closure",
    text: SCENARIO.web1.replace(/"closure":\[/, `"closure":[${"[".repeat(20_000)}${"]".repeat(20_000)},`),
  },
];

const fleetFileCase = (fleet: Mutated): Case => ({
  command: "fleet",
  classes: [`fleet-file:${fleet.kind}`],
  files: {
    "fleet.yaml": fleet.text,
    "flake.lock": SCENARIO.lock,
    "web-1.json": SCENARIO.web1,
    "web-2.json": SCENARIO.web2,
  },
  argv: (d) => [
    "fleet",
    path.join(d, "fleet.yaml"),
    "--format",
    "json",
    "--timeout",
    "5",
    "-o",
    path.join(d, "out.json"),
  ],
  output: "out.json",
});
const reportCase = (report: Mutated): Case => ({
  command: "fleet",
  classes: [`host-report:${report.kind}`],
  files: { "web-1.json": report.text, "web-2.json": SCENARIO.web2 },
  argv: (d) => ["fleet", "--reports", d, "--format", "markdown", "--timeout", "5", "-o", path.join(d, "out.md")],
  output: "out.md",
});

/** Random mutations of a valid fleet file and a valid report (fixed seed, like the other commands). */
export const FLEET_COMMANDS: ReadonlyArray<readonly [string, fc.Arbitrary<Case>]> = [
  ["fleet (fleet file)", mutatedJson(FLEET).map(fleetFileCase)],
  ["fleet --reports", mutatedJson(JSON.parse(SCENARIO.web1) as Json).map(reportCase)],
];

/** Every known hazard once: a random sample of twelve would leave most of them out. */
export const FLEET_HAZARDS: ReadonlyArray<readonly [string, Case]> = [
  ...FLEET_FILE_HAZARDS.map((h) => [`fleet file: ${h.kind}`, fleetFileCase(h)] as const),
  ...REPORT_HAZARDS.map((h) => [`host report: ${h.kind}`, reportCase(h)] as const),
];
