// Floor of `sbom LOCK -o OUT`: one component and one dependency entry per locked node.
import { lockComponents, readJson, writeJson } from "./common.mjs";

const [lockFile, out] = process.argv.slice(2);
const components = lockComponents(readJson(lockFile));
writeJson(out, {
  bomFormat: "CycloneDX",
  specVersion: "1.6",
  components: components.map(({ dependsOn, ...c }) => c),
  dependencies: components.map((c) => ({ ref: c["bom-ref"], dependsOn: c.dependsOn })),
});
