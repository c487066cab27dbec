import { describe, expect, it } from "vitest";
import { supplierOf } from "../../src/domain/lock/source-supplier.js";
import type { SourceRef } from "../../src/domain/lock/source-ref.js";
import { parseAuthor, parseVulnerabilityContact } from "../../src/domain/sbom-metadata.js";

const attrs = {};
const forge = (type: "github" | "gitlab" | "sourcehut", owner: string, host?: string): SourceRef => ({
  type,
  owner,
  repo: "r",
  attrs,
  ...(host !== undefined ? { host } : {}),
});
const url = (type: "git" | "tarball" | "file", u: string): SourceRef => ({ type, url: u, attrs });

describe("supplierOf: the publisher a lock names, and none invented", () => {
  it.each([
    ["github", forge("github", "NixOS"), { name: "NixOS", urls: ["https://github.com/NixOS"] }],
    [
      "gitlab subgroup on its own host",
      forge("gitlab", "group%2Fsub", "gitlab.example.org"),
      { name: "group/sub", urls: ["https://gitlab.example.org/group/sub"] },
    ],
    ["sourcehut", forge("sourcehut", "~user"), { name: "~user", urls: ["https://git.sr.ht/~user"] }],
    [
      "git on a known forge",
      url("git", "https://codeberg.org/o/r.git"),
      { name: "o", urls: ["https://codeberg.org/o"] },
    ],
    [
      "GitHub archive tarball",
      url("tarball", "https://github.com/o/r/archive/abc.tar.gz"),
      { name: "o", urls: ["https://github.com/o"] },
    ],
    [
      "FlakeHub release",
      url("tarball", "https://flakehub.com/f/NixOS/nixpkgs/0.1.0.tar.gz"),
      { name: "NixOS", urls: [] },
    ],
    // What a lock can say is not always a name a forge could have: named, but never linked.
    ["an owner with a space and a lone surrogate", forge("github", "a b\ud800"), { name: "a b\ud800", urls: [] }],
    ["an owner that climbs out", forge("gitlab", "..%2Fadmin"), { name: "../admin", urls: [] }],
    ["a host with a path", forge("gitlab", "o", "evil.example/x"), { name: "o", urls: [] }],
  ])("%s", (_what, source, supplier) => {
    expect(supplierOf(source)).toEqual({ kind: "forge", supplier });
  });

  it.each([
    ["a plain URL", url("tarball", "https://example.org/x-1.0.tar.gz"), "plain URL"],
    ["git on an unknown host", url("git", "https://git.example.org/o/r"), "plain URL"],
    ["a path", { type: "path", path: "./sub", attrs } as const, "local path"],
    ["a registry name", { type: "indirect", id: "nixpkgs", attrs } as const, "registry name"],
  ])("%s: none, and why", (_what, source, why) => {
    const s = supplierOf(source);
    expect(s.kind).toBe("none");
    expect(s.kind === "none" && s.reason).toContain(why);
  });
});

describe("minimum-element values given by people", () => {
  it.each([
    ["security@acme.example", { kind: "email", email: "security@acme.example" }],
    ["mailto:security@acme.example", { kind: "email", email: "security@acme.example" }],
    ["https://acme.example/security", { kind: "url", url: "https://acme.example/security" }],
    ["javascript:alert(1)", undefined],
    ["https://user:pw@acme.example/", undefined],
    ["a@b", undefined],
  ])("contact %s", (text, contact) => {
    expect(parseVulnerabilityContact(text)).toEqual(contact);
  });

  it.each([
    ["Jane Doe", { name: "Jane Doe" }],
    ["Jane Doe <jane@acme.example>", { name: "Jane Doe", email: "jane@acme.example" }],
    ["<jane@acme.example>", undefined],
    ["Jane\u001b[31m", undefined],
  ])("author %s", (text, author) => {
    expect(parseAuthor(text)).toEqual(author);
  });
});
