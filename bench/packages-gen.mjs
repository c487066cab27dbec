#!/usr/bin/env node
// A NixOS-sized package world for benchmarks (issue 19): a runtime closure (`nix path-info --json -r`,
// the 2.8 list shape), its derivations (`nix show-derivation -r`, 2.8 shape with full paths, or
// version 4 with base names and fixed outputs without paths) and nixpkgs meta
// (`nix-env -qa --json --meta --out-path`) for many more packages than the closure holds.
// Deterministic: same arguments, same bytes. Fixed-output paths are computed with flake-audit's own
// makeFixedOutputPath (held to Nix elsewhere), so run `npm run build` first.
//
//   node bench/packages-gen.mjs [OUT_DIR] [--paths 4000] [--derivations 30000] [--meta 100000] [--v4]
// writes OUT_DIR/packages-{closure,derivations,meta}.json (default bench/out).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prng } from "./generate.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NIX32 = "0123456789abcdfghijklmnpqrsvwxyz";
const LICENSES = [
  { spdxId: "MIT", fullName: "MIT License", shortName: "mit", free: true, url: "https://spdx.org/licenses/MIT.html" },
  {
    spdxId: "GPL-3.0-or-later",
    fullName: "GNU General Public License v3.0 or later",
    shortName: "gpl3Plus",
    free: true,
  },
  { spdxId: "Apache-2.0", fullName: "Apache License 2.0", shortName: "asl20", free: true },
  { fullName: "Unfree", shortName: "unfree", free: false, redistributable: false },
];
const PLATFORMS = [
  "x86_64-linux",
  "aarch64-linux",
  "i686-linux",
  "armv7l-linux",
  "riscv64-linux",
  "x86_64-darwin",
  "aarch64-darwin",
  "powerpc64le-linux",
];

export async function generatePackageWorld({
  paths = 4000,
  derivations = 30000,
  meta = 100000,
  v4 = false,
  seed = 19,
} = {}) {
  const { makeFixedOutputPath, outputPathName } = await import(path.join(REPO, "dist/domain/nix/fixed-output.js"));
  const { formatStorePath } = await import(path.join(REPO, "dist/domain/nix/store-path.js"));
  const rand = prng(seed);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const hash32 = () => Array.from({ length: 32 }, () => NIX32[Math.floor(rand() * 32)]).join("");
  const bytes = (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
  const sp = (name) => `/nix/store/${hash32()}-${name}`;
  const drvs = {};
  const mirrorsFile = sp("mirrors-list");

  const fetcher = (name, url, recursive) => {
    const digest = bytes(32);
    const ca = { method: recursive ? "nar" : "flat", hash: { algo: "sha256", bytes: new Uint8Array(digest) } };
    const p = makeFixedOutputPath(outputPathName(name, "out"), ca);
    const out = formatStorePath(p.value);
    const drv = sp(`${name}.drv`);
    const sri = `sha256-${digest.toString("base64")}`;
    drvs[drv] = {
      outputs: { out: { path: out, hashAlgo: recursive ? "r:sha256" : "sha256", hash: digest.toString("hex") } },
      inputSrcs: url.startsWith("mirror://") ? [mirrorsFile] : [],
      inputDrvs: {},
      system: "x86_64-linux",
      builder: "/nix/store/00000000000000000000000000000000-bash-5.2/bin/bash",
      args: ["-e", "/nix/store/00000000000000000000000000000000-builder.sh"],
      env: {
        name,
        out,
        urls: url,
        mirrorsFile,
        outputHash: sri,
        outputHashMode: recursive ? "recursive" : "flat",
        preferLocalBuild: "1",
      },
    };
    return { drv, out };
  };

  // Runtime packages: a derivation per package, 1–2 outputs in the closure, a fetched src, some patches.
  const closure = [];
  const pkgDrvs = [];
  while (closure.length < paths) {
    const i = pkgDrvs.length;
    const pname = `pkg${i}`;
    const version = `${1 + (i % 9)}.${i % 17}.${i % 5}`;
    const name = `${pname}-${version}`;
    const url =
      i % 2 === 0
        ? `mirror://gnu/${pname}/${name}.tar.gz`
        : `https://github.com/owner${i % 300}/${pname}/archive/v${version}.tar.gz`;
    const src = fetcher(i % 2 === 0 ? `${name}.tar.gz` : "source", url, i % 2 === 1);
    const patches = [];
    const inputDrvs = { [src.drv]: ["out"] };
    const inputSrcs = [];
    if (i % 3 === 0) {
      const p = fetcher(
        `fix-${i}.patch`,
        `https://github.com/owner${i % 300}/${pname}/commit/${bytes(20).toString("hex")}.patch`,
        false,
      );
      patches.push(p.out);
      inputDrvs[p.drv] = ["out"];
    }
    if (i % 5 === 0) {
      const local = sp(`local-${i}.patch`);
      patches.push(local);
      inputSrcs.push(local);
    }
    for (const dep of pkgDrvs.slice(-3)) inputDrvs[dep] = ["out"];
    const outputs = i % 4 === 0 ? ["out", "lib"] : ["out"];
    const drv = sp(`${name}.drv`);
    const outPaths = Object.fromEntries(outputs.map((o) => [o, { path: sp(o === "out" ? name : `${name}-${o}`) }]));
    drvs[drv] = {
      outputs: outPaths,
      inputSrcs,
      inputDrvs,
      system: "x86_64-linux",
      builder: "/nix/store/00000000000000000000000000000000-bash-5.2/bin/bash",
      args: ["-e", "/nix/store/00000000000000000000000000000000-default-builder.sh"],
      env: {
        name,
        pname,
        version,
        src: src.out,
        patches: patches.join(" "),
        outputs: outputs.join(" "),
        ...Object.fromEntries(outputs.map((o) => [o, outPaths[o].path])),
        configureFlags: "--enable-shared --disable-static",
        buildInputs: "",
        strictDeps: "1",
      },
    };
    pkgDrvs.push(drv);
    for (const o of outputs) {
      if (closure.length >= paths) break;
      const refs = closure.length > 0 ? Array.from({ length: 5 }, () => pick(closure).path) : [];
      closure.push({
        path: outPaths[o].path,
        narHash: `sha256-${bytes(32).toString("base64")}`,
        narSize: 1000 + i,
        references: [...new Set(refs)].sort(),
        deriver: drv,
      });
    }
  }
  // Build-time-only derivations up to the requested count.
  for (let i = 0, n = Object.keys(drvs).length; n < derivations; i++, n++) {
    const name = `build-tool${i}-0.${i % 10}`;
    drvs[sp(`${name}.drv`)] = {
      outputs: { out: { path: sp(name) } },
      inputSrcs: [],
      inputDrvs: {},
      system: "x86_64-linux",
      builder: "/bin/sh",
      args: [],
      env: { name, pname: `build-tool${i}`, version: `0.${i % 10}` },
    };
  }
  // Meta: every runtime package, then others up to the requested count.
  const metaDoc = {};
  const entry = (name, pname, version, outputs, j) => ({
    name,
    pname,
    version,
    system: "x86_64-linux",
    outputName: "out",
    outputs,
    meta: {
      description: `Package ${pname}`,
      homepage:
        j % 7 === 0
          ? [`https://example.org/${pname}`, `https://mirror.example.org/${pname}`]
          : `https://example.org/${pname}`,
      license:
        j % 10 === 0
          ? [LICENSES[j % 4], LICENSES[(j + 1) % 4]]
          : j % 13 === 0
            ? "asl20 mit"
            : j % 17 === 0
              ? undefined
              : LICENSES[j % 4],
      identifiers: { cpe: `cpe:2.3:a:${pname}:${pname}:${version}:*:*:*:*:*:*:*`, possibleCPEs: [] },
      maintainers: [{ name: "Alice", email: "alice@example.org", github: "alice", githubId: 1 }],
      platforms: PLATFORMS,
      position: `/nix/store/${hash32()}-source/pkgs/${pname}/default.nix:42`,
      available: true,
      broken: false,
      insecure: false,
      unfree: j % 4 === 3,
      unsupported: false,
    },
  });
  pkgDrvs.forEach((drv, j) => {
    const d = drvs[drv];
    metaDoc[`pkg${j}`] = entry(
      d.env.name,
      d.env.pname,
      d.env.version,
      Object.fromEntries(Object.entries(d.outputs).map(([o, x]) => [o, x.path])),
      j,
    );
  });
  for (let j = pkgDrvs.length; j < meta; j++) {
    const pname = `other${j}`;
    metaDoc[pname] = entry(`${pname}-1.0`, pname, "1.0", { out: sp(`${pname}-1.0`) }, j);
  }
  const derivationsDoc = v4 ? toV4(drvs) : drvs;
  return {
    closure: JSON.stringify(closure),
    derivations: JSON.stringify(derivationsDoc),
    meta: JSON.stringify(metaDoc),
  };
}

/** Nix 2.33+'s shape: version 4, base names, `inputs`, fixed outputs as `{method, hash}` without a path. */
function toV4(drvs) {
  const base = (p) => p.slice(p.lastIndexOf("/") + 1);
  const out = {};
  for (const [k, d] of Object.entries(drvs)) {
    const outputs = Object.fromEntries(
      Object.entries(d.outputs).map(([o, x]) =>
        x.hash !== undefined
          ? [
              o,
              {
                method: x.hashAlgo.startsWith("r:") ? "nar" : "flat",
                hash: `sha256-${Buffer.from(x.hash, "hex").toString("base64")}`,
              },
            ]
          : [o, { path: base(x.path) }],
      ),
    );
    out[base(k)] = {
      name: d.env.name,
      version: 4,
      outputs,
      inputs: {
        srcs: d.inputSrcs.map(base),
        drvs: Object.fromEntries(
          Object.entries(d.inputDrvs).map(([x, o]) => [base(x), { outputs: o, dynamicOutputs: {} }]),
        ),
      },
      system: d.system,
      builder: d.builder,
      args: d.args,
      env: d.env,
    };
  }
  return { version: 4, derivations: out };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const num = (flag, dflt) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : dflt);
  const dir = args[0] !== undefined && !args[0].startsWith("--") ? args[0] : path.join(REPO, "bench", "out");
  mkdirSync(dir, { recursive: true });
  const world = await generatePackageWorld({
    paths: num("--paths", 4000),
    derivations: num("--derivations", 30000),
    meta: num("--meta", 100000),
    v4: args.includes("--v4"),
  });
  for (const [k, text] of Object.entries(world)) {
    const file = path.join(dir, `packages-${k}.json`);
    writeFileSync(file, text);
    console.log(`${file}: ${(text.length / 1e6).toFixed(1)} MB`);
  }
}
