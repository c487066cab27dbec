import type { Closure, PathInfo } from "../../domain/closure.js";
import { formatContentAddress } from "../../domain/content-address.js";
import { parseStoreName } from "../../domain/drv-name.js";
import { toBase16, toPrefixedNix32 } from "../../domain/hash.js";
import type { ComponentView } from "./bom-view.js";
import { FlakeAuditProperty as FA, NixProperty as NIX } from "./properties.js";

type Props = Array<readonly [string, string]>;

/** Store facts as properties of the registered `nix:` taxonomy. */
export function storeProperties(info: PathInfo): Props {
  const props: Props = [[NIX.narHash, toPrefixedNix32(info.narHash)]];
  if (info.narSize !== undefined) props.push([NIX.narSize, String(info.narSize)]);
  if (info.deriver !== undefined) props.push([NIX.deriver, info.deriver]);
  if (info.ca !== undefined) props.push([NIX.ca, formatContentAddress(info.ca)]);
  for (const s of info.signatures) props.push([NIX.sig, `${s.keyName}:${s.sig}`]);
  if (info.references.length > 0) props.push([NIX.references, info.references.join(" ")]);
  return props;
}

function storeComponent(path: string, name: string, info: PathInfo | undefined, dependsOn: string[]): ComponentView {
  const parsed = parseStoreName(name);
  const props: Props = [[NIX.storePath, path]];
  if (info !== undefined) props.push(...storeProperties(info));
  else props.push([FA.placeholder, "referenced by the closure data but not described in it"]);
  if (parsed.output !== undefined) props.push([FA.output, parsed.output]);
  return {
    type: parsed.isDerivation ? "file" : "library",
    name: parsed.pname,
    ...(parsed.version !== undefined ? { version: parsed.version } : {}),
    bomRef: path,
    ...(info !== undefined && info.narHash.algo === "sha256" ? { sha256: toBase16(info.narHash.bytes) } : {}),
    externalReferences: [],
    properties: props,
    dependsOn,
  };
}

export interface MergeTarget {
  readonly bomRef: string;
  readonly properties: Props;
  readonly dependsOn: string[];
}

/**
 * One component per store path. A path that is a locked input's computed source path is not a
 * second component: its store facts and references join the input's component (`merged`).
 * References to paths the data does not describe become placeholder components.
 */
export function closureComponents(closure: Closure, merged: ReadonlyMap<string, MergeTarget>): ComponentView[] {
  const refOf = (p: string): string => merged.get(p)?.bomRef ?? p;
  const out: ComponentView[] = [];
  const placeholders = new Set<string>();
  for (const info of closure.infos.values()) {
    const deps: string[] = [];
    for (const r of info.references) {
      if (r === info.path) continue;
      deps.push(refOf(r));
      if (!closure.infos.has(r)) placeholders.add(r);
    }
    const target = merged.get(info.path);
    if (target !== undefined) {
      for (const p of storeProperties(info)) if (!target.properties.some((q) => q[0] === p[0] && q[1] === p[1])) target.properties.push(p);
      target.dependsOn.push(...deps);
      continue;
    }
    out.push(storeComponent(info.path, info.path.slice(closure.storeDir.length + 34), info, deps));
  }
  for (const p of placeholders) if (!merged.has(p)) out.push(storeComponent(p, p.slice(p.lastIndexOf("/") + 34), undefined, []));
  return out;
}
