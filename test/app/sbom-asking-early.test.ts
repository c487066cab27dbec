import { describe, expect, it } from "vitest";
import type { Revisions } from "../../src/app/ports.js";
import { askingEarly } from "../../src/app/sbom-metadata.js";

const counting = () => {
  const asked: string[] = [];
  const revisions: Revisions = {
    describe: async (file) => {
      asked.push(file);
      return `v-${file}`;
    },
  };
  return { asked, revisions };
};

describe("askingEarly: the lock's git describe asked once, at once", () => {
  it("asks for the lock now, and answers later asks for it from that one answer", async () => {
    const { asked, revisions } = counting();
    const early = askingEarly(revisions, "flake.lock");
    expect(asked).toEqual(["flake.lock"]);
    expect(await early.describe("flake.lock")).toBe("v-flake.lock");
    expect(await askingEarly(early, "flake.lock").describe("flake.lock")).toBe("v-flake.lock");
    expect(asked).toEqual(["flake.lock"]);
    expect(await early.describe("other.lock")).toBe("v-other.lock");
  });
  it("asks nothing for a lock read from stdin (no repository holds it)", () => {
    for (const stdin of ["-", "/dev/stdin"]) {
      const { asked, revisions } = counting();
      askingEarly(revisions, stdin);
      expect(asked).toEqual([]);
    }
  });
  it("a describe that fails is not an unhandled rejection while nobody awaits it", async () => {
    const failing: Revisions = { describe: () => Promise.reject(new Error("git broke")) };
    const early = askingEarly(failing, "flake.lock");
    await new Promise((r) => setTimeout(r, 10));
    await expect(early.describe("flake.lock")).rejects.toThrow("git broke");
  });
});
