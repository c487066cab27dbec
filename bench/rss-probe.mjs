// Preloaded with `node --import` by the benchmark: reports the whole process's peak RSS at exit.
import { writeSync } from "node:fs";

process.on("exit", () => {
  const path = process.env.FLAKE_AUDIT_BENCH_RSS_FD;
  if (path !== undefined) writeSync(Number(path), `${process.resourceUsage().maxRSS}\n`);
});
