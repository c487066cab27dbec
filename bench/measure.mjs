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
export function measure(args, { runs = 5, env = {}, stdoutFile } = {}) {
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
    last = spawnSync(process.execPath, ["--import", PROBE, MAIN, ...args], {
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
      throw new Error(`flake-audit ${args.join(" ")} exited ${last.status}: ${last.stderr}`);
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

export function printTable(rows) {
  const head = ["case", "median", "best", "peak RSS", "target", "ok"];
  const body = rows.map((r) => [
    r.name,
    `${r.ms.toFixed(0)} ms`,
    `${r.min.toFixed(0)} ms`,
    r.peakMb > 0 ? `${r.peakMb.toFixed(0)} MB` : "n/a",
    r.target,
    r.ok ? "yes" : "NO",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log([line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n"));
}
