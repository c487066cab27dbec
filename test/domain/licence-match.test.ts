import { beforeAll, describe, expect, it } from "vitest";
import spdx from "spdx-license-list/full.js";
import { MATCH_THRESHOLD, identifyLicence, type LicenceCorpus } from "../../src/domain/licence/match.js";
import { copyrightLines, dice, licenceWords } from "../../src/domain/licence/normalise.js";
import { spdxCorpus } from "../../src/ingest/licence/spdx-texts.js";

const text = (id: string): string => {
  const entry = spdx[id];
  if (entry === undefined) throw new Error(`${id} is not in the SPDX list`);
  return entry.licenseText;
};

/** A licence as a project writes it: its own copyright line, the placeholders filled, lines rewrapped. */
const asProjectFile = (id: string, holder = "Jane Doe"): string =>
  `Copyright (c) 2024 ${holder}\n\n${text(id)
    .replace(/^.*copyright.*<.*>.*$/gim, "")
    .replace(/<owner>|<organization>|<copyright holders?>/gi, holder)
    .replace(/\s+/g, (ws) => (ws.includes("\n\n") ? "\n\n" : " "))}`;

let corpus: LicenceCorpus;
let loadMs = 0;
beforeAll(async () => {
  const start = performance.now();
  corpus = await spdxCorpus();
  loadMs = performance.now() - start;
});

describe("identifying licence files by the SPDX texts (Dice over word pairs)", () => {
  it.each([
    ["MIT", "MIT"],
    ["Apache-2.0", "Apache-2.0"],
    ["BSD-3-Clause", "BSD-3-Clause"],
    ["BSD-2-Clause", "BSD-2-Clause"],
    ["ISC", "ISC"],
    ["0BSD", "0BSD"],
    ["MIT-0", "MIT-0"],
    ["MPL-2.0", "MPL-2.0"],
    ["LGPL-2.1-only", "LGPL-2.1-only"],
  ])("a project's %s file is %s", (id, expected) => {
    const r = identifyLicence(corpus, asProjectFile(id));
    expect(r).toMatchObject({ status: "identified", spdxId: expected });
    expect(r.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it("Apache-2.0 without its appendix (as most LICENSE files are) is still Apache-2.0", () => {
    const full = text("Apache-2.0");
    const withoutAppendix = full.slice(0, full.indexOf("END OF TERMS AND CONDITIONS"));
    expect(identifyLicence(corpus, withoutAppendix)).toMatchObject({ status: "identified", spdxId: "Apache-2.0" });
  });

  it("a GNU text names the -only id and lists the ids it cannot tell apart from it", () => {
    const r = identifyLicence(corpus, text("GPL-3.0-or-later"));
    expect(r).toMatchObject({ status: "identified", spdxId: "GPL-3.0-only" });
    expect(r.status === "identified" ? r.alsoMatches : []).toEqual(expect.arrayContaining(["GPL-3.0-or-later"]));
  });

  it("a modified MIT (its condition replaced by a non-commercial clause) is unknown, never the nearest id", () => {
    const modified = asProjectFile("MIT").replace(
      /subject to the following conditions:[\s\S]*?THE SOFTWARE IS PROVIDED/,
      "subject to the following conditions: the Software may not be used for commercial purposes, sold, rented or offered as a hosted service, and any modified copy must be sent to the original author within thirty days.\n\nTHE SOFTWARE IS PROVIDED",
    );
    const r = identifyLicence(corpus, modified);
    expect(r.status).toBe("unknown");
    expect(r.score).toBeLessThan(MATCH_THRESHOLD);
  });

  it("a text that is no licence, or a pointer to one, is unknown", () => {
    expect(identifyLicence(corpus, "See LICENSE-MIT and LICENSE-APACHE.").status).toBe("unknown");
    const prose = "This project is a set of Nix expressions for building things. ".repeat(20);
    expect(identifyLicence(corpus, prose).status).toBe("unknown");
  });

  it("near variants score below the threshold against each other (why it is where it is)", () => {
    const bsd3 = licenceWords(asProjectFile("BSD-3-Clause"));
    expect(dice(bsd3, licenceWords(text("BSD-2-Clause")))).toBeLessThan(MATCH_THRESHOLD);
    expect(dice(licenceWords(asProjectFile("ISC")), licenceWords(text("0BSD")))).toBeLessThan(MATCH_THRESHOLD);
    expect(dice(licenceWords(asProjectFile("MIT")), licenceWords(text("MIT-0")))).toBeLessThan(MATCH_THRESHOLD);
  });

  it("is fast once loaded: a GPL-sized file in well under a second", () => {
    const start = performance.now();
    for (const id of ["MIT", "Apache-2.0", "GPL-3.0-only", "BSD-3-Clause"]) identifyLicence(corpus, asProjectFile(id));
    const ms = performance.now() - start;
    console.info(`SPDX corpus: import ${loadMs.toFixed(0)} ms; four files identified in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5000);
  });
});

describe("copyright lines", () => {
  it("finds notices and leaves the licence's own sentences about copyright notices", () => {
    const file = [
      "MIT License",
      "",
      "Copyright (c) 2019-2024 Jane Doe <jane@example.org>",
      "  © 2020 Example Corp.",
      "Copyright 2021 The Foo Authors",
      "",
      "Permission is hereby granted ... provided that the above",
      "copyright notice and this permission notice appear in all copies.",
      "Copyright (c) <year> <copyright holders>",
    ].join("\n");
    expect(copyrightLines(file)).toEqual([
      "Copyright (c) 2019-2024 Jane Doe <jane@example.org>",
      "© 2020 Example Corp.",
      "Copyright 2021 The Foo Authors",
    ]);
  });

  it("bounds what a file can put into the SBOM: 50 lines of at most 500 characters", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `Copyright (c) ${i} ${"x".repeat(2000)}`);
    const found = copyrightLines(lines.join("\n"));
    expect(found).toHaveLength(50);
    expect(Math.max(...found.map((l) => l.length))).toBe(500);
  });
});
