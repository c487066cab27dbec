// Floor of `sbom LOCK --closure CLOSURE -o OUT`: a component per store path and per locked node.
import { closureEntries, lockComponents, readJson, writeJson } from "./common.mjs";

const [lockFile, closureFile, out] = process.argv.slice(2);
const inputs = lockComponents(readJson(lockFile));
const paths = closureEntries(readJson(closureFile));
const components = paths.map((p) => ({
  type: "file",
  name: p.path.slice(44),
  "bom-ref": p.path,
  hashes: [{ alg: "SHA-256", content: p.narHash }],
  properties: [
    { name: "nix:store_path", value: p.path },
    { name: "nix:narinfo:nar_size", value: String(p.narSize) },
    ...(p.signatures ?? []).map((s) => ({ name: "nix:narinfo:sig", value: s })),
  ],
}));
writeJson(out, {
  bomFormat: "CycloneDX",
  components: [...components, ...inputs.map(({ dependsOn, ...c }) => c)],
  dependencies: [
    ...paths.map((p) => ({ ref: p.path, dependsOn: p.references })),
    ...inputs.map((c) => ({ ref: c["bom-ref"], dependsOn: c.dependsOn })),
  ],
});
