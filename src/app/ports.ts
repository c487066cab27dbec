/** A file read whole, with the SHA-256 of its bytes. */
export interface FileText {
  /** As the user named it (`flake.lock`, `-`). */
  readonly displayPath: string;
  readonly text: string;
  readonly sha256: string;
  /** The name of the directory holding the file (the flake's name by default). */
  readonly directoryName: string;
}

/** Reading input files. Missing, unreadable or odd files become InputError with a friendly message. */
export interface Files {
  readText(path: string): Promise<FileText>;
}

/** Diagnostics on stderr; never the result. */
export interface Log {
  warn(message: string): void;
  info(message: string): void;
}
