import { createPublicKey, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureChecker, type VerifySignature } from "../../src/domain/fleet/signatures.js";
import { parseTrustedKey } from "../../src/domain/fleet/trusted-key.js";
import type { Closure, PathInfo } from "../../src/domain/closure/closure.js";
import { parseHash } from "../../src/domain/nix/hash.js";

// nix-formats.md §2.8, verified with Nix 2.8.0: TOP signed by fmt-test-1.
const SIG = "ejrnwibrKWFqIaPr/zQipzmVUYGlinSucSkSJc2zOkKtakY7fAJ/ix0D0BkLslf41mAWhN6n6bqQFqCX9ANiCw==";
const KEY = "fmt-test-1:zz+Vq5DLED6DBACuPOzZXBqeHItJWW/SlG6X5GLXI4s=";
const OTHER = `fmt-test-1:${Buffer.alloc(32, 3).toString("base64")}`;
const narHash = parseHash("sha256-Y82OciKw0lpsb2T3souOr+U3Uw1UdK2bCByn4G9me/4=");
const info = (signatures: PathInfo["signatures"]): PathInfo => ({
  path: "/nix/store/9i7h0flfj4f6ay26z0r42glm4xgikava-top-1.0",
  narHash: narHash.ok ? narHash.value : (undefined as never),
  narSize: 216,
  references: ["/nix/store/hs82nn0alnm60a0wvc3nyyssz5ylzgd0-source"],
  signatures,
});
const ed25519: VerifySignature = (key, message, sig) =>
  verify(
    null,
    Buffer.from(message),
    createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(key).toString("base64url") }, format: "jwk" }),
    sig,
  );
const keys = (...texts: string[]) =>
  texts.map((t) => {
    const k = parseTrustedKey(t);
    if (!k.ok) throw new Error(k.error);
    return k.value;
  });

describe("signature verdicts as nix store verify --sigs-needed 1", () => {
  it("of two keys with one name the first is used (Nix keeps the first)", () => {
    const good = info([{ keyName: "fmt-test-1", sig: SIG }]);
    expect(signatureChecker(keys(KEY, OTHER), ed25519).verdict(good, "/nix/store")).toBe("trusted");
    expect(signatureChecker(keys(OTHER, KEY), ed25519).verdict(good, "/nix/store")).toBe("invalid");
  });

  it("a malformed signature fails only its path, and the audit names it", () => {
    const check = signatureChecker(keys(KEY), ed25519);
    const noName = info([{ keyName: "", sig: "asdf" }]);
    const shortSig = {
      ...info([{ keyName: "fmt-test-1", sig: "qwer" }]),
      path: "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-b",
    };
    const good = {
      ...info([
        { keyName: "fmt-test-1", sig: SIG },
        { keyName: "", sig: "junk" },
      ]),
    };
    expect(check.verdict(noName, "/nix/store")).toBe("untrusted");
    expect(check.verdict(shortSig, "/nix/store")).toBe("invalid");
    expect(check.verdict(good, "/nix/store")).toBe("trusted");
    const list = [noName, shortSig];
    const audit = check.audit({ storeDir: "/nix/store", list } as unknown as Closure);
    expect(audit.malformed).toEqual([shortSig.path, noName.path].sort());
    expect(audit.counts).toMatchObject({ untrusted: 1, invalid: 1 });
  });
});
