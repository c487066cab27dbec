import * as Enums from "@cyclonedx/cyclonedx-library/Enums";
import * as Models from "@cyclonedx/cyclonedx-library/Models";
import * as Serialize from "@cyclonedx/cyclonedx-library/Serialize";
import { externalReference, pedigreeOf } from "./package-bom.js";
import { issueOf, type AncestorView, type PackageParts, type PatchView } from "./package-parts.js";

type Element = Serialize.XML.Types.SimpleXml.Element;
type Child = Element | Serialize.XML.Types.SimpleXml.Comment | undefined;
type Options = Parameters<Serialize.XmlSerializer["serialize"]>[1];

const text = (name: string, value: string): Element => ({ type: "element", name, children: value });

function ancestorModel(a: AncestorView): Models.Component {
  const c = new Models.Component(a.type === "file" ? Enums.ComponentType.File : Enums.ComponentType.Library, a.name, {
    ...(a.version !== undefined ? { version: a.version } : {}),
    ...(a.purl !== undefined ? { purl: a.purl } : {}),
  });
  for (const h of a.hashes) c.hashes.set(h.alg as Enums.HashAlgorithm, h.content);
  for (const r of a.refs) c.externalReferences.add(externalReference(r));
  for (const [n, v] of a.properties) c.properties.add(new Models.Property(n, v));
  return c;
}

function patchElement(p: PatchView): Element {
  const children: Element[] = [];
  if (p.url !== undefined) children.push({ type: "element", name: "diff", children: [text("url", p.url)] });
  if (p.resolves.length > 0)
    children.push({
      type: "element",
      name: "resolves",
      children: p.resolves.map((id) => {
        const issue = issueOf(id);
        const kids: Element[] = [text("id", issue.id)];
        if (issue.source !== undefined)
          kids.push({
            type: "element",
            name: "source",
            children: [text("name", issue.source.name), text("url", issue.source.url)],
          });
        return { type: "element", name: "issue", attributes: { type: issue.type }, children: kids };
      }),
    });
  return { type: "element", name: "patch", attributes: { type: p.type }, children };
}

// In the XSD's component sequence, pedigree comes right before these.
const AFTER_PEDIGREE = new Set(["externalReferences", "properties", "components", "evidence"]);

/**
 * The library's XML serializer, with `pedigree` (ancestors and patches) added to package
 * components: the library has no model for pedigree, so it is added to the normalized tree, at
 * its place in the XSD's sequence; ancestors go through the library's own component normalizer.
 */
export class PackageXmlSerializer extends Serialize.XmlSerializer {
  protected override _normalize(bom: Models.Bom, options: Options = {}): Element {
    const root = super._normalize(bom, options);
    const parts = new Map<string, PackageParts>();
    for (const c of bom.components) {
      const p = pedigreeOf.get(c);
      if (p !== undefined && c.bomRef.value !== undefined) parts.set(c.bomRef.value, p);
    }
    if (parts.size === 0) return root;
    const normalizer = this.normalizerFactory.makeForComponent();
    const components = childElements(root).find((e) => e.name === "components");
    for (const el of components !== undefined ? childElements(components) : []) {
      const p = parts.get(String(el.attributes?.["bom-ref"] ?? ""));
      if (p === undefined || (p.ancestors.length === 0 && p.patches.length === 0)) continue;
      const pedigree: Element[] = [];
      if (p.ancestors.length > 0)
        pedigree.push({
          type: "element",
          name: "ancestors",
          children: p.ancestors
            .map((a) => normalizer.normalize(ancestorModel(a), options, "component"))
            .filter((e): e is Element => e !== undefined),
        });
      if (p.patches.length > 0)
        pedigree.push({ type: "element", name: "patches", children: p.patches.map(patchElement) });
      const kids = [...((el.children as Iterable<Child> | undefined) ?? [])];
      const at = kids.findIndex((k) => k?.type === "element" && AFTER_PEDIGREE.has(k.name));
      kids.splice(at < 0 ? kids.length : at, 0, { type: "element", name: "pedigree", children: pedigree });
      el.children = kids.filter((k) => k !== undefined);
    }
    return root;
  }
}

function childElements(el: Element): Element[] {
  const kids = el.children;
  if (kids === undefined || typeof kids === "string" || typeof kids === "number") return [];
  return [...(kids as Iterable<Child>)].filter((k): k is Element => k?.type === "element");
}
