import { createPublicKey, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentAddressMatches, pathFingerprint } from "../../src/domain/fleet/fingerprint.js";
import { systemFromProfile } from "../../src/domain/fleet/generations.js";
import { signatureChecker, type VerifySignature } from "../../src/domain/fleet/signatures.js";
import { parseTrustedKey } from "../../src/domain/fleet/trusted-key.js";
import type { PathInfo } from "../../src/domain/closure/closure.js";
import { parseHash } from "../../src/domain/nix/hash.js";
import { parseContentAddress } from "../../src/domain/nix/content-address.js";

// nix-formats.md §2.8, verified with Nix 2.8.0.
const TOP: PathInfo = {
  path: "/nix/store/9i7h0flfj4f6ay26z0r42glm4xgikava-top-1.0",
  narHash: hash("sha256-Y82OciKw0lpsb2T3souOr+U3Uw1UdK2bCByn4G9me/4="),
  narSize: 216,
  references: ["/nix/store/hs82nn0alnm60a0wvc3nyyssz5ylzgd0-source"],
  signatures: [
    {
      keyName: "fmt-test-1",
      sig: "ejrnwibrKWFqIaPr/zQipzmVUYGlinSucSkSJc2zOkKtakY7fAJ/ix0D0BkLslf41mAWhN6n6bqQFqCX9ANiCw==",
    },
  ],
};
const KEY = "fmt-test-1:zz+Vq5DLED6DBACuPOzZXBqeHItJWW/SlG6X5GLXI4s=";

function hash(text: string) {
  const h = parseHash(text);
  if (!h.ok) throw new Error(h.error);
  return h.value;
}

const ed25519: VerifySignature = (key, message, sig) =>
  verify(
    null,
    Buffer.from(message),
    createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(key).toString("base64url") }, format: "jwk" }),
    sig,
  );

const trusted = (text: string) => {
  const k = parseTrustedKey(text);
  if (!k.ok) throw new Error(k.error);
  return k.value;
};

describe("fleet signatures", () => {
  it("builds Nix's fingerprint for the documented vector", () => {
    expect(pathFingerprint(TOP)).toBe(
      "1;/nix/store/9i7h0flfj4f6ay26z0r42glm4xgikava-top-1.0;sha256:1zkvcrpy19qw12dssx2l1m9kgrdgis5v5xv4dxn5mlmh49r8xkb3;216;/nix/store/hs82nn0alnm60a0wvc3nyyssz5ylzgd0-source",
    );
  });

  it("judges trusted, untrusted, unsigned and invalid as nix store verify does", () => {
    const checker = signatureChecker([trusted(KEY)], ed25519);
    expect(checker.verdict(TOP, "/nix/store")).toBe("trusted");
    expect(checker.verdict({ ...TOP, signatures: [] }, "/nix/store")).toBe("unsigned");
    expect(checker.verdict({ ...TOP, signatures: [{ ...TOP.signatures[0]!, keyName: "other-1" }] }, "/nix/store")).toBe(
      "untrusted",
    );
    expect(checker.verdict({ ...TOP, narSize: 217 }, "/nix/store")).toBe("invalid");
    expect(checker.verdict({ ...TOP, signatures: [{ keyName: "fmt-test-1", sig: "short" }] }, "/nix/store")).toBe(
      "invalid",
    );
  });

  it("verifies each (path, signature) once, and a different copy of the path again", () => {
    const checker = signatureChecker([trusted(KEY)], ed25519);
    for (let i = 0; i < 5; i++) checker.verdict({ ...TOP, references: [...TOP.references] }, "/nix/store");
    expect(checker.verifications()).toBe(1);
    expect(checker.verdict({ ...TOP, narSize: 1 }, "/nix/store")).toBe("invalid");
    expect(checker.verifications()).toBe(2);
  });

  it("treats a path whose content address yields its name as content-addressed", () => {
    const ca = parseContentAddress("fixed:sha256:0zry3bax9v4b4hijmyq7j1m7j9rlm0rj7g9l2kpz7i189cp7savh");
    if (!ca.ok) throw new Error(ca.error);
    const flat: PathInfo = {
      path: "/nix/store/w1bsiw08wifrvnnmpn83y8mq7c0pd0kb-source",
      narHash: hash("sha256-rM5kCCR6UbxXcfBpvp9+LovcAeoisdn/u/7fsxu1oRg="),
      narSize: 120,
      references: [],
      ca: ca.value,
      signatures: [],
    };
    expect(contentAddressMatches(flat, "/nix/store")).toBe(true);
    expect(
      contentAddressMatches({ ...flat, path: "/nix/store/4a9rf5r7gsipi877zs9893vhvayv7hv7-source" }, "/nix/store"),
    ).toBe(false);
    expect(signatureChecker([], ed25519).verdict(flat, "/nix/store")).toBe("contentAddressed");
  });

  it("rejects malformed trusted keys with a reason", () => {
    expect(parseTrustedKey("no-colon").ok).toBe(false);
    expect(parseTrustedKey("k:dG9vc2hvcnQ=").ok).toBe(false);
    expect(parseTrustedKey("bad name:zz+Vq5DLED6DBACuPOzZXBqeHItJWW/SlG6X5GLXI4s=").ok).toBe(false);
  });

  it("reads generations from a profile listing; system-12 is not system-2", () => {
    const s = systemFromProfile({
      profile: "system",
      profileTarget: "system-12-link",
      links: [
        { name: "system-2-link", target: "/nix/store/a", mtime: 0 },
        { name: "system-12-link", target: "/nix/store/b", mtime: 86400 },
      ],
    });
    expect(s).toEqual({
      system: "/nix/store/b",
      generation: 12,
      generations: [
        { number: 12, path: "/nix/store/b", date: "1970-01-02T00:00:00Z" },
        { number: 2, path: "/nix/store/a", date: "1970-01-01T00:00:00Z" },
      ],
    });
  });
});
