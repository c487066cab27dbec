// Floor of `diff OLD NEW --lock-only --format json -o OUT`: nodes compared by key, one change each.
import { readJson, writeJson } from "./common.mjs";

const [a, b, out] = process.argv.slice(2);
const [oldLock, newLock] = [readJson(a), readJson(b)];
const changes = [];
for (const [key, n] of Object.entries(newLock.nodes)) {
  const o = oldLock.nodes[key];
  if (o?.locked === undefined || n.locked === undefined) continue;
  if (JSON.stringify(o.locked) !== JSON.stringify(n.locked))
    changes.push({ input: key, kind: "updated", old: o.locked, new: n.locked });
}
writeJson(out, { changes });
