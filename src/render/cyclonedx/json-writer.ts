import type { BomView, ComponentView } from "./bom-view.js";
import type { SpecVersion } from "./options.js";

/**
 * Writes CycloneDX JSON straight from the BomView. The CycloneDX library's serializer builds two
 * object models before printing, which costs about 40 µs a component; closures have 100,000 of them.
 * test/render/json-writer.test.ts holds this writer to the library's output for every spec version,
 * and every golden passes the library's validator.
 */
type Json = string | number | boolean | Json[] | { [k: string]: Json };

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byPair = (a: readonly [string, string], b: readonly [string, string]): number => byString(a[0], b[0]) || byString(a[1], b[1]);

function properties(props: ReadonlyArray<readonly [string, string]>): Json[] {
  return [...props].sort(byPair).map(([name, value]) => ({ name, value }));
}

function component(v: ComponentView): { [k: string]: Json } {
  const c: { [k: string]: Json } = { type: v.type, name: v.name };
  if (v.group !== undefined) c["group"] = v.group;
  if (v.version !== undefined) c["version"] = v.version;
  c["bom-ref"] = v.bomRef;
  if (v.sha256 !== undefined) c["hashes"] = [{ alg: "SHA-256", content: v.sha256 }];
  if (v.purl !== undefined) c["purl"] = v.purl;
  if (v.externalReferences.length > 0) {
    const refs = [...v.externalReferences].sort((a, b) => byString(a.type, b.type) || byString(a.url, b.url));
    c["externalReferences"] = refs.map((r) => ({ url: r.url, type: r.type }));
  }
  if (v.properties.length > 0) c["properties"] = properties(v.properties);
  return c;
}

function tools(view: BomView, spec: SpecVersion): Json {
  // 1.5 deprecated the tools array for tools.components.
  if (spec === "1.4") return [{ name: view.tool.name, version: view.tool.version }];
  return { components: [{ type: "application", name: view.tool.name, version: view.tool.version }] };
}

/** Items of a top-level array, indented as JSON.stringify(…, null, 2) would, in chunks of 500. */
function arrayChunks(items: readonly Json[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i += 500) {
    const part = items.slice(i, i + 500).map((item) => `    ${JSON.stringify(item, null, 2).replace(/\n/g, "\n    ")}`);
    out.push((i === 0 ? "" : ",\n") + part.join(",\n"));
  }
  return out;
}

/**
 * The BOM as a list of text chunks whose concatenation is exactly JSON.stringify(bom, null, 2):
 * a closure of 100,000 paths never has to exist as one object graph and one string at once.
 */
export function writeCycloneDxJsonChunks(view: BomView, spec: SpecVersion): string[] {
  const head: { [k: string]: Json } = {
    $schema: `http://cyclonedx.org/schema/bom-${spec}.schema.json`,
    bomFormat: "CycloneDX",
    specVersion: spec,
  };
  if (view.serialNumber !== undefined) head["serialNumber"] = view.serialNumber;
  head["version"] = 1;
  const metadata: { [k: string]: Json } = {};
  if (view.timestamp !== undefined) metadata["timestamp"] = view.timestamp.toISOString();
  metadata["tools"] = tools(view, spec);
  metadata["component"] = component(view.root);
  if (view.metadataProperties.length > 0) metadata["properties"] = properties(view.metadataProperties);
  head["metadata"] = metadata;
  const sorted = [...view.components].sort((a, b) => byString(a.bomRef, b.bomRef));
  const deps = [view.root, ...sorted]
    .sort((a, b) => byString(a.bomRef, b.bomRef))
    .map((v): Json => (v.dependsOn.length > 0 ? { ref: v.bomRef, dependsOn: [...new Set(v.dependsOn)].sort(byString) } : { ref: v.bomRef }));
  const headText = JSON.stringify(head, null, 2);
  const chunks = [headText.slice(0, -2)];
  chunks.push(sorted.length === 0 ? ',\n  "components": []' : ',\n  "components": [\n', ...arrayChunks(sorted.map(component)));
  if (sorted.length > 0) chunks.push("\n  ]");
  chunks.push(',\n  "dependencies": [\n', ...arrayChunks(deps), "\n  ]\n}\n");
  return chunks;
}

export const writeCycloneDxJson = (view: BomView, spec: SpecVersion): string => writeCycloneDxJsonChunks(view, spec).join("");
