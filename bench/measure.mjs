// Whole-process timing: each case runs the built CLI as a child process, several times.
import { spawnSync } from "node:child_process";
import { openSync, closeSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, "..");
/** The command as installed: package.json's bin (the bundle `npm run build` writes). */
export const MAIN = path.join(
  REPO,
  JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")).bin["flake-audit"],
);
const PROBE = path.join(here, "rss-probe.mjs");

/** Runs `flake-audit args…` `runs` times; returns the median wall time (ms) and the peak RSS (MB). */
export const measure = (args, opts = {}) => measureNode([MAIN, ...args], opts);

/** Runs the naive floor script bench/floor/NAME.mjs the same way, for the case's ratio. */
export const measureFloor = (name, args, opts = {}) =>
  measureNode([path.join(here, "floor", `${name}.mjs`), ...args], opts);

/**
 * A case and its floor, run alternately (floor, case, floor, case, …) so that a change in the
 * machine's load during the measurement weighs on both alike: the ratio is what the table states.
 */
export const measureBeside = (floorName, floorArgs, args, opts = {}) =>
  measureBesideArgv([path.join(here, "floor", `${floorName}.mjs`), ...floorArgs], args, opts);

/** The same with the floor's whole node argv, such as `["-e", "0"]` for the start-up cases. */
export function measureBesideArgv(floorArgv, args, opts = {}) {
  const floor = [];
  const runs = [];
  for (let i = 0; i < (opts.runs ?? 5); i++) {
    floor.push(runOnce(floorArgv, { probe: opts.probe, unset: opts.unset }));
    runs.push(runOnce([MAIN, ...args], opts));
  }
  return { floor: summary(floor), r: summary(runs) };
}

/** A case that is a script of its own (not the CLI) beside its floor, alternately as measureBeside. */
export function measureBesideNode(floorArgv, caseArgv, opts = {}) {
  const floor = [];
  const runs = [];
  for (let i = 0; i < (opts.runs ?? 5); i++) {
    floor.push(runOnce(floorArgv, { probe: opts.probe, unset: opts.unset }));
    runs.push(runOnce(caseArgv, opts));
  }
  return { floor: summary(floor), r: summary(runs) };
}

/** Runs `node argv…` `runs` times, alternating nothing else; median and best wall time, peak RSS. */
export function measureNode(argv, opts = {}) {
  const runs = [];
  for (let i = 0; i < (opts.runs ?? 5); i++) runs.push(runOnce(argv, opts));
  return summary(runs);
}

function summary(runs) {
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  const last = runs[runs.length - 1];
  return {
    ms: times[Math.floor(times.length / 2)],
    min: times[0],
    peakMb: Math.max(...runs.map((r) => r.peakMb)),
    status: last.status,
    stderr: last.stderr,
  };
}

/**
 * `probe: false` leaves out the peak-RSS preload, which would add its own start-up to both sides;
 * `unset` lists environment variables the run (and, beside a floor, the floor) goes without;
 * `statuses` the exit codes a case may end with (by default 0, 1 and 4: a report's).
 */
function runOnce(argv, { env = {}, unset = [], stdoutFile, probe = true, statuses = [0, 1, 4] } = {}) {
  // Flush what earlier cases wrote (a 250 MB SBOM, a 100 MB closure) so their writeback does not
  // land inside this measurement.
  spawnSync("sync");
  const rssFile = path.join(REPO, "bench", "out", `rss-${process.pid}.txt`);
  const fd = openSync(rssFile, "w");
  const out = stdoutFile ? openSync(stdoutFile, "w") : "ignore";
  const started = performance.now();
  const childEnv = { ...process.env, ...env, FLAKE_AUDIT_BENCH_RSS_FD: "3" };
  for (const name of unset) delete childEnv[name];
  const run = spawnSync(process.execPath, probe ? ["--import", PROBE, ...argv] : argv, {
    env: childEnv,
    stdio: ["ignore", out, "pipe", fd],
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - started;
  closeSync(fd);
  if (typeof out === "number") closeSync(out);
  const peakMb = Number(readFileSync(rssFile, "utf8").trim() || 0) / 1024;
  rmSync(rssFile, { force: true });
  if (!statuses.includes(run.status)) throw new Error(`node ${argv.join(" ")} exited ${run.status}: ${run.stderr}`);
  return { ms, peakMb, status: run.status, stderr: String(run.stderr) };
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
