import { createPrivateKey, createPublicKey, sign } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathFingerprint } from "../../../src/domain/fleet/fingerprint.js";
import { parseHash, toNix32 } from "../../../src/domain/nix/hash.js";
import { formatStorePath, sourceStorePath } from "../../../src/domain/nix/store-path.js";
import type { PathInfo } from "../../../src/domain/closure/closure.js";

/** Deterministic Ed25519 keys from a seed byte: Nix's `name:base64` public key and a signer. */
export function testKey(name: string, seedByte: number) {
  const seed = Buffer.alloc(32, seedByte);
  const der = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  const priv = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  const x = createPublicKey(priv).export({ format: "jwk" }).x ?? "";
  return {
    publicKey: `${name}:${Buffer.from(x, "base64url").toString("base64")}`,
    sign: (fingerprint: string): string => `${name}:${sign(null, Buffer.from(fingerprint), priv).toString("base64")}`,
  };
}

const hashOf = (c: string): string => c.repeat(32).slice(0, 32);
const sp = (c: string, name: string): string => `/nix/store/${hashOf(c)}-${name}`;
const narHash = (byte: number): string => `sha256-${Buffer.alloc(32, byte).toString("base64")}`;

function lock(hashText: string, rev: string, lastModified: number): string {
  const locked = { lastModified, narHash: hashText, owner: "NixOS", repo: "nixpkgs", rev, type: "github" };
  return `${JSON.stringify({ nodes: { nixpkgs: { locked, original: { owner: "NixOS", repo: "nixpkgs", type: "github" } }, root: { inputs: { nixpkgs: "nixpkgs" } } }, root: "root", version: 7 }, null, 2)}\n`;
}

const nix32Of = (hashText: string): string => {
  const h = parseHash(hashText);
  if (!h.ok) throw new Error(h.error);
  return toNix32(h.value.bytes);
};

const sourcePath = (hashText: string): string => {
  const h = parseHash(hashText);
  if (!h.ok) throw new Error(h.error);
  return formatStorePath(sourceStorePath(h.value));
};

type Entry = {
  path: string;
  narHash: string;
  narSize: number;
  references: string[];
  ca?: string;
  signatures?: string[];
};

/** A closure in Nix 2.8's list shape, each path signed by `signer` unless `unsigned` names it. */
function closure(entries: Entry[], signer: (fp: string) => string, unsigned: readonly string[] = []): Entry[] {
  return entries.map((e) => {
    if (e.ca !== undefined || unsigned.some((u) => e.path.endsWith(u))) return e;
    const h = parseHash(e.narHash);
    if (!h.ok) throw new Error(h.error);
    const info: PathInfo = {
      path: e.path,
      narHash: h.value,
      narSize: e.narSize,
      references: e.references,
      signatures: [],
    };
    return { ...e, signatures: [signer(pathFingerprint(info) ?? "")] };
  });
}

export const TRUSTED = testKey("cache.example.org-1", 7);
export const STRANGER = testKey("someone-else-1", 9);

/**
 * A fleet of host reports on disk under `dir` (no nix needed): web-1 runs the approved system, signed;
 * web-2 an older system from the previous lock, unsigned; web-3 a report of a future version; web-4
 * the approved system with a path signed by a stranger (and a malformed "asdf" signature, as in Nix's own
 * test data) and one whose signature does not verify.
 */
export function writeReportScenario(dir: string): { fleetFile: string; systems: { a: string; b: string } } {
  mkdirSync(path.join(dir, "reports"), { recursive: true });
  const [cur, old] = [narHash(1), narHash(2)];
  writeFileSync(path.join(dir, "flake.lock"), lock(cur, "1".repeat(40), 1_780_000_000));
  writeFileSync(path.join(dir, "old.lock"), lock(old, "0".repeat(40), 1_760_000_000));
  const lib = sp("l", "libfoo-1.0");
  const system = (c: string, tool: string, srcHash: string): Entry[] => [
    {
      path: sp(c, "nixos-system-web"),
      narHash: narHash(c.charCodeAt(0)),
      narSize: 200,
      references: [sp(c === "a" ? "k" : "m", tool), sourcePath(srcHash)],
    },
    { path: sp(c === "a" ? "k" : "m", tool), narHash: narHash(c.charCodeAt(0) + 1), narSize: 1000, references: [lib] },
    { path: lib, narHash: narHash(50), narSize: 500, references: [] },
    {
      path: sourcePath(srcHash),
      narHash: srcHash,
      narSize: 300,
      references: [],
      ca: `fixed:r:sha256:${nix32Of(srcHash)}`,
    },
  ];
  const a = system("a", "tool-1.0", cur);
  const b = system("b", "tool-0.9", old);
  const [sysA, sysB] = [a[0]?.path ?? "", b[0]?.path ?? ""];
  const report = (host: string, sys: string, entries: Entry[], extra: Record<string, unknown> = {}) =>
    writeFileSync(
      path.join(dir, "reports", `${host}.json`),
      `${JSON.stringify({ kind: "flake-audit-host-report", schemaVersion: 1, tool: { name: "flake-audit", version: "0.1.0" }, host, system: sys, generation: 3, generations: [{ number: 3, path: sys, date: "2026-05-01T10:00:00Z" }], ...extra, closure: entries })}\n`,
    );
  report("web-1", sysA, closure(a, TRUSTED.sign));
  report("web-2", sysB, closure(b, TRUSTED.sign, ["tool-0.9", "libfoo-1.0", "nixos-system-web"]));
  report("web-3", sysA, closure(a, TRUSTED.sign), { schemaVersion: 2 });
  const web4 = closure(a, TRUSTED.sign).map((e) =>
    e.path.endsWith("tool-1.0")
      ? { ...e, signatures: [STRANGER.sign("anything"), "asdf"] }
      : e.path === lib
        ? { ...e, narSize: 501 }
        : e,
  );
  report("web-4", sysA, web4);
  const fleetFile = "fleet.yaml";
  writeFileSync(
    path.join(dir, fleetFile),
    `approved:\n  lock: flake.lock\n  previousLocks: [old.lock]\n  systems:\n    "web-*": ${sysA}\ntrustedKeys:\n  - ${TRUSTED.publicKey}\nhosts:\n  - name: canary\n    report: reports/web-1.json\n`,
  );
  return { fleetFile, systems: { a: sysA, b: sysB } };
}
