import { describe, expect, it } from "vitest";
import { sanitizeUrl } from "../../src/ingest/lock/source-attrs.js";

describe("sanitizeUrl keeps credentials out of reports", () => {
  it.each([
    ["a URL without credentials is unchanged", "https://example.org/a/b.tar.gz", "https://example.org/a/b.tar.gz"],
    ["user:password userinfo is dropped", "https://user:hunter2@example.org/r.git", "https://example.org/r.git"],
    ["a bare token as userinfo is dropped", "https://ghp_abc123@github.com/o/r", "https://github.com/o/r"],
    ["userinfo on ssh is dropped too", "ssh://git@example.org/o/r", "ssh://example.org/o/r"],
    ["userinfo on git+https (scheme with +) is dropped", "git+https://u:p@example.org/r", "git+https://example.org/r"],
    ["scheme is matched case-insensitively", "HTTPS://u:p@example.org/r", "HTTPS://example.org/r"],
    ["an @ in the path is not userinfo", "https://example.org/@scope/pkg", "https://example.org/@scope/pkg"],
    ["an @ in the query is not userinfo", "https://example.org/r?who=a@b", "https://example.org/r?who=a@b"],
    ["token= is dropped", "https://example.org/r.tar.gz?token=s3cr3t", "https://example.org/r.tar.gz"],
    ["access_token is dropped", "https://example.org/r?access_token=s3cr3t", "https://example.org/r"],
    [
      "private_token (GitLab) is dropped",
      "https://gitlab.com/api/v4/x?private_token=s3cr3t",
      "https://gitlab.com/api/v4/x",
    ],
    [
      "sig (Azure SAS) is dropped, other params kept in order",
      "https://a.blob/x?sv=1&sig=abc&se=2",
      "https://a.blob/x?sv=1&se=2",
    ],
    [
      "X-Amz-Signature and X-Amz-Credential are dropped case-insensitively",
      "https://s3/x?X-Amz-Credential=AK&X-Amz-Date=1&X-Amz-Signature=ff",
      "https://s3/x?X-Amz-Date=1",
    ],
    [
      "a percent-encoded parameter name is decoded before matching",
      "https://e.org/x?%74oken=s&a=1",
      "https://e.org/x?a=1",
    ],
    [
      "password, secret, api_key and apikey are dropped",
      "https://e.org/x?password=1&secret=2&api_key=3&apikey=4",
      "https://e.org/x",
    ],
    [
      "a parameter without a value is still matched by name",
      "https://e.org/x?token&ref=main",
      "https://e.org/x?ref=main",
    ],
    [
      "names that only contain a token word are kept",
      "https://e.org/x?tokenizer=1&ref=main",
      "https://e.org/x?tokenizer=1&ref=main",
    ],
    ["empty parameters from && are dropped", "https://e.org/x?a=1&&b=2", "https://e.org/x?a=1&b=2"],
    ["a fragment after a dropped query survives", "https://e.org/x?token=s#frag", "https://e.org/x#frag"],
    ["a fragment after a kept query survives", "https://e.org/x?ref=main#dir=sub", "https://e.org/x?ref=main#dir=sub"],
    ["a malformed percent escape in a name does not throw", "https://e.org/x?%E0%A4%A=1", "https://e.org/x?%E0%A4%A=1"],
    ["a non-URL string is unchanged", "not a url", "not a url"],
    ["a bare path is unchanged", "/home/me/src", "/home/me/src"],
    ["an scp-style git address has no scheme, so it is unchanged", "git@github.com:o/r", "git@github.com:o/r"],
    ["the empty string is unchanged", "", ""],
    [
      "an unencoded @ inside the password does not leak the rest of it (userinfo ends at the LAST @)",
      "https://user:p@ss@example.org/r",
      "https://example.org/r",
    ],
    ["several @ in userinfo, then an @ in the path", "https://a@b:c@d@example.org/@x", "https://example.org/@x"],
  ])("%s", (_behaviour, url, expected) => {
    expect(sanitizeUrl(url)).toBe(expected);
  });
});
