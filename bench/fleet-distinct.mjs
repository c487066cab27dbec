#!/usr/bin/env node
// Memory case for `fleet --reports`: HOSTS reports whose closures are all distinct (3,000 paths each:
// 2,900 shared, 100 of the host's own), as a fleet of hosts built one by one would send. Writes the
// reports and a fleet file to DIR; measure with `/usr/bin/time -v node dist/bin/flake-audit.js fleet
// DIR/fleet.yaml --reports DIR/reports --format json -o /dev/null` (max RSS), e.g. for 300 and 2,000.
//   node bench/fleet-distinct.mjs DIR HOSTS
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const PATHS = 3000;
const SHARED = 2900;
const NIX32 = "0123456789abcdfghijklmnpqrsvwxyz";
const SIG = `cache.example.org-1:${Buffer.alloc(64, 1).toString("base64")}`;

function nix32(n) {
  let s = "";
  for (let i = 0; i < 32; i++) {
    s += NIX32[n % 32];
    n = Math.floor(n / 32) + i * 7;
  }
  return s;
}

const storePath = (id) => `/nix/store/${nix32(id * 7919 + 13)}-pkg${id}-1.${id % 10}`;
const entry = (id, refs) =>
  JSON.stringify({
    path: storePath(id),
    narHash: `sha256-${Buffer.alloc(32, id % 251).toString("base64")}`,
    narSize: 1000 + id,
    references: refs.map(storePath).sort(),
    registrationTime: 1780000000,
    signatures: [SIG],
  });

export function writeDistinctReports(dir, hosts) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "reports"), { recursive: true });
  const shared = Array.from({ length: SHARED }, (_, i) => entry(i, i > 0 ? [Math.floor(i / 2)] : []));
  let first;
  for (let h = 0; h < hosts; h++) {
    const own = Array.from({ length: PATHS - SHARED }, (_, i) => 1_000_000 + h * 1000 + i);
    const ownEntries = own.map((id, i) => entry(id, i === own.length - 1 ? [SHARED - 1, ...own.slice(0, -1)] : [i]));
    const system = storePath(own[own.length - 1]);
    first ??= system;
    const head = {
      kind: "flake-audit-host-report",
      schemaVersion: 1,
      tool: { name: "flake-audit", version: "bench" },
      host: `host-${String(h).padStart(4, "0")}`,
      system,
      generation: 7,
      generations: [{ number: 7, path: system, date: "2026-05-01T10:00:00Z" }],
    };
    writeFileSync(
      path.join(dir, "reports", `${head.host}.json`),
      `${JSON.stringify(head).slice(0, -1)},"closure":[${[...shared, ...ownEntries].join(",")}]}\n`,
    );
  }
  writeFileSync(
    path.join(dir, "fleet.yaml"),
    `approved:\n  systems:\n    "host-*": ${first}\nhosts:\n  - name: canary\n    report: reports/host-0000.json\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, hosts] = process.argv.slice(2);
  writeDistinctReports(path.resolve(dir), Number(hosts));
}
