#!/usr/bin/env node
// Two derivation closures of one installable for the review-impact bench (issue 21): `nix
// show-derivation -r` JSON (Nix 2.8 shape, full paths) of N derivations, and the same after a
// nixpkgs bump: a low-level library and ~1% of the packages change version (a fetched source each,
// some gain a patch), so every derivation above them gets a new .drv path, as input addressing does.
// Deterministic: same arguments, same bytes.
//
//   node bench/impact-gen.mjs [OUT_DIR] [--derivations 40000]
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prng } from "./generate.mjs";

const NIX32 = "0123456789abcdfghijklmnpqrsvwxyz";
const hash32 = (text) => {
  const d = createHash("sha256").update(text).digest();
  let s = "";
  for (let i = 0; i < 32; i++) s += NIX32[d[i] % 32];
  return s;
};
const store = (h, name) => `/nix/store/${h}-${name}`;

/** { old, new } JSON texts of `count` derivations each. */
export function generateImpactPair({ derivations: count = 40000, seed = 21 } = {}) {
  const rand = prng(seed);
  // A quarter are fetches (sources); the rest packages built from one fetch and a few earlier packages.
  const pkgs = [];
  const nPkgs = Math.floor((count * 3) / 4);
  for (let i = 0; i < nPkgs; i++) {
    const deps = [];
    const k = i === 0 ? 0 : 1 + Math.floor(rand() * 4);
    for (let j = 0; j < k; j++) deps.push(Math.floor(rand() ** 2 * i)); // low indexes are depended on most
    pkgs.push({ name: `pkg${i}`, version: `1.${i % 17}.${i % 5}`, deps: [...new Set(deps)], patch: false });
  }
  const bumped = new Set([3]);
  while (bumped.size < Math.max(2, Math.floor(nPkgs / 100))) bumped.add(Math.floor(rand() * nPkgs));
  let limit = Number.POSITIVE_INFINITY;
  const side = (isNew) => {
    const doc = {};
    const drvOf = [];
    const outOf = [];
    const fetch = (name, url, salt) => {
      const h = createHash("sha256").update(salt).digest("hex");
      const out = store(hash32(`out:${name}:${h}`), name);
      const drv = store(hash32(`drv:${name}:${h}:${url}`), `${name}.drv`);
      doc[drv] = {
        outputs: { out: { path: out, hashAlgo: "sha256", hash: h } },
        inputSrcs: [],
        inputDrvs: {},
        platform: "x86_64-linux",
        builder: "builtin:fetchurl",
        args: [],
        env: { name, url, urls: url, outputHash: h, outputHashAlgo: "sha256", outputHashMode: "flat", out },
      };
      return { drv, out };
    };
    let fetches = 0;
    for (let i = 0; i < pkgs.length && i < limit; i++) {
      const p = pkgs[i];
      const version = isNew && bumped.has(i) ? `${p.version}.1` : p.version;
      const tar = `${p.name}-${version}.tar.gz`;
      const src = fetch(tar, `https://example.org/${p.name}/${tar}`, `${p.name}-${version}`);
      fetches++;
      const patch =
        isNew && bumped.has(i) && i % 2 === 0
          ? fetch(`CVE-2026-${i}.patch`, `https://example.org/${i}.patch`, `p${i}`)
          : undefined;
      if (patch !== undefined) fetches++;
      const inputDrvs = { [src.drv]: ["out"], ...(patch ? { [patch.drv]: ["out"] } : {}) };
      for (const d of p.deps) inputDrvs[drvOf[d]] = ["out"];
      const name = `${p.name}-${version}`;
      const key = JSON.stringify([name, Object.keys(inputDrvs).sort()]);
      const out = store(hash32(`out:${key}`), name);
      const drv = store(hash32(`drv:${key}`), `${name}.drv`);
      drvOf.push(drv);
      outOf.push(out);
      doc[drv] = {
        outputs: { out: { path: out } },
        inputSrcs: ["/nix/store/0000000000000000000000000000000a-default-builder.sh"],
        inputDrvs,
        platform: "x86_64-linux",
        builder: "/nix/store/0000000000000000000000000000000b-bash/bin/bash",
        args: ["-e", "/nix/store/0000000000000000000000000000000a-default-builder.sh"],
        env: {
          name,
          pname: p.name,
          version,
          src: src.out,
          patches: patch ? patch.out : "",
          buildInputs: p.deps.map((d) => outOf[d]).join(" "),
          out,
        },
      };
      // The old side stops at `count` derivations; the new one builds the same packages.
      if (!isNew && Object.keys(doc).length >= count) {
        limit = i + 1;
        break;
      }
    }
    void fetches;
    return `${JSON.stringify(doc)}\n`;
  };
  const old = side(false);
  return { old, new: side(true) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const out =
    args[0] && !args[0].startsWith("--") ? args[0] : path.join(path.dirname(fileURLToPath(import.meta.url)), "out");
  const n = args.includes("--derivations") ? Number(args[args.indexOf("--derivations") + 1]) : 40000;
  mkdirSync(out, { recursive: true });
  const pair = generateImpactPair({ derivations: n });
  writeFileSync(path.join(out, "impact-old.json"), pair.old);
  writeFileSync(path.join(out, "impact-new.json"), pair.new);
}
