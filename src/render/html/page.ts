import { toBase64 } from "../../domain/nix/hash.js";
import { sha256, utf8 } from "../../domain/nix/sha256.js";
import type { ToolInfo } from "../../domain/report.js";
import { h } from "./escape.js";
import { STYLE } from "./style.js";

/** `'sha256-…'`: a CSP source that allows exactly this inline style element's text. */
export const cspHash = (text: string): string => `'sha256-${toBase64(sha256(utf8(text)))}'`;

/**
 * The page's Content-Security-Policy: nothing may load or run (`default-src 'none'`: no script,
 * font, image, frame, fetch or form anywhere), and the only style is the page's own `<style>`,
 * allowed by its hash rather than by 'unsafe-inline', so an injected `<style>` or `style=` would not
 * apply either. `base-uri` and `form-action` are not covered by default-src and are closed too.
 */
export const contentSecurityPolicy = (styles: readonly string[]): string =>
  `default-src 'none'; style-src ${styles.map(cspHash).join(" ")}; base-uri 'none'; form-action 'none'`;

export interface Page {
  /** Plain text: escaped here. */
  readonly title: string;
  /** The lead under the title: already HTML (built from h() and the parts). */
  readonly lead?: string;
  /** The page's sections: already HTML. */
  readonly body: string;
  readonly tool: ToolInfo;
  /** A fixed time the report is about (its evaluatedAt), never the clock of rendering. */
  readonly at?: string;
}

/**
 * One self-contained report page: inline CSS, a strict CSP, no script and no outside request, the
 * same bytes for the same report. `lead` and `body` are HTML that the caller built with h().
 */
export function renderPage(p: Page): string {
  const csp = contentSecurityPolicy([STYLE]);
  const made = `Made by ${h(p.tool.name)} ${h(p.tool.version)}${p.at !== undefined ? ` · ${h(p.at)}` : ""}.`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${h(p.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${h(p.title)}</h1>
${p.lead ?? ""}
</header>
<main>
${p.body}
</main>
<footer>${made}</footer>
</body>
</html>
`;
}
