import { dice, licenceWords } from "./normalise.js";

/**
 * Identifying a licence file by the SPDX License List's texts: each text and the file become sets of
 * word pairs (normalise.ts), the file is compared with every text of similar length by the
 * Sørensen–Dice coefficient, and the best text names the licence when its coefficient reaches
 * MATCH_THRESHOLD. Below it the file is `unknown`: a modified or unlisted licence is never given the
 * nearest id (which is kept, with the score, as evidence).
 */

/**
 * Licensee (GitHub's detector) takes 98% over single words after removing the optional parts of the
 * SPDX templates; this list has no templates, so its texts keep titles and placeholders a project's
 * file replaces ("ISC" for "the author"), and real files score 0.95–1.0. Measured on the 514
 * LICENSE/COPYING files in this repository's node_modules and Debian's common-licenses: 481 agree
 * with the package's declared licence, none is given another licence's id at 0.94 or more (the
 * rest are unknown, dual-licence files, or files whose text differs from what the package says).
 * Near variants stay apart (BSD-2/BSD-3, ISC/0BSD, MIT/MIT-0: test/domain/licence-match.test.ts).
 * Limit: a sentence added to a long licence changes few pairs and may still match; the score (below
 * 1.0) is in the SBOM for a reviewer.
 */
export const MATCH_THRESHOLD = 0.94;

/** Fewer distinct words than this is a pointer ("see LICENSE-MIT"), not a licence text. */
const MIN_WORDS = 20;

/** One distinct licence text of the list and every SPDX id whose text it is. */
interface CorpusText {
  readonly ids: string[];
  readonly text: string;
  /** Made the first time a file of about its length is compared with it. */
  words?: Set<string>;
}

/**
 * The SPDX texts, tokenised lazily: a file is compared only with texts of a similar length (a
 * quarter to four times its own: Dice ≥ MATCH_THRESHOLD needs word-pair sets within 12% of each
 * other's size), and each text is tokenised once, the first time it is a candidate.
 */
export interface LicenceCorpus {
  readonly texts: readonly CorpusText[];
}

/** What one file was identified as. */
export type Identification =
  | {
      readonly status: "identified";
      readonly spdxId: string;
      /** Other ids with the same text (GPL-3.0-or-later beside GPL-3.0-only): the text cannot tell them apart. */
      readonly alsoMatches: readonly string[];
      readonly score: number;
    }
  | { readonly status: "unknown"; readonly nearest?: string; readonly score: number };

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Of ids that share one text, the one the text itself names: GNU's licence texts say nothing of
 * "only" or "or later" (the notices in the sources do), so the `-only` id, as licensee and ScanCode
 * read a bare GNU text; else the shortest id not ending in `+` (the plain licence, not a deprecated
 * alias or an exception variant), then the first in code-point order.
 */
function representative(ids: readonly string[]): string {
  const only = ids.filter((id) => id.endsWith("-only"));
  const plain = ids.filter((id) => !id.endsWith("+"));
  const pool = only.length > 0 ? only : plain.length > 0 ? plain : ids;
  return [...pool].sort((a, b) => a.length - b.length || byCodePoint(a, b))[0] ?? "";
}

/** The corpus of `entries` (SPDX id, licence text); identical texts are one entry. Nothing is tokenised yet. */
export function buildCorpus(entries: Iterable<readonly [string, string]>): LicenceCorpus {
  const byText = new Map<string, CorpusText>();
  for (const [id, text] of entries) {
    const key = text.trim();
    const seen = byText.get(key);
    if (seen !== undefined) seen.ids.push(id);
    else byText.set(key, { ids: [id], text: key });
  }
  return { texts: [...byText.values()] };
}

/** Rounded down to three decimals, so a score shown as 0.950 never passes a 0.95 it did not reach. */
const floor3 = (x: number): number => Math.floor(x * 1000) / 1000;

const wordsOf = (t: CorpusText): Set<string> => {
  t.words ??= licenceWords(t.text);
  return t.words;
};

/** The SPDX licence `text` is, or `unknown` with the nearest text and its score. */
export function identifyLicence(corpus: LicenceCorpus, text: string): Identification {
  const words = licenceWords(text);
  if (words.size < MIN_WORDS) return { status: "unknown", score: 0 };
  const length = text.trim().length;
  const candidates = corpus.texts.filter((t) => t.text.length * 4 >= length && t.text.length <= length * 4);
  let best: CorpusText | undefined;
  let bestScore = 0;
  for (const t of candidates) {
    const w = wordsOf(t);
    // Dice is at most 2·min/(sum) of the two sizes: a text that cannot beat the best is not compared.
    if ((2 * Math.min(w.size, words.size)) / (w.size + words.size) <= bestScore) continue;
    const score = dice(words, w);
    if (score > bestScore) [best, bestScore] = [t, score];
  }
  if (best === undefined) return { status: "unknown", score: 0 };
  const nearest = best;
  // Texts that differ only in what normalisation removes (GPL-3.0+ and GPL-3.0-only) are one text.
  const same = candidates.filter(
    (t) => wordsOf(t).size === wordsOf(nearest).size && dice(wordsOf(t), wordsOf(nearest)) === 1,
  );
  const ids = same.flatMap((t) => t.ids);
  const id = representative(ids);
  if (bestScore < MATCH_THRESHOLD) return { status: "unknown", nearest: id, score: floor3(bestScore) };
  const alsoMatches = ids.filter((x) => x !== id).sort(byCodePoint);
  return { status: "identified", spdxId: id, alsoMatches, score: floor3(bestScore) };
}
