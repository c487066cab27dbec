import type { ResolvedEntry } from "../provenance/report.js";
import type { SbomModel } from "../sbom-model.js";
import type {
  FilesUnknown,
  LicenceConclusion,
  LicenceEvidence,
  LicenceFileFinding,
  SourceFiles,
  UpstreamUnknown,
} from "./evidence.js";

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Each line once, in the order the files were read. */
function copyrightOf(files: readonly LicenceFileFinding[]): string[] {
  return [...new Set(files.flatMap((f) => f.copyright))];
}

function filesUnknown(files: SourceFiles | undefined): FilesUnknown {
  if (files === undefined) return "store-not-read";
  if (files.status !== "read") return files.status;
  if (files.files.length > 0) return "unidentified";
  return files.skipped.length > 0 ? "skipped" : "no-licence-file";
}

function upstreamUnknown(entry: ResolvedEntry | undefined): UpstreamUnknown {
  if (entry === undefined) return "not-resolved";
  if (entry.status === "unsupported") return "not-on-github";
  return entry.status === "resolved" ? "github-none" : "upstream-failed";
}

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * A locked source's licence from its files (read from the store) and, with --resolve, GitHub's
 * detection. GitHub's answer is the declared one and wins when the two disagree (it is what the
 * repository presents as its licence; the files stay listed as evidence). Several identified files
 * (LICENSE-MIT and LICENSE-APACHE) each add their id: whether they combine with AND or OR is not in
 * the files, so no expression is made. `upstream` is undefined without --resolve.
 */
export function concludeSourceLicence(
  files: SourceFiles | undefined,
  upstream: ResolvedEntry | undefined,
  resolved: boolean,
): LicenceConclusion {
  const read = files?.status === "read" ? files.files : [];
  const copyright = copyrightOf(read);
  const fromFiles: LicenceEvidence[] = [];
  for (const f of read)
    if (f.identification.status === "identified")
      fromFiles.push({ source: { kind: "file", file: f.file }, ids: [f.identification.spdxId] });
  const github = upstream?.upstream?.license;
  const declared: LicenceEvidence[] =
    github !== undefined && github !== null ? [{ source: { kind: "github" }, ids: [github] }] : [];
  const fileIds = [...new Set(fromFiles.flatMap((e) => e.ids))].sort(byCodePoint);
  const evidence = [...declared, ...fromFiles];
  const first = declared[0];
  if (first !== undefined) {
    const ids = first.ids;
    return {
      status: "known",
      ids,
      sources: [first.source],
      evidence,
      disagreement: fileIds.length > 0 && !sameIds(ids, fileIds),
      copyright,
    };
  }
  if (fromFiles.length > 0)
    return {
      status: "known",
      ids: fileIds,
      sources: fromFiles.map((e) => e.source),
      evidence,
      disagreement: false,
      copyright,
    };
  return {
    status: "unknown",
    files: filesUnknown(files),
    upstream: resolved ? upstreamUnknown(upstream) : "not-resolved",
    unidentified: read.filter((f) => f.identification.status === "unknown"),
    copyright,
  };
}

/**
 * The licence of a lock input in an SBOM model: its files (when the store was read) and GitHub's
 * answer (with --resolve). The one decision every SBOM format shares; `unknown` is NOASSERTION in SPDX.
 */
export function inputLicence(model: SbomModel, inputId: string): LicenceConclusion {
  return concludeSourceLicence(
    model.sourceLicences?.get(inputId),
    model.provenance?.get(inputId),
    model.provenance !== undefined,
  );
}
