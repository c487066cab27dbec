import stringWidth from "string-width";

/** The width text reports wrap to when nothing says otherwise: a terminal's usual, and files'. */
export const DEFAULT_WIDTH = 80;
/** Narrower than this, a hanging indent leaves no room for words: wrap to this instead. */
const MIN_WIDTH = 40;
/** How much deeper than its first line a wrapped line's continuations start. */
const HANGING = "  ";

/**
 * One line of prose wrapped to `width` display columns (wide characters count two, ANSI colour
 * none): broken only at spaces, so that a URL, a path or a quoted name is never cut; a word longer
 * than the room stands alone on its line. Continuations keep the line's indent plus a hanging two.
 */
export function wrapLine(line: string, width: number): string[] {
  const room = Math.max(width, MIN_WIDTH);
  if (stringWidth(line) <= room) return [line];
  const indent = /^ */.exec(line)?.[0] ?? "";
  const words = line.slice(indent.length).split(" ");
  const next = `${indent}${HANGING}`;
  const out: string[] = [];
  let current = `${indent}${words[0] ?? ""}`;
  let used = stringWidth(current);
  for (const word of words.slice(1)) {
    const w = stringWidth(word);
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
