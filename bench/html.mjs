// HTML report benchmark (issue 22): the check report of the 10,000-node generated lock, loaded in
// Debian's chromium (playwright-core, no download) from file://, against a naive floor: the same
// run's JSON report as one escaped <pre>. Time is goto → load → two animation frames (laid out and
// painted); memory is the page's JS heap (CDP Performance.getMetrics) and the document's size; the
// layout objects, layout and style times (the same metrics) show where the time went.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generateLock } from "./generate.mjs";
import { MAIN } from "./measure.mjs";

const CHROMIUM = "/usr/bin/chromium";
const RUNS = 3;

const escapeHtml = (s) => s.replace(/[<>&]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c]);

/** Resident memory of chromium's renderer processes (descendants of this process with --type=renderer), MB. */
function rendererMb(browserPid) {
  let kb = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      if (!cmd.includes("--type=renderer") || !descends(ppid, browserPid)) continue;
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {}
  }
  return kb / 1024;
}

function descends(pid, ancestor) {
  for (let p = pid, i = 0; p > 1 && i < 10; i++) {
    if (p === ancestor) return true;
    try {
      p = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1]);
    } catch {
      return false;
    }
  }
  return false;
}

async function load(browser, file) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const start = performance.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: 300_000 });
  await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
  const ms = performance.now() - start;
  const { metrics } = await cdp.send("Performance.getMetrics");
  const metric = (n) => metrics.find((m) => m.name === n)?.value ?? 0;
  const rssMb = rendererMb(process.pid);
  await page.close();
  return {
    ms,
    heapMb: metric("JSHeapUsedSize") / 1048576,
    nodes: metric("Nodes"),
    layoutObjects: metric("LayoutObjects"),
    layoutMs: metric("LayoutDuration") * 1000,
    styleMs: metric("RecalcStyleDuration") * 1000,
    rssMb,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function htmlBench(out) {
  if (!existsSync(CHROMIUM)) {
    console.error(`html bench skipped: ${CHROMIUM} is missing`);
    return [];
  }
  const { chromium } = await import("playwright-core");
  const lock = path.join(out, "lock-10000.lock");
  writeFileSync(lock, generateLock(10000));
  const report = (format) => {
    const file = path.join(out, `check-10000.${format}`);
    const args = [
      "check",
      lock,
      "--lock-only",
      "--now",
      "2026-11-25",
      "--fail-on",
      "none",
      "--format",
      format,
      "-o",
      file,
    ];
    const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`check --format ${format}: ${r.stderr}`);
    return file;
  };
  const html = report("html");
  const json = report("json");
  const floor = path.join(out, "check-10000-floor.html");
  writeFileSync(
    floor,
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><pre>${escapeHtml(readFileSync(json, "utf8"))}</pre></body></html>`,
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  const runs = { html: [], floor: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      runs.floor.push(await load(browser, floor));
      runs.html.push(await load(browser, html));
    }
  } finally {
    await browser.close();
  }
  const ms = median(runs.html.map((r) => r.ms));
  const floorMs = median(runs.floor.map((r) => r.ms));
  const heap = Math.max(...runs.html.map((r) => r.heapMb));
  const rss = Math.max(...runs.html.map((r) => r.rssMb));
  const floorRss = Math.max(...runs.floor.map((r) => r.rssMb));
  const mb = statSync(html).size / 1048576;
  const findings = JSON.parse(readFileSync(json, "utf8")).findings.length;
  return [
    {
      name: `check --format html in chromium, 10,000-node lock (${findings} findings; ${mb.toFixed(1)} MB page, ${runs.html[0].nodes} DOM nodes, ${runs.html[0].layoutObjects} laid out, layout ${median(runs.html.map((r) => r.layoutMs)).toFixed(0)} ms, style ${median(runs.html.map((r) => r.styleMs)).toFixed(0)} ms, JS heap ${heap.toFixed(1)} MB, renderer RSS ${rss.toFixed(0)} MB, floor's ${floorRss.toFixed(0)} MB)`,
      ms,
      min: Math.min(...runs.html.map((r) => r.ms)),
      peakMb: rss,
      floorMs,
      ratio: ms / floorMs,
      target: "< 3000 ms; page and JS heap < 20 MB",
      ok: ms < 3000 && heap < 20 && mb < 20,
    },
  ];
}
