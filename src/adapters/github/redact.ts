/**
 * The one redaction applied to every error message that leaves the GitHub adapter: the token (and
 * any other secret the adapter knows), URL credentials (`https://user:pass@host`) and bearer or
 * token authorization values are replaced, and control characters dropped. A proxy that echoes a
 * request back (headers included) must not turn an error message into a token leak.
 */
export function redact(message: string, secrets: readonly string[] = []): string {
  let out = message;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join("[redacted]");
  return (
    out
      .replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi, "$1[redacted]@")
      .replace(/\b(bearer|token|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, "$1 [redacted]")
      // GitHub's token formats, in case one arrives that the adapter was not told about.
      .replace(/\b(gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{20,})/g, "[redacted]")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
  );
}
