import { describe, expect, it } from "vitest";
import { storeDirOf, storeUriProblem } from "../../src/domain/fleet/store-uri.js";

describe("fleet-file store URIs carry only the store parameters flake-audit documents", () => {
  it.each([
    "ssh-ng://deploy@web-1",
    "ssh://deploy@web-1?ssh-key=/etc/flake-audit/id_ed25519&compress=true",
    "ssh-ng://root@h?remote-store=local?root=/srv/web-3",
    "ssh-ng://h?base64-ssh-public-host-key=c3NoLWVkMjU1MTkgQUFBQQ==",
    "local?root=/mnt/web-2",
    "daemon",
    "auto",
    "unix:///run/nix/socket",
    "https://cache.example.org?trusted=true",
    "s3://bucket?region=eu-west-1&endpoint=https://minio.local:9000",
    "local?root=/mnt/h&store=/gnu/store&state=/mnt/h/state&log=/mnt/h/log&real=/mnt/h/real",
  ])("allows %s", (uri) => expect(storeUriProblem(uri)).toBeUndefined());

  it.each([
    ["ssh-ng://h?remote-program=/tmp/evil", /remote-program.*run a program/],
    ["ssh://h?remote-program=sh%20-c%20id", /remote-program/],
    ["ssh-ng://h?remote-store=local?root=/x&remote-program=x", /remote-program/],
    ["ssh-ng://h?remote-store=ssh://other", /remote-store.*a store on the host/],
    ["https://cache.example.org?secret-key=/etc/nix/key", /'secret-key' is not one flake-audit allows/],
    ["https://cache.example.org?local-nar-cache=/tmp/x", /local-nar-cache/],
    ["local?root=/mnt/../etc", /'\.\.' is refused/],
    ["local?root=relative", /absolute path/],
    ["ssh-ng://h?ssh-key=/k&ssh-key=/j", /given twice/],
    ["ssh-ng://h?remote%2Dprogram=x", /not a plain name/],
    ["ssh-ng://h#frag", /'#'/],
    ["ssh-ng://h?compress=yes", /true or false/],
    ["local?root=/x%ZZ", /percent-encoding/],
  ])("refuses %s", (uri, why) => expect(storeUriProblem(uri)).toMatch(why));

  it("the store directory of a store: its store parameter, else /nix/store", () => {
    expect(storeDirOf("local?root=/mnt/h")).toBe("/nix/store");
    expect(storeDirOf("ssh-ng://h?store=/gnu/store")).toBe("/gnu/store");
  });
});
