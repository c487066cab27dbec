// Whole-process timing: each case runs the built CLI as a child process, several times.
import { spawnSync } from "node:child_process";
import { openSync, closeSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, "..");
const MAIN = path.join(REPO, "dist", "main.js");
const PROBE = path.join(here, "rss-probe.mjs");

/** Runs `flake-audit args…` `runs` times; returns the median wall time (ms) and the peak RSS (MB). */
export const measure = (args, opts = {}) => measureNode([MAIN, ...args], opts);

/** Runs the naive floor script bench/floor/NAME.mjs the same way, for the case's ratio. */
export const measureFloor = (name, args, opts = {}) =>
  measureNode([path.join(here, "floor", `${name}.mjs`), ...args], opts);

/** Runs `node argv…` `runs` times, alternating nothing else; median and best wall time, peak RSS. */
export function measureNode(argv, { runs = 5, env = {}, stdoutFile } = {}) {
  const times = [];
  let peak = 0;
  let last;
  for (let i = 0; i < runs; i++) {
    // Flush what earlier cases wrote (a 250 MB SBOM, a 100 MB closure) so their writeback does not
    // land inside this measurement.
    spawnSync("sync");
    const rssFile = path.join(REPO, "bench", "out", `rss-${process.pid}.txt`);
    const fd = openSync(rssFile, "w");
    const out = stdoutFile ? openSync(stdoutFile, "w") : "ignore";
    const started = performance.now();
    last = spawnSync(process.execPath, ["--import", PROBE, ...argv], {
      env: { ...process.env, ...env, FLAKE_AUDIT_BENCH_RSS_FD: "3" },
      stdio: ["ignore", out, "pipe", fd],
      maxBuffer: 1 << 30,
    });
    times.push(performance.now() - started);
    closeSync(fd);
    if (typeof out === "number") closeSync(out);
    peak = Math.max(peak, Number(readFileSync(rssFile, "utf8").trim() || 0) / 1024);
    rmSync(rssFile, { force: true });
    if (last.status !== 0 && last.status !== 1 && last.status !== 4)
      throw new Error(`node ${argv.join(" ")} exited ${last.status}: ${last.stderr}`);
  }
  times.sort((a, b) => a - b);
  return {
    ms: times[Math.floor(times.length / 2)],
    min: times[0],
    peakMb: peak,
    status: last.status,
    stderr: String(last.stderr),
  };
}

/**
 * A case measured beside its floor: `ratio` is the case's median over the floor's median, the
 * number the targets are stated in (absolute times vary with the machine and its load; the ratio to
 * a naive script doing the same reading and writing on the same machine varies much less).
 */
export function withFloor(name, r, floor, { maxRatio, ms, mb, extraOk = true, note = "" }) {
  const ratio = r.ms / floor.ms;
  const target = [
    maxRatio !== undefined ? `<= ${maxRatio}x floor` : undefined,
    ms !== undefined ? `< ${ms} ms` : undefined,
    mb !== undefined ? `< ${mb} MB` : undefined,
    note || undefined,
  ].filter(Boolean);
  const ok =
    extraOk &&
    (maxRatio === undefined || ratio <= maxRatio) &&
    (ms === undefined || r.ms < ms) &&
    (mb === undefined || r.peakMb < mb);
  return { name, ...r, floorMs: floor.ms, ratio, target: target.join(", ") || "(reported)", ok };
}

export function printTable(rows) {
  const head = ["case", "ratio to floor", "median", "floor", "best", "peak RSS", "target", "ok"];
  const body = rows.map((r) => [
    r.name,
    r.ratio !== undefined ? `${r.ratio.toFixed(2)}x` : "n/a",
    `${r.ms.toFixed(0)} ms`,
    r.floorMs !== undefined ? `${r.floorMs.toFixed(0)} ms` : "n/a",
    `${r.min.toFixed(0)} ms`,
    r.peakMb > 0 ? `${r.peakMb.toFixed(0)} MB` : "n/a",
    r.target,
    r.ok ? "yes" : "NO",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log([line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n"));
}
