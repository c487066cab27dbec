// Floor of `graph LOCK --all --format svg -o OUT`: walk the lock JSON and print DOT, no layout at all.
import { writeFileSync } from "node:fs";
import { readJson } from "./common.mjs";

const [lockFile, out] = process.argv.slice(2);
const { nodes, root } = readJson(lockFile);
const lines = ["digraph inputs {"];
for (const [key, n] of Object.entries(nodes)) {
  lines.push(`  "${key}" [label="${key}\\n${n.locked?.type ?? ""}:${n.locked?.rev ?? ""}"];`);
  for (const [name, ref] of Object.entries(n.inputs ?? {}))
    lines.push(`  "${key}" -> "${Array.isArray(ref) ? ref.join("/") || root : ref}" [label="${name}"];`);
}
lines.push("}");
writeFileSync(out, `${lines.join("\n")}\n`);
