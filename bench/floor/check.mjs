// Floor of `check LOCK --lock-only --format json -o OUT`: one finding per locked node.
import { readJson, writeJson } from "./common.mjs";

const [lockFile, out] = process.argv.slice(2);
const findings = [];
for (const [key, n] of Object.entries(readJson(lockFile).nodes))
  if (n.locked !== undefined)
    findings.push({
      rule: "stale",
      severity: "low",
      input: key,
      message: `locked at ${n.locked.rev} (${n.locked.lastModified})`,
    });
writeJson(out, { findings });
