// fleet benchmarks: `fleet --reports` over 2,000 generated host reports (60 distinct systems of 3,000
// signed paths each), and reading 50 local stores built with the real nix. Called from bench/run.mjs.
import { execFileSync } from "node:child_process";
import { createPrivateKey, createPublicKey, sign } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { measure } from "./measure.mjs";

const HOSTS = 2000;
const SYSTEMS = 60;
const PATHS = 3000;
// Systems built from one nixpkgs share most of their closure: each has SHARED common paths and its own rest.
const SHARED = 2900;
const NIX32 = "0123456789abcdfghijklmnpqrsvwxyz";

function nix32(n, len = 32) {
  let s = "";
  for (let i = 0; i < len; i++) {
    s += NIX32[n % 32];
    n = Math.floor(n / 32) + i * 7;
  }
  return s;
}

function key(name) {
  const der = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), Buffer.alloc(32, 5)]);
  const priv = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  const x = createPublicKey(priv).export({ format: "jwk" }).x;
  return { pub: `${name}:${Buffer.from(x, "base64url").toString("base64")}`, priv };
}

/** Nix's fingerprint, as src/domain/fleet/fingerprint.ts builds it. */
async function fingerprinter() {
  const { pathFingerprint } = await import("../dist/domain/fleet/fingerprint.js");
  const { parseHash } = await import("../dist/domain/nix/hash.js");
  return (e) => pathFingerprint({ ...e, narHash: parseHash(e.narHash).value, signatures: [] });
}

/** One system's closure as Nix 2.8 prints it, every path signed. Paths are cached so shared ones are signed once. */
function systemClosures(k, fp) {
  const made = new Map();
  const entry = (id, refs) => {
    const p = `/nix/store/${nix32(id * 7919 + 13)}-pkg${id}-1.${id % 10}`;
    if (made.has(p)) return made.get(p);
    const e = {
      path: p,
      narHash: `sha256-${Buffer.alloc(32, id % 251).toString("base64")}`,
      narSize: 1000 + id,
      references: refs.sort(),
      registrationTime: 1780000000,
    };
    e.signatures = [`cache.example.org-1:${sign(null, Buffer.from(fp(e)), k.priv).toString("base64")}`];
    made.set(p, e);
    return e;
  };
  const closures = [];
  for (let s = 0; s < SYSTEMS; s++) {
    const ids = [
      ...Array.from({ length: SHARED }, (_, i) => i),
      ...Array.from({ length: PATHS - SHARED }, (_, i) => 100000 + s * 1000 + i),
    ];
    const entries = ids.map((id, i) =>
      entry(
        id,
        i > 0
          ? [ids[Math.floor(i / 2)], ids[Math.floor(i / 3)]]
              .filter((r) => r !== id)
              .map((r) => `/nix/store/${nix32(r * 7919 + 13)}-pkg${r}-1.${r % 10}`)
          : [],
      ),
    );
    closures.push({ system: entries[entries.length - 1].path, text: JSON.stringify(entries) });
  }
  return closures;
}

async function writeReports(dir) {
  const k = key("cache.example.org-1");
  const closures = systemClosures(k, await fingerprinter());
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "reports"), { recursive: true });
  for (let h = 0; h < HOSTS; h++) {
    const c = closures[h % SYSTEMS];
    const head = {
      kind: "flake-audit-host-report",
      schemaVersion: 1,
      tool: { name: "flake-audit", version: "bench" },
      host: `host-${String(h).padStart(4, "0")}`,
      system: c.system,
      generation: 7,
      generations: [{ number: 7, path: c.system, date: "2026-05-01T10:00:00Z" }],
    };
    writeFileSync(
      path.join(dir, "reports", `${head.host}.json`),
      `${JSON.stringify(head).slice(0, -1)},"closure":${c.text}}\n`,
    );
  }
  writeFileSync(
    path.join(dir, "fleet.yaml"),
    `approved:\n  systems:\n    "host-*": ${closures[0].system}\ntrustedKeys:\n  - ${k.pub}\nhosts:\n  - name: canary\n    report: reports/host-0000.json\n`,
  );
}

const NIX_ENV = {
  NIX_CONFIG: "experimental-features = nix-command flakes\nbuild-users-group =\nsandbox = false\nsubstituters =",
};

/** 50 local stores with a small system each (a few variants), profiles made with nix-env. */
function writeStores(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, ...NIX_ENV };
  const sh = (cmd, args) =>
    execFileSync(cmd, args, { env, cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  writeFileSync(
    path.join(dir, "sys.nix"),
    `{ v }: let mk = name: s: derivation { inherit name; system = builtins.currentSystem; builder = "/bin/sh"; args = [ "-c" s ]; };
      libs = builtins.genList (i: mk "lib\${toString i}-1.0" "echo \${toString i} > $out") 20;
    in mk "nixos-system-bench-\${toString v}" "echo \${toString libs} > $out"`,
  );
  const systems = [0, 1, 2].map((v) => sh("nix-build", ["--no-out-link", "sys.nix", "--arg", "v", String(v)]).trim());
  const hosts = [];
  for (let i = 0; i < 50; i++) {
    const root = path.join(dir, "stores", `h${i}`);
    const store = `local?root=${root}`;
    mkdirSync(path.join(root, "nix/var/nix/profiles"), { recursive: true });
    for (const s of [systems[(i + 1) % 3], systems[i % 3]]) {
      sh("nix", ["copy", "--no-check-sigs", "--to", store, s]);
      sh("nix-env", ["--store", store, "-p", path.join(root, "nix/var/nix/profiles/system"), "--set", s]);
    }
    hosts.push(`  - name: h${i}\n    store: ${store}\n`);
  }
  writeFileSync(
    path.join(dir, "fleet.yaml"),
    `approved:\n  systems:\n    "h*": ${systems[0]}\nhosts:\n${hosts.join("")}`,
  );
}

export async function fleetBench(out) {
  const rows = [];
  const dir = path.join(out, "fleet-reports");
  await writeReports(dir);
  const r = measure(
    [
      "fleet",
      path.join(dir, "fleet.yaml"),
      "--reports",
      path.join(dir, "reports"),
      "--format",
      "json",
      "-o",
      path.join(out, "fleet.json"),
      "--fail-on",
      "none",
    ],
    { runs: 3 },
  );
  rows.push({
    name: `fleet --reports, ${HOSTS} host reports, ${SYSTEMS} systems x ${PATHS} signed paths (${SHARED} shared)`,
    ...r,
    target: "< 10000 ms, < 1024 MB",
    ok: r.ms < 10000 && r.peakMb < 1024 && r.status === 0,
  });
  let hasNix = true;
  try {
    execFileSync("nix", ["--version"], { stdio: "ignore" });
  } catch {
    hasNix = false;
  }
  if (!hasNix) return rows;
  const stores = path.join(out, "fleet-stores");
  if (!existsSync(path.join(stores, "fleet.yaml"))) writeStores(stores);
  const s = measure(
    [
      "fleet",
      path.join(stores, "fleet.yaml"),
      "--format",
      "json",
      "-o",
      path.join(out, "fleet-stores.json"),
      "--fail-on",
      "none",
    ],
    { runs: 3, env: NIX_ENV },
  );
  rows.push({
    name: "fleet, 50 local stores read with nix (--jobs 8), 2 generations each",
    ...s,
    target: "< 30000 ms",
    ok: s.ms < 30000 && s.status === 0,
  });
  return rows;
}
