import type { InputIssue } from "../domain/input-issue.js";

/** Wrong flags or arguments: exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Unreadable or malformed input files: exit 3. Carries every issue found. */
export class InputError extends Error {
  override readonly name = "InputError";
  readonly issues: readonly InputIssue[];
  constructor(issues: readonly InputIssue[]) {
    super(issues[0]?.message ?? "invalid input");
    this.issues = issues;
  }
}

/** A bug or a broken invariant: exit 70. */
export class InternalError extends Error {
  override readonly name = "InternalError";
}

/** GitHub rejected the credentials: exit 2, one message naming where the token came from. */
export class UpstreamAuthError extends Error {
  override readonly name = "UpstreamAuthError";
}

/** The result could not be written (no space left, no reader, an unwritable path): exit 2. */
export class OutputError extends Error {
  override readonly name = "OutputError";
}

/**
 * GitHub could not be reached or gave an unusable answer where the command cannot go on without
 * it (the pull-request comment): exit 4, like any other incomplete upstream. The message is
 * already redacted and names no response body.
 */
export class UpstreamUnavailableError extends Error {
  override readonly name = "UpstreamUnavailableError";
}
