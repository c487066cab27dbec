import { describe, expect, it } from "vitest";
import { redact } from "../../src/adapters/github/redact.js";

describe("redact (every error message leaving the GitHub adapter)", () => {
  it("removes the token, URL credentials, authorization values and control characters", () => {
    const token = "s3cr3t-value-of-the-token";
    expect(redact(`proxy said: you sent ${token}`, [token])).toBe("proxy said: you sent [redacted]");
    expect(redact("could not reach https://user:pa55@ghe.example/api/v3")).toBe(
      "could not reach https://[redacted]@ghe.example/api/v3",
    );
    expect(redact('{"authorization":"token ghp_abcdefghijklmnopqrstuvwxyz0123"}')).not.toContain("ghp_");
    expect(redact("Bearer abcdefghijklmnop")).toBe("Bearer [redacted]");
    expect(redact("a\u001b[2Jb")).toBe("a[2Jb");
  });
});
