import { describe, expect, it } from "vitest";
import { nixCli } from "../../src/adapters/nix/nix-cli.js";
import { hostStores } from "../../src/adapters/fleet/host-stores.js";
import { InputError } from "../../src/app/errors.js";
import { hasNix, NIX_ENV, reportNixSkip } from "../support/nix.js";

reportNixSkip("nix CLI adapter");

const messageOf = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => "resolved",
    (e: unknown) => (e instanceof InputError ? (e.issues[0]?.message ?? "") : String(e)),
  );

describe.runIf(hasNix)("every nix invocation ends its options with --", () => {
  const nix = nixCli({ timeoutMs: 60_000, env: NIX_ENV });

  it("an installable that looks like an option is read as an installable, never as the option", async () => {
    // One call at a time: a promise made before it is awaited can reject unhandled meanwhile.
    for (const call of [() => nix.pathInfoClosure("--version"), () => nix.derivationClosure("--version")]) {
      const why = await messageOf(call());
      expect(why).toMatch(/^nix failed: /);
      expect(why).toContain("--version");
    }
  });

  it("host stores refuse anything but a store path of the store before nix runs", async () => {
    const stores = hostStores(NIX_ENV);
    for (const [store, p] of [
      ["auto", "path:/etc#x"],
      ["auto", "--version"],
      ["local?root=/tmp/x&store=/gnu/store", `/nix/store/${"a".repeat(32)}-x`],
    ] as const)
      expect(await messageOf(stores.closure(store, p, 60_000))).toMatch(
        /not a store path in .*nothing was asked of nix/,
      );
  });
});
