import { describe, expect, it } from "vitest";
import { renderSarif } from "../../src/render/check/sarif.js";
import { oneLine } from "../../src/render/escape.js";
import { renderHostReport } from "../../src/render/fleet/host-report-json.js";
import { RENDERERS } from "../../src/render/formats.js";
import { hostileCheck, hostileDiff, hostileFleet, hostileResolve, hostileTrace } from "../support/hostile-reports.js";

/**
 * Everything JSON must escape or can trip a careless writer: quotes, backslashes, every C0 control,
 * DEL and C1, ESC sequences, U+2028/U+2029 (invalid in older JavaScript string literals), bidi,
 * U+FFFE/U+FFFF, a lone surrogate of each kind, a surrogate pair, and markup.
 */
const H = `q"b\\s/${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join("")}\u007f\u0085\u009b\u001b[31m\u2028\u2029\u202e\ufffe\uffff\ud800x\udc00😀</script><img src=x>`;

/** Every string value in a parsed JSON document. */
function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v !== null && typeof v === "object") return Object.values(v).flatMap(strings);
  return [];
}

describe("JSON outputs carry a hostile string exactly, escaped by serialisation", () => {
  it.each([
    ["check", async () => (await RENDERERS.check.json())(hostileCheck(H))],
    ["diff", async () => (await RENDERERS.diff.json())(hostileDiff(H))],
    ["trace", async () => (await RENDERERS.trace.json())(hostileTrace(H))],
    ["resolve", async () => (await RENDERERS.resolve.json())(hostileResolve(H))],
    ["fleet", async () => (await RENDERERS.fleet.json())(hostileFleet(H))],
  ])("%s", async (_name, render) => {
    const out = await render();
    // Nothing raw that a terminal would act on (JSON has only its own newlines), no lone surrogate.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the point
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(strings(JSON.parse(out))).toContain(H);
  });

  it("host-report", () => {
    const out = renderHostReport({
      tool: { name: "flake-audit", version: "0.0.0" },
      host: H,
      collectedAt: H,
      system: H,
      generation: 1,
      generations: [{ number: 1, path: H, date: H }],
      closureJson: "[]",
    });
    const back = JSON.parse(out) as { host: string; system: string; generations: Array<{ date: string }> };
    expect([back.host, back.system, back.generations[0]?.date]).toEqual([H, H, H]);
  });
});

describe("SARIF", () => {
  it("parses back, every outside string one line without controls, as the code-scanning view shows it", () => {
    const values = strings(JSON.parse(renderSarif(hostileCheck(H))));
    const seen = values.filter((v) => v.includes('q"b\\s/'));
    expect(seen.length).toBeGreaterThan(0);
    for (const v of seen) expect(v).toContain(oneLine(H));
    expect(values).toContain(oneLine(H));
  });
});
