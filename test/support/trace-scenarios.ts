import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { traceUseCase } from "../../src/app/trace.js";
import type { NixStore } from "../../src/app/ports.js";
import type { TraceReport } from "../../src/domain/closure/trace-report.js";
import { FIXTURES } from "./paths.js";
import { TEST_TOOL, testFiles } from "./sbom.js";

const C = path.join(FIXTURES, "closure");
const closure = JSON.parse(readFileSync(path.join(C, "list-2.8", "app-closure.json"), "utf8")) as Array<{
  path: string;
}>;
const find = (suffix: string): string => closure.find((e) => e.path.endsWith(suffix))!.path;
const DATA_SRC = "/nix/store/10q2fdsdvdsr8nzvqs7vv5mjvf432hdg-source";
const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";
const noNix = (): NixStore => {
  throw new Error("scenarios never call nix");
};

function temp(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-trace-"));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const ZLIB = "/nix/store/2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c-zlib-1.3.1";
const ZLIB_DRV = "/nix/store/4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f-zlib-1.3.1.drv";

/** The derivation of the unattributed leaf: its build reads no locked source, so "none" is decided. */
function unattributedDerivations(): string {
  const env = { builder: "/bin/sh", name: "zlib-1.3.1", out: ZLIB, system: "x86_64-linux" };
  return JSON.stringify({
    [ZLIB_DRV]: {
      outputs: { out: { path: ZLIB } },
      inputSrcs: [],
      inputDrvs: {},
      system: "x86_64-linux",
      builder: "/bin/sh",
      args: ["-c", "mkdir $out"],
      env,
    },
  });
}

/** A closure where the traced leaf is not from any input, but an ancestor embeds one. */
function unattributedClosure(): string {
  const x = "/nix/store/0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a-system-1.0";
  const y = "/nix/store/1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b-libfoo-2.3";
  const z = ZLIB;
  return JSON.stringify([
    { path: x, narHash: NAR, narSize: 1, references: [DATA_SRC, y] },
    { path: y, narHash: NAR, narSize: 1, references: [z] },
    { path: z, narHash: NAR, narSize: 1, references: [], deriver: ZLIB_DRV },
    {
      path: DATA_SRC,
      narHash: "sha256-FHbp1aFa0rVZupl2xvW0Aacim14444Vl9Qhdui2bBmM=",
      narSize: 296,
      references: [],
      ca: "fixed:r:sha256:0qq6kcnvlp88ymjqbqrqbsdj59q1nkswcxlrp9cvbljsl7ayjxhl",
    },
  ]);
}

/** A lock whose input carries hostile text: ANSI escapes, Markdown, HTML, a mention. */
function hostileLock(): string {
  const url = "https://evil.example/x`|y<img src=x onerror=alert(1)>@admin[link](http://e.vil)\u001b[31mred.tar.gz";
  return JSON.stringify({
    nodes: {
      root: { inputs: { "pwn|`x`": "evil" } },
      evil: { locked: { type: "tarball", url, narHash: NAR }, original: { type: "tarball", url } },
    },
    root: "root",
    version: 7,
  });
}

export async function traceScenarios(): Promise<Array<[string, TraceReport]>> {
  const lock = path.join(C, "app.flake.lock");
  const list = path.join(C, "list-2.8", "app-closure.json");
  const drvs = path.join(C, "app.derivations.json");
  const base = { lockExplicit: true, tool: TEST_TOOL } as const;
  const run = (req: Parameters<typeof traceUseCase>[0]) => traceUseCase(req, testFiles, noNix);
  const hostileSource = "/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source";
  return [
    ["source-of-input", await run({ ...base, path: DATA_SRC, lockPath: lock, closure: { file: list } })],
    [
      "output-with-derivations",
      await run({ ...base, path: find("top-bin-3.0"), lockPath: lock, closure: { file: list }, derivationsPath: drvs }),
    ],
    [
      "output-references-only",
      await run({ ...base, path: `${find("app-2.1")}/bin/app`, lockPath: lock, closure: { file: list } }),
    ],
    [
      "not-from-any-input",
      await run({
        ...base,
        path: ZLIB,
        lockPath: lock,
        closure: { file: temp("c.json", unattributedClosure()) },
        derivationsPath: temp("d.json", unattributedDerivations()),
      }),
    ],
    // Without the closure or derivations of a build output, whether it came from an input is not known.
    ["undecided-lock-only", await run({ ...base, path: find("app-2.1"), lockPath: lock })],
    [
      "not-in-closure",
      await run({
        ...base,
        path: "/nix/store/3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d-ghost-0.1",
        lockPath: lock,
        closure: { file: list },
      }),
    ],
    ["lock-only", await run({ ...base, path: DATA_SRC, lockPath: lock })],
    ["hostile-strings", await run({ ...base, path: hostileSource, lockPath: temp("flake.lock", hostileLock()) })],
  ];
}
