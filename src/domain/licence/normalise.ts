/**
 * Licence text → the set of words it is compared by, normalised as the SPDX License List Matching
 * Guidelines allow (https://spdx.github.io/spdx-spec/v2.3/license-matching-guidelines-and-templates/):
 * case is ignored (§4), whitespace and line breaks are one separator (§3), punctuation, quotes and
 * dashes are separators (§5–§6), bullets and list numbering are dropped (§8), varietal spellings
 * count as one word (§9, the commonest of its equivalent-words list), the copyright notice is
 * dropped (§10: it is the holder's, not the licence's), and so are URLs and template placeholders
 * (`<year>`, `<copyright holders>`, which the SPDX list's texts carry). What is left is compared as
 * a set of words (licensee's method), so repeated and reordered words count once.
 */

/** A line that is a copyright notice: "Copyright (c) 2024 Jane", "(C) 2020 X", "© Y". */
const COPYRIGHT_LINE =
  /^[ \t]*(?:[-*#/;>]+[ \t]*)?(?:copyright[ \t]*(?:\(c\)|©|\d|by\b|[a-z]+[ \t]*\d)|\(c\)[ \t]*\d|©)/i;

/** Long enough for any real notice; a longer "line" is not one a reader would copy. */
const MAX_COPYRIGHT_LINE = 500;
/** Bounds what a hostile file can put into an SBOM's `copyright`. */
const MAX_COPYRIGHT_LINES = 50;

/** The SPDX equivalent-words pairs that differ between British and American licence texts. */
const EQUIVALENT: Readonly<Record<string, string>> = {
  licence: "license",
  licences: "licenses",
  licenced: "licensed",
  licencing: "licensing",
  licencor: "licensor",
  licencee: "licensee",
  acknowledgement: "acknowledgment",
  acknowledgements: "acknowledgments",
  analogue: "analog",
  offence: "offense",
  organisation: "organization",
  organisations: "organizations",
  authorised: "authorized",
  authorise: "authorize",
  behaviour: "behavior",
  favour: "favor",
  recognised: "recognized",
  utilise: "utilize",
  wilful: "willful",
  centre: "center",
  colour: "color",
  fulfil: "fulfill",
};

/** The copyright lines of a text, trimmed, in order, each once; bounded in count and length. */
export function copyrightLines(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/\r\n|\r|\n/)) {
    if (!COPYRIGHT_LINE.test(raw)) continue;
    const line = raw.trim().replace(/\s+/g, " ").slice(0, MAX_COPYRIGHT_LINE);
    // The SPDX list's own templates and "copyright notice" sentences of a licence are not notices.
    if (/<(?:year|owner|copyright|name|author|organi[sz]ation|holder)[^>]*>|\[yyyy\]/i.test(line)) continue;
    if (!/\d|©|\(c\)/i.test(line)) continue;
    if (seen.has(line)) continue;
    seen.add(line);
    out.push(line);
    if (out.length === MAX_COPYRIGHT_LINES) break;
  }
  return out;
}

/** A word that is only list numbering or a bullet: "1", "a", "iv", "ii". */
const isBullet = (w: string): boolean => w.length === 1 || /^\d+$/.test(w) || /^[ivx]{1,4}$/.test(w);

/** Copyright lines, whole, wherever they are (multiline: `^`/`$` at each line). */
const COPYRIGHT_LINES = new RegExp(`${COPYRIGHT_LINE.source}.*$`, "gim");
/** One pass: a word, or a placeholder or URL that is skipped whole (its parts are not words). */
const TOKEN = /[a-z0-9]+|<[^<>\n]{0,80}>|(?:https?|ftp):\/\/\S+|www\.\S+/g;

/** Where the terms end: what follows (Apache's and GNU's "how to apply" appendix) is optional in the SPDX templates. */
const END_OF_TERMS = /end of terms and conditions/i;

/**
 * The pairs of consecutive words a licence text is compared by (see the file comment). Pairs, not
 * single words: a licence that is another minus one sentence (0BSD and ISC, MIT-0 and MIT) uses
 * the same words, but not in the same order. One regular-expression pass.
 */
export function licenceWords(text: string): Set<string> {
  const end = text.search(END_OF_TERMS);
  const body = (end >= 0 ? text.slice(0, end) : text).replace(COPYRIGHT_LINES, " ").toLowerCase();
  const pairs = new Set<string>();
  let previous = "";
  for (const m of body.matchAll(TOKEN)) {
    const w = m[0];
    if (w.startsWith("<") || w.includes("/") || w.startsWith("www.") || isBullet(w)) continue;
    const word = EQUIVALENT[w] ?? w;
    if (previous !== "") pairs.add(`${previous} ${word}`);
    previous = word;
  }
  return pairs;
}

/**
 * The Sørensen–Dice coefficient of two word sets, 2·|A∩B| / (|A|+|B|), from 0 (nothing shared) to 1
 * (the same words). The smaller set is iterated.
 */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const total = a.size + b.size;
  if (total === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return (2 * shared) / total;
}
