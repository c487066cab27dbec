import stringWidth from "string-width";

/** The width text reports wrap to when nothing says otherwise: a terminal's usual, and files'. */
export const DEFAULT_WIDTH = 80;
/** Narrower than this, a hanging indent leaves no room for words: wrap to this instead. */
const MIN_WIDTH = 40;
/** How much deeper than its first line a wrapped line's continuations start. */
const HANGING = "  ";

/**
 * Printable ASCII and the marks the reports print themselves (bullets, arrows, dashes, ellipsis,
 * ticks), each one column wide and joining no other character: a string of only these is as wide
 * as it is long. Anything else is measured by string-width, whose first string outside printable
 * ASCII builds ICU's segmenter and the emoji property class: ~60 ms, more than the rest of a small
 * `diff` or `trace` in text, whose every change line starts with `•` or `→`.
 */
export const NARROW_MARKS = "•→…—–·✓✗×≥≠‹›§∅−↔";
const NARROW = new RegExp(`^[\\u0020-\\u007e${NARROW_MARKS}]*$`);

/** Display columns of `s`: string-width's count, without its set-up for the common case. */
export const displayWidth = (s: string): number => (NARROW.test(s) ? s.length : stringWidth(s));

/**
 * One line of prose wrapped to `width` display columns (wide characters count two, ANSI colour
 * none): broken only at spaces, so that a URL, a path or a quoted name is never cut; a word longer
 * than the room stands alone on its line. Continuations keep the line's indent plus a hanging two.
 */
export function wrapLine(line: string, width: number): string[] {
  const room = Math.max(width, MIN_WIDTH);
  if (displayWidth(line) <= room) return [line];
  const indent = /^ */.exec(line)?.[0] ?? "";
  const words = line.slice(indent.length).split(" ");
  const next = `${indent}${HANGING}`;
  const out: string[] = [];
  let current = `${indent}${words[0] ?? ""}`;
  let used = displayWidth(current);
  for (const word of words.slice(1)) {
    const w = displayWidth(word);
    // A lead-in such as `→` or `•` stays with the word after it, or it would stand alone on a line.
    const leadIn = current.length - indent.length <= 2 && !current.includes(" ", indent.length);
    if (used + 1 + w <= room || leadIn) {
      current += ` ${word}`;
      used += 1 + w;
    } else {
      out.push(current.trimEnd());
      current = `${next}${word}`;
      used = next.length + w;
    }
  }
  out.push(current);
  return out;
}

/**
 * A text report's lines wrapped to `width` (see wrapLine); `verbatim(i)` keeps line i as it is
 * (lines that must compare with another tool's, line for line). Renderers call it on the lines they
 * assembled, last, so that what each line says is decided without knowing the width.
 */
export function wrapLines(
  lines: readonly string[],
  width: number = DEFAULT_WIDTH,
  verbatim: (index: number) => boolean = () => false,
): string[] {
  return lines.flatMap((line, i) => (verbatim(i) ? [line] : wrapLine(line, width)));
}
