import type { BomView, CommitView, ComponentView } from "./bom-view.js";
import type { SpecVersion } from "./options.js";
import { storeItemText } from "./store-item-json.js";

/**
 * Writes CycloneDX JSON straight from the BomView, as text chunks produced on demand. The CycloneDX
 * library's serializer builds two object models and one string; for a closure of 100,000 paths that
 * is gigabytes. The text is exactly what JSON.stringify(bom, null, 2) prints (strings are escaped by
 * JSON.stringify), and test/render/json-writer.test.ts holds it to the library's output.
 */
// Most strings here (store paths, hashes, property names) need no escaping; JSON.stringify is only
// called for those that do, which halves the cost of writing a large closure.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters JSON.stringify escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]/;
/**
 * What the CycloneDX library does to externalReferences URLs (its escapeUri): space " ' [ ] < > { }
 * percent-encoded, so the URL is a valid iri-reference and JSON and XML say the same.
 */
const escapeUri = (s: string): string =>
  s.replace(/[ "'[\]<>{}]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
const q = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);
// Bom-refs that start with "/" are store paths, which ingest holds to characters JSON never escapes
// (store-path.ts); input bom-refs ("input:…") carry lock text and are escaped.
const qRef = (s: string): string => (s.charCodeAt(0) === 47 ? `"${s}"` : q(s));
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byPair = (a: readonly [string, string], b: readonly [string, string]): number =>
  byString(a[0], b[0]) || byString(a[1], b[1]);

/** `"key": [ items ]` at `pad`, items already rendered at pad + 4; "[]" when empty. */
function list(pad: string, key: string, items: readonly string[]): string {
  if (items.length === 0) return `${pad}${q(key)}: []`;
  return `${pad}${q(key)}: [\n${items.join(",\n")}\n${pad}]`;
}

function properties(pad: string, props: ReadonlyArray<readonly [string, string]>): string {
  const inner = `${pad}    `;
  return list(
    pad,
    "properties",
    [...props].sort(byPair).map(([n, v]) => `${pad}  {\n${inner}"name": ${q(n)},\n${inner}"value": ${q(v)}\n${pad}  }`),
  );
}

function commitText(c: CommitView, pad: string): string {
  const p = `${pad}  `;
  const action = (who: { name: string; timestamp: string }): string =>
    `{\n${p}  "timestamp": ${q(who.timestamp)},\n${p}  "name": ${q(who.name)}\n${p}}`;
  const lines = [`${p}"uid": ${q(c.uid)}`, `${p}"url": ${q(c.url)}`];
  if (c.author !== undefined) lines.push(`${p}"author": ${action(c.author)}`);
  if (c.committer !== undefined) lines.push(`${p}"committer": ${action(c.committer)}`);
  lines.push(`${p}"message": ${q(c.message)}`);
  return `${pad}{\n${lines.join(",\n")}\n${pad}}`;
}

/** One component object, its opening brace at `pad`. */
export function componentText(v: ComponentView, pad: string): string {
  const p = `${pad}  `;
  const lines = [`${p}"type": ${q(v.type)}`, `${p}"name": ${q(v.name)}`];
  if (v.group !== undefined) lines.push(`${p}"group": ${q(v.group)}`);
  if (v.version !== undefined) lines.push(`${p}"version": ${q(v.version)}`);
  lines.push(`${p}"bom-ref": ${qRef(v.bomRef)}`);
  if (v.sha256 !== undefined)
    lines.push(list(p, "hashes", [`${p}  {\n${p}    "alg": "SHA-256",\n${p}    "content": ${q(v.sha256)}\n${p}  }`]));
  if (v.licenses !== undefined && v.licenses.length > 0)
    lines.push(
      list(
        p,
        "licenses",
        v.licenses.map((id) => `${p}  {\n${p}    "license": {\n${p}      "id": ${q(id)}\n${p}    }\n${p}  }`),
      ),
    );
  if (v.purl !== undefined) lines.push(`${p}"purl": ${q(v.purl)}`);
  if (v.commits !== undefined && v.commits.length > 0)
    lines.push(
      `${p}"pedigree": {\n${list(
        `${p}  `,
        "commits",
        v.commits.map((c) => commitText(c, `${p}    `)),
      )}\n${p}}`,
    );
  if (v.externalReferences.length > 0) {
    const refs = [...v.externalReferences].sort((a, b) => byString(a.type, b.type) || byString(a.url, b.url));
    lines.push(
      list(
        p,
        "externalReferences",
        refs.map((r) => `${p}  {\n${p}    "url": ${q(escapeUri(r.url))},\n${p}    "type": ${q(r.type)}\n${p}  }`),
      ),
    );
  }
  if (v.properties.length > 0) lines.push(properties(p, v.properties));
  return `${pad}{\n${lines.join(",\n")}\n${pad}}`;
}

/** Sorted and without repeats; references usually arrive sorted already. */
function uniqueSorted(xs: readonly string[]): readonly string[] {
  let sorted = true;
  for (let i = 1; i < xs.length && sorted; i++) if (xs[i - 1]! >= xs[i]!) sorted = false;
  return sorted ? xs : [...new Set(xs)].sort(byString);
}

function dependencyText(ref: string, dependsOn: readonly string[]): string {
  // An empty dependsOn is written, not left out: cdxgen's cdx-validate rejects entries without it.
  if (dependsOn.length === 0) return `    {\n      "ref": ${qRef(ref)},\n      "dependsOn": []\n    }`;
  const deps = uniqueSorted(dependsOn).map((d) => `        ${qRef(d)}`);
  return `    {\n      "ref": ${qRef(ref)},\n      "dependsOn": [\n${deps.join(",\n")}\n      ]\n    }`;
}

function headText(view: BomView, spec: SpecVersion): string {
  const lines = [
    `  "$schema": ${q(`http://cyclonedx.org/schema/bom-${spec}.schema.json`)}`,
    `  "bomFormat": "CycloneDX"`,
    `  "specVersion": ${q(spec)}`,
  ];
  if (view.serialNumber !== undefined) lines.push(`  "serialNumber": ${q(view.serialNumber)}`);
  lines.push(`  "version": 1`);
  const meta: string[] = [];
  if (view.timestamp !== undefined) meta.push(`    "timestamp": ${q(view.timestamp.toISOString())}`);
  // 1.5 deprecated the tools array for tools.components.
  const tool = `{\n        "type": "application",\n        "name": ${q(view.tool.name)},\n        "version": ${q(view.tool.version)}\n      }`;
  meta.push(
    spec === "1.4"
      ? `    "tools": [\n      {\n        "name": ${q(view.tool.name)},\n        "version": ${q(view.tool.version)}\n      }\n    ]`
      : `    "tools": {\n      "components": [\n        ${tool.replace(/\n/g, "\n  ")}\n      ]\n    }`,
  );
  meta.push(`    "component": ${componentText(view.root, "    ").trimStart()}`);
  if (view.metadataProperties.length > 0) meta.push(properties("    ", view.metadataProperties));
  lines.push(`  "metadata": {\n${meta.join(",\n")}\n  }`);
  return `{\n${lines.join(",\n")}`;
}

/** The BOM as text chunks, made as they are consumed; their concatenation is the whole document. */
export function* writeCycloneDxJsonChunks(view: BomView, spec: SpecVersion): Generator<string> {
  yield headText(view, spec);
  // Components are kept (not their dependency lists): a store item makes its list again on demand.
  const deps: Array<readonly [string, { readonly dependsOn: readonly string[] }]> = [[view.root.bomRef, view.root]];
  let batch: string[] = [];
  let first = true;
  for (const v of view.components()) {
    if ("kind" in v) {
      deps.push([v.path, v]);
      batch.push(storeItemText(v));
    } else {
      deps.push([v.bomRef, v]);
      batch.push(componentText(v, "    "));
    }
    if (batch.length === 100) {
      yield `${first ? ',\n  "components": [\n' : ",\n"}${batch.join(",\n")}`;
      [batch, first] = [[], false];
    }
  }
  if (batch.length > 0) yield `${first ? ',\n  "components": [\n' : ",\n"}${batch.join(",\n")}`;
  yield first && batch.length === 0 ? ',\n  "components": []' : "\n  ]";
  deps.sort((a, b) => byString(a[0], b[0]));
  yield ',\n  "dependencies": [\n';
  for (let i = 0; i < deps.length; i += 200)
    yield (i === 0 ? "" : ",\n") +
      deps
        .slice(i, i + 200)
        .map(([r, d]) => dependencyText(r, d.dependsOn))
        .join(",\n");
  yield "\n  ]\n}\n";
}

export const writeCycloneDxJson = (view: BomView, spec: SpecVersion): string =>
  [...writeCycloneDxJsonChunks(view, spec)].join("");
