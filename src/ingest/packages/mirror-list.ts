import type { InputIssue } from "../../domain/input-issue.js";
import type { MirrorTable } from "../../domain/packages/model.js";
import { err, ok, type Result } from "../../domain/result.js";

const NEXT =
  "pass the mirrors file a fetchurl derivation names in its `mirrorsFile` (nixpkgs pkgs/build-support/fetchurl/write-mirror-list.sh writes it)";
const LINE = /^([A-Za-z]+)=(.*)$/;
const ANSI_C: Readonly<Record<string, string>> = { n: "\n", t: "\t", "\\": "\\", "'": "'", '"': '"' };

/**
 * A value as bash's `set` prints it: bare words, `'…'` (literal), `\c` (the character) and `$'…'`
 * (ANSI-C: \n \t \\ \' \"), concatenated. Undefined when a quote is not closed.
 */
function unquote(v: string): string | undefined {
  let out = "";
  for (let i = 0; i < v.length; ) {
    const c = v[i];
    if (c === "'") {
      const end = v.indexOf("'", i + 1);
      if (end < 0) return undefined;
      out += v.slice(i + 1, end);
      i = end + 1;
    } else if (c === "$" && v[i + 1] === "'") {
      let j = i + 2;
      for (; j < v.length && v[j] !== "'"; j++) {
        if (v[j] === "\\" && j + 1 < v.length) out += ANSI_C[v[++j] ?? ""] ?? `\\${v[j]}`;
        else out += v[j];
      }
      if (j >= v.length) return undefined;
      i = j + 1;
    } else if (c === "\\" && i + 1 < v.length) {
      out += v[i + 1];
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Parses fetchurl's mirrors file: the lines of bash's `set` that hold a URL
 * (`set | grep -E '^[a-zA-Z]+=.*://'` in write-mirror-list.sh), e.g.
 * `gnu='https://ftpmirror.gnu.org/ https://ftp.nluug.nl/pub/gnu/'`: site → base URLs in order.
 * fetchurl's builder splits the value on whitespace and appends the file part of `mirror://site/file`.
 */
export function parseMirrorList(text: string, origin: string): Result<MirrorTable, InputIssue[]> {
  const table = new Map<string, string[]>();
  const issues: InputIssue[] = [];
  const lines = text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? "";
    if (line.trim() === "") continue;
    const m = LINE.exec(line);
    const value = m?.[2] !== undefined ? unquote(m[2]) : undefined;
    if (m?.[1] === undefined || value === undefined) {
      if (issues.length < 20)
        issues.push({
          origin,
          pointer: "",
          position: { line: n + 1, column: 1 },
          message: m === null ? "expected a line `site='url …'`" : "a quote is not closed",
          next: NEXT,
        });
      continue;
    }
    table.set(
      m[1],
      value.split(/\s+/).filter((u) => u !== ""),
    );
  }
  return issues.length > 0 ? err(issues) : ok(table);
}
