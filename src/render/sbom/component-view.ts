import type { Organization } from "../../domain/sbom-metadata.js";
import type { PackageParts } from "./package-parts.js";

/** A component as CycloneDX sees it, in plain data; both the XML and the JSON writer start here. */
export interface ComponentView {
  readonly type: "application" | "library" | "file";
  readonly name: string;
  readonly group?: string;
  readonly version?: string;
  readonly bomRef: string;
  readonly purl?: string;
  /** SHA-256 hex, when known. */
  readonly sha256?: string;
  /** Who publishes it, when the lock says (a forge owner). */
  readonly supplier?: Organization;
  readonly externalReferences: ReadonlyArray<{
    readonly type: "vcs" | "distribution" | "security-contact";
    readonly url: string;
  }>;
  /** SPDX license ids. */
  readonly licenses?: readonly string[];
  /** Licences by name: ids CycloneDX's list does not know (written as `license.name`, never as an id). */
  readonly licenseNames?: readonly string[];
  /** Copyright lines found in the source's licence files, one per line. */
  readonly copyright?: string;
  /** pedigree.commits: the locked commit as upstream describes it (JSON only: the library has no model for it). */
  readonly commits?: readonly CommitView[];
  readonly properties: ReadonlyArray<readonly [string, string]>;
  readonly dependsOn: readonly string[];
  /** What a package component has beyond a store path's (package-view.ts). */
  readonly package?: PackageParts;
}

export interface CommitView {
  readonly uid: string;
  readonly url: string;
  readonly author?: { readonly name: string; readonly timestamp: string };
  readonly committer?: { readonly name: string; readonly timestamp: string };
  readonly message: string;
}
