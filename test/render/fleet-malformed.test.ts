import { describe, expect, it } from "vitest";
import { renderFleetMarkdown } from "../../src/render/fleet/markdown.js";
import { renderFleetText } from "../../src/render/fleet/text.js";
import { gfmProblems, tableCellTexts } from "../support/gfm.js";
import { hostileFleet } from "../support/hostile-reports.js";

const P1 = "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-a|b`<img src=x onerror=alert(1)>";
const P2 = "/nix/store/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-b\u001b[31m\nFORGED";

/** A fleet report whose read host has `count` paths with malformed signatures, `listed` of them named. */
function withMalformed(listed: string[], count: number) {
  const r = hostileFleet("h");
  const [host, ...rest] = r.hosts;
  if (host?.signatures === undefined) throw new Error("hostileFleet has a read host with signatures");
  const signatures = { ...host.signatures, malformed: listed, malformedCount: count };
  return { ...r, hosts: [{ ...host, signatures }, ...rest] };
}

describe("fleet renderers show paths with malformed signatures (count and the first of them)", () => {
  it("text: the count, the named paths escaped for the terminal, … when more were counted", () => {
    const out = renderFleetText(withMalformed([P1, P2, "/nix/store/c", "/nix/store/d"], 7), { width: 1000 });
    const line = out.split("\n").find((l) => l.includes("malformed signatures"));
    expect(line).toBe(
      `    malformed signatures on 7 paths: ${P1}, /nix/store/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-b FORGED, /nix/store/c, …`,
    );
    expect(out).not.toMatch(/^\s*FORGED/m);
  });

  it("text: one path, all listed, no ellipsis", () => {
    const out = renderFleetText(withMalformed(["/nix/store/x-one"], 1), { width: 1000 });
    expect(out).toContain("    malformed signatures on 1 path: /nix/store/x-one\n");
  });

  it("text and Markdown: nothing when no path has a malformed signature", () => {
    const r = withMalformed([], 0);
    expect(renderFleetText(r)).not.toContain("malformed");
    expect(renderFleetMarkdown(r)).not.toContain("malformed");
  });

  it("Markdown: in the host's signatures cell, each path a code span that GFM keeps in the cell", () => {
    const md = renderFleetMarkdown(withMalformed([P1, P2], 2));
    expect(gfmProblems(md)).toEqual([]);
    const hostTable = md.slice(md.indexOf("| host |"));
    const cells = tableCellTexts(hostTable.slice(0, hostTable.indexOf("\n\n") + 1));
    const cell = cells[0]?.[5] ?? "";
    expect(cell).toContain(`malformed signatures on 2 paths: ${P1}, `);
    expect(cell).not.toContain("…");
  });
});
