import { isSupportedSpdxId } from "@cyclonedx/cyclonedx-library/SPDX";
import type { ComponentView } from "../component-view.js";

/**
 * What SPDX says about a package's licences. `declared` is an SPDX licence expression, or undefined
 * for NOASSERTION; `note` names what is known but is no SPDX expression (a licence nixpkgs meta or
 * GitHub names without an SPDX id), so nothing is ever made up.
 */
export interface LicenceChoice {
  readonly declared?: string;
  readonly note?: string;
}

/**
 * The one place the declared licence is chosen. In order: nixpkgs meta on a package (package-view.ts's
 * CycloneDX entries: ids it knows, names, or one `AND` expression), else a lock input's concluded
 * licence (GitHub's with `--resolve`, else its licence files in the local store). An entry without an SPDX id makes
 * the whole choice NOASSERTION with the names in the note: an `AND` with an unknown part is unknown.
 */
export function chooseLicence(v: ComponentView): LicenceChoice {
  const entries = v.package?.licenses ?? [];
  if (entries.length > 0) {
    const ids: string[] = [];
    const names: string[] = [];
    for (const e of entries)
      if ("expression" in e) ids.push(e.expression);
      else if ("id" in e) ids.push(e.id);
      else names.push(e.name);
    if (names.length === 0) return { declared: ids.length > 1 ? ids.join(" AND ") : ids[0]! };
    return { note: `nixpkgs meta declares licences without an SPDX id: ${[...names, ...ids].join("; ")}` };
  }
  // A lock input's licence as render/sbom/licence-view.ts concluded it: GitHub's declared answer,
  // else the one its licence files in the local store matched (ids CycloneDX knows, and names).
  const upstream = v.licenses ?? [];
  const names = v.licenseNames ?? [];
  if (upstream.length === 0 && names.length === 0) return {};
  if (names.length === 0 && upstream.every((id) => isSupportedSpdxId(id))) return { declared: upstream.join(" AND ") };
  return { note: `the source's licence is named '${[...upstream, ...names].join("; ")}', not an SPDX id` };
}

/**
 * The concluded licence: flake-audit concludes nothing (no one has reviewed the sources), so
 * undefined (NOASSERTION) until a source of concluded licences exists in the model.
 */
export const concludedLicence = (_v: ComponentView): string | undefined => undefined;

/** Copyright text: the lines found in the source's licence files; undefined (NOASSERTION) without. */
export const copyrightOf = (v: ComponentView): string | undefined => v.copyright;
