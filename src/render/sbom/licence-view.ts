import { isSupportedSpdxId } from "@cyclonedx/cyclonedx-library/SPDX";
import {
  licenceSourceLabel,
  type FilesUnknown,
  type LicenceConclusion,
  type LicenceFileFinding,
  type UpstreamUnknown,
} from "../../domain/licence/evidence.js";
import type { SourceFiles } from "../../domain/licence/evidence.js";
import { FlakeAuditProperty as FA } from "./properties.js";

type Props = Array<readonly [string, string]>;

/** Why the files could not say, and what would let them: the words of `flake-audit:license_status`. */
export const FILES_UNKNOWN: Readonly<Record<FilesUnknown, string>> = {
  "store-not-read": "the local store was not read",
  "no-store-path": "no narHash, so no store path to read",
  "not-in-store": "its source is not in the local store (nix flake archive puts it there)",
  unreadable: "its store path could not be read",
  "no-licence-file": "its source has no top-level licence file",
  skipped: "its licence files could not be read safely (flake-audit:license_file_skipped says why)",
  unidentified: "its licence files match no SPDX licence text",
};
export const UPSTREAM_UNKNOWN: Readonly<Record<UpstreamUnknown, string>> = {
  "not-resolved": "not resolved (--resolve)",
  "not-on-github": "not a GitHub source",
  "upstream-failed": "GitHub did not answer (run --resolve online)",
  "github-none": "GitHub detects no licence",
};

const score = (n: number): string => n.toFixed(3);

/** `file:COPYING: GPL-3.0-only (0.998)`, `file:NOTICE: unknown (nearest MIT, 0.412)`. */
function fileEvidence(f: LicenceFileFinding): string {
  const i = f.identification;
  if (i.status === "identified") {
    const also = i.alsoMatches.length > 0 ? `; the same text as ${i.alsoMatches.join(", ")}` : "";
    return `file:${f.file}: ${i.spdxId} (${score(i.score)}${also})`;
  }
  return `file:${f.file}: unknown${i.nearest !== undefined ? ` (nearest ${i.nearest}, ${score(i.score)})` : ""}`;
}

/** What a lock input's component says about its licence: ids, names, copyright and properties. */
export interface LicenceFacts {
  readonly ids: readonly string[];
  /** Licences CycloneDX's SPDX list does not know by id go by name, never as a made-up id. */
  readonly names: readonly string[];
  readonly copyright?: string;
  readonly properties: Props;
}

export function licenceFacts(c: LicenceConclusion, files: SourceFiles | undefined): LicenceFacts {
  const props: Props = [];
  const read = files?.status === "read" ? files : undefined;
  if (c.status === "known") {
    for (const s of c.sources) props.push([FA.licenseSource, licenceSourceLabel(s)]);
    if (c.disagreement)
      props.push([
        FA.licenseStatus,
        "disputed: the declared licence and the source's files disagree; the declared one is given",
      ]);
  } else {
    const why = [FILES_UNKNOWN[c.files], UPSTREAM_UNKNOWN[c.upstream]];
    props.push([FA.licenseStatus, `unknown: ${why.join("; ")}`]);
  }
  // Every answer, so a reader sees both sides of a disagreement and how close each file came.
  if (c.status === "known" && c.evidence.some((e) => e.source.kind === "github") && read !== undefined)
    props.push([
      FA.licenseEvidence,
      `github: ${c.evidence.find((e) => e.source.kind === "github")?.ids.join(" ") ?? ""}`,
    ]);
  for (const f of read?.files ?? []) props.push([FA.licenseEvidence, fileEvidence(f)]);
  for (const s of read?.skipped ?? []) props.push([FA.licenseFileSkipped, `${s.file}: ${s.reason}`]);
  const ids = c.status === "known" ? c.ids : [];
  const byCodePoint = (a: string, b: string): number => a.localeCompare(b);
  return {
    ids: ids.filter((id) => isSupportedSpdxId(id)).sort(byCodePoint),
    names: ids.filter((id) => !isSupportedSpdxId(id)).sort(byCodePoint),
    ...(c.copyright.length > 0 ? { copyright: c.copyright.join("\n") } : {}),
    properties: props,
  };
}
