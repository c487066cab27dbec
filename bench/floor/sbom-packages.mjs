// Floor of `sbom --closure C --derivations D --meta M -o OUT`: reads the same three files and writes
// one component per store path, named from its derivation and licensed from meta by output path.
import { closureEntries, readJson, writeJson } from "./common.mjs";

const [closureFile, drvFile, metaFile, out] = process.argv.slice(2);
const paths = closureEntries(readJson(closureFile));
const drvDoc = readJson(drvFile);
const drvs = drvDoc.derivations ?? drvDoc;
const meta = readJson(metaFile);
const metaByOut = new Map();
for (const entry of Object.values(meta))
  for (const p of Object.values(entry.outputs ?? {})) metaByOut.set(p, entry.meta);
const components = paths.map((p) => {
  const env = (drvs[p.deriver] ?? drvs[p.deriver?.slice(11)])?.env ?? {};
  const m = metaByOut.get(p.path);
  const lic = m?.license === undefined ? [] : [m.license].flat();
  return {
    type: "library",
    name: env.pname ?? p.path.slice(44),
    version: env.version,
    "bom-ref": p.path,
    hashes: [{ alg: "SHA-256", content: p.narHash }],
    licenses: lic.map((l) => ({ license: l.spdxId !== undefined ? { id: l.spdxId } : { name: l.fullName } })),
    properties: [{ name: "nix:store_path", value: p.path }],
  };
});
writeJson(out, {
  bomFormat: "CycloneDX",
  components,
  dependencies: paths.map((p) => ({ ref: p.path, dependsOn: p.references })),
});
