import { stringEnd } from "./json-locate.js";

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * Where each member of the object at `/nodes` starts (the offset of its key's opening quote), by
 * member key; a key written twice keeps its last place, as JSON.parse keeps its last value. SARIF
 * results and check findings point at the line of the offending lock node.
 *
 * `text` is JSON that has parsed (the lock was read first). One loop from bracket to quote that tracks
 * depth and skips strings with indexOf: jsonc-parser's visitor, which builds a path for
 * every property, was a sixth of a small check's run (91 M of 535 M instructions for 50 nodes).
 */
export function nodeOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let depth = 0;
  // The key of the root member being read, and whether its value is the object being listed.
  let rootKey: string | undefined;
  let inNodes = false;
  // The regex engine finds the next quote or bracket natively: an interpreted loop over every
  // character cost more than the rest of the scan.
  const structural = /["{}[\]]/g;
  for (let m = structural.exec(text); m !== null; m = structural.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      if (end < 0) return out;
      let j = end + 1;
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === 58 /* : */) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (depth === 1) rootKey = key;
        else if (depth === 2 && inNodes) out.set(key, i);
      }
      structural.lastIndex = end + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth === 2) inNodes = c === 123 && rootKey === "nodes";
    } else {
      if (depth === 2) inNodes = false;
      depth--;
    }
  }
  return out;
}
