import type { BomView, CommitView, ComponentView } from "./bom-view.js";
import type { SpecVersion } from "./options.js";
import { storeItemText } from "./store-item-json.js";
import type { StoreItem } from "./closure-view.js";
import { packageComponentJson } from "./package-json.js";
import { byString, escapeUri, propertiesJson, type Json } from "./json-parts.js";
import { authorsJson, organizationJson } from "./metadata-json.js";

/**
 * Writes CycloneDX JSON straight from the BomView, as text chunks produced on demand. The CycloneDX
 * library's serializer builds two object models and one string; for a closure of 100,000 paths that
 * is gigabytes. Here each batch of components becomes plain objects in the library's key order and
 * one JSON.stringify(…, null, 2) call prints them, nested one level so that they come out at the
 * document's indentation: the whole text is exactly what JSON.stringify(bom, null, 2) prints, which
 * test/render/json-writer-bytes.test.ts holds, and test/render/json-writer.test.ts holds it to the
 * library's output.
 */
function commitJson(c: CommitView): Json {
  const out: Record<string, Json> = { uid: c.uid, url: c.url };
  if (c.author !== undefined) out["author"] = { timestamp: c.author.timestamp, name: c.author.name };
  if (c.committer !== undefined) out["committer"] = { timestamp: c.committer.timestamp, name: c.committer.name };
  out["message"] = c.message;
  return out;
}

/** One component as the plain object the document holds. */
function componentJson(v: ComponentView): Json {
  const out: Record<string, Json> = { type: v.type, name: v.name };
  if (v.group !== undefined) out["group"] = v.group;
  if (v.version !== undefined) out["version"] = v.version;
  out["bom-ref"] = v.bomRef;
  if (v.supplier !== undefined) out["supplier"] = organizationJson({ ...v.supplier, emails: [] });
  if (v.package !== undefined) return packageComponentJson(v, v.package, out);
  if (v.sha256 !== undefined) out["hashes"] = [{ alg: "SHA-256", content: v.sha256 }];
  // Names before ids, as the CycloneDX library orders them, so JSON and XML agree.
  const licenses = [
    ...(v.licenseNames ?? []).map((name) => ({ license: { name } })),
    ...(v.licenses ?? []).map((id) => ({ license: { id } })),
  ];
  if (licenses.length > 0) out["licenses"] = licenses;
  if (v.copyright !== undefined) out["copyright"] = v.copyright;
  if (v.purl !== undefined) out["purl"] = v.purl;
  if (v.commits !== undefined && v.commits.length > 0) out["pedigree"] = { commits: v.commits.map(commitJson) };
  if (v.externalReferences.length > 0) {
    const refs =
      v.externalReferences.length > 1
        ? [...v.externalReferences].sort((a, b) => byString(a.type, b.type) || byString(a.url, b.url))
        : v.externalReferences;
    out["externalReferences"] = refs.map((r) => ({ url: escapeUri(r.url), type: r.type }));
  }
  if (v.properties.length > 0) out["properties"] = propertiesJson(v.properties);
  return out;
}

/**
 * `items` as JSON.stringify prints them inside a top-level array member: each at four spaces,
 * separated by ",\n", without the brackets. Stringifying `{"k": items}` nests them exactly there.
 */
function nestedItems(items: readonly Json[]): string {
  const text = JSON.stringify({ k: items }, null, 2);
  return text.slice('{\n  "k": [\n'.length, text.length - "\n  ]\n}".length);
}

/** One component object, its opening brace at `pad`. */
export function componentText(v: ComponentView, pad: string): string {
  return pad + JSON.stringify(componentJson(v), null, 2).replaceAll("\n", `\n${pad}`);
}

/** Sorted and without repeats; references usually arrive sorted already. */
function uniqueSorted(xs: readonly string[]): readonly string[] {
  let sorted = true;
  for (let i = 1; i < xs.length && sorted; i++) if (xs[i - 1]! >= xs[i]!) sorted = false;
  return sorted ? xs : [...new Set(xs)].sort(byString);
}

function dependencyJson(ref: string, dependsOn: readonly string[]): Json {
  // An empty dependsOn is written, not left out: cdxgen's cdx-validate rejects entries without it.
  return { ref, dependsOn: uniqueSorted(dependsOn) };
}

/** The document up to its metadata, as the text JSON.stringify prints, without the closing brace. */
function headText(view: BomView, spec: SpecVersion): string {
  const head: Record<string, Json> = {
    $schema: `http://cyclonedx.org/schema/bom-${spec}.schema.json`,
    bomFormat: "CycloneDX",
    specVersion: spec,
  };
  if (view.serialNumber !== undefined) head["serialNumber"] = view.serialNumber;
  head["version"] = 1;
  const meta: Record<string, Json> = {};
  const m = view.metadata;
  if (view.timestamp !== undefined) meta["timestamp"] = view.timestamp.toISOString();
  if (m.lifecycles.length > 0) meta["lifecycles"] = m.lifecycles.map((phase) => ({ phase }));
  const tool = { name: view.tool.name, version: view.tool.version };
  // 1.5 deprecated the tools array for tools.components.
  meta["tools"] = spec === "1.4" ? [tool] : { components: [{ type: "application", ...tool }] };
  if (m.authors.length > 0) meta["authors"] = authorsJson(m.authors);
  meta["component"] = componentJson(view.root);
  if (m.manufacture !== undefined) meta["manufacture"] = organizationJson(m.manufacture);
  if (m.supplier !== undefined) meta["supplier"] = organizationJson(m.supplier);
  if (view.metadataProperties.length > 0) meta["properties"] = propertiesJson(view.metadataProperties);
  head["metadata"] = meta;
  const text = JSON.stringify(head, null, 2);
  return text.slice(0, text.length - "\n}".length);
}

const BATCH = 100;

/** The BOM as text chunks, made as they are consumed; their concatenation is the whole document. */
export function* writeCycloneDxJsonChunks(view: BomView, spec: SpecVersion): Generator<string> {
  yield headText(view, spec);
  // What each component depends on, for the dependencies that follow: an input's list, or the store
  // item itself, which makes its list again on demand (a closure's lists are not all kept at once).
  const deps: Array<readonly [string, readonly string[] | StoreItem]> = [[view.root.bomRef, view.root.dependsOn]];
  let first = true;
  let texts: string[] = [];
  let objects: Json[] = [];
  let count = 0;
  // Store items are written by storeItemText, other components through JSON.stringify in batches;
  // pending objects are printed before a store item's text, so the order stays the view's.
  const settle = (): void => {
    if (objects.length > 0) texts.push(nestedItems(objects));
    objects = [];
  };
  const chunk = (): string => {
    settle();
    const text = `${first ? ',\n  "components": [\n' : ",\n"}${texts.join(",\n")}`;
    [texts, first, count] = [[], false, 0];
    return text;
  };
  for (const v of view.components()) {
    if ("kind" in v) {
      deps.push([v.path, v]);
      settle();
      texts.push(storeItemText(v));
    } else {
      deps.push([v.bomRef, v.dependsOn]);
      objects.push(componentJson(v));
    }
    if (++count === BATCH) yield chunk();
  }
  if (count > 0) yield chunk();
  yield first ? ',\n  "components": []' : "\n  ]";
  deps.sort((a, b) => byString(a[0], b[0]));
  yield ',\n  "dependencies": [\n';
  for (let i = 0; i < deps.length; i += 2 * BATCH)
    yield (i === 0 ? "" : ",\n") +
      nestedItems(deps.slice(i, i + 2 * BATCH).map(([r, d]) => dependencyJson(r, "kind" in d ? d.dependsOn : d)));
  yield "\n  ]\n}\n";
}

export const writeCycloneDxJson = (view: BomView, spec: SpecVersion): string =>
  [...writeCycloneDxJsonChunks(view, spec)].join("");
