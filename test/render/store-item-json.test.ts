import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateClosure } from "../../bench/generate.mjs";
import { closureComponents, storeItemView } from "../../src/render/sbom/closure-view.js";
import { componentText } from "../../src/render/sbom/json-writer.js";
import { storeItemText } from "../../src/render/sbom/store-item-json.js";
import { parsePathInfo } from "../../src/ingest/closure/path-info.js";
import { FIXTURES } from "../support/paths.js";

const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";
const documents: Array<[string, string]> = [
  ...readdirSync(path.join(FIXTURES, "closure"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map(
      (d) =>
        [d.name, readFileSync(path.join(FIXTURES, "closure", d.name, "app-closure.json"), "utf8")] as [string, string],
    ),
  ["generated", generateClosure(300, "map", 3) as string],
  [
    "odd",
    JSON.stringify([
      {
        path: "/nix/store/0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a-glibc-2.39-52-bin",
        narHash: NAR,
        references: ["/nix/store/1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b-gone-1.0"],
        signatures: ["z-key:AAAA", 'a-"key":BBBB', "m:\u0001x"],
        ca: "text:sha256:0qq6kcnvlp88ymjqbqrqbsdj59q1nkswcxlrp9cvbljsl7ayjxhl",
      },
      {
        path: "/nix/store/2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c-top-1.0.drv",
        narHash: "sha1:9m1skbnr5i43n3yypvda5s65vhfwdx5a",
        references: [],
      },
    ]),
  ],
];

describe("the fast store-path writer prints what the generic component writer prints", () => {
  it.each(documents)("%s", (_name, text) => {
    const parsed = parsePathInfo(text, "x");
    if (!parsed.ok) throw new Error(parsed.error[0]?.message);
    let n = 0;
    for (const item of closureComponents(parsed.value, new Map(), []).items()) {
      if (!("kind" in item)) throw new Error("a package view without packages given");
      expect(storeItemText(item)).toBe(componentText(storeItemView(item), "    "));
      n++;
    }
    expect(n).toBeGreaterThan(0);
  });
});
