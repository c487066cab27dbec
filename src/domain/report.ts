/** The envelope every report shares: who made it, from which files, and what it could not learn. */
/** Who made a report: `{ name: "flake-audit", version: "0.1.0" }`. */
export interface ToolInfo {
  readonly name: string;
  readonly version: string;
}

/** An input file a report was made from, with the SHA-256 of its bytes. */
export interface SubjectFile {
  readonly path: string;
  readonly sha256: string;
}

/** Something the report could not learn, and why. */
export interface Gap {
  readonly input?: string;
  readonly reason: string;
}
