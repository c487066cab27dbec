// Shared by the floor scripts: the least a program doing the case's job must do, done naively
// (JSON.parse in, one JSON.stringify out), so the benchmark can report each case as a ratio to it.
import { readFileSync, writeFileSync } from "node:fs";

export const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
export const writeJson = (file, value) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** One SBOM-shaped component per lock node with locked attributes: what `sbom` writes per input. */
export function lockComponents(lock) {
  const out = [];
  for (const [key, node] of Object.entries(lock.nodes)) {
    if (node.locked === undefined) continue;
    const l = node.locked;
    out.push({
      type: "library",
      name: l.repo ?? key,
      version: l.rev,
      "bom-ref": `input:${key}`,
      hashes: [{ alg: "SHA-256", content: l.narHash }],
      purl: `pkg:${l.type}/${l.owner}/${l.repo}@${l.rev}`,
      externalReferences: [{ url: l.url ?? `https://github.com/${l.owner}/${l.repo}`, type: "vcs" }],
      properties: Object.entries(l).map(([name, value]) => ({ name: `flake-audit:${name}`, value: String(value) })),
      dependsOn: Object.values(node.inputs ?? {}).map((v) => `input:${v}`),
    });
  }
  return out;
}

/** The closure's entries whatever its shape (a list of path-info, or a map keyed by path). */
export const closureEntries = (doc) =>
  Array.isArray(doc) ? doc : Object.entries(doc).map(([path, info]) => ({ path, ...info }));
