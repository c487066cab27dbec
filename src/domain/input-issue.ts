/** A 1-based line and column in a text file. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * One thing wrong with an input file, with enough to act on it:
 * `flake.lock:12:9 /nodes/nixpkgs_2/locked/rev: expected a 40-character commit id`.
 */
export interface InputIssue {
  /** The file as the user named it (`flake.lock`, `-` for stdin). */
  readonly origin: string;
  /** RFC 6901 JSON pointer, `""` for the whole document. */
  readonly pointer: string;
  readonly message: string;
  readonly position?: TextPosition;
  readonly expected?: string;
  readonly example?: string;
  /** What was found, truncated to about 200 characters. */
  readonly received?: string;
  /** The next step for the user. */
  readonly next?: string;
}
