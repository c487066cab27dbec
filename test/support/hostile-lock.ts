/**
 * Text that would run, load or restyle something if a renderer let it through: a script element,
 * an attribute break-out into an `<img onerror>`, a `javascript:` target, a style element hiding the
 * page, and a bidi override. Each payload sets `window.__pwned` or opens a dialog when it runs, which
 * the browser tests watch for.
 */
export const HOSTILE =
  '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2;alert(1)"></style><style>*{display:none}</style>\u202e';

const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";

/** A flake.lock whose input names, owners, refs and URLs carry HOSTILE and `javascript:` targets. */
export function hostileLock(): string {
  const nodes = {
    root: { inputs: { [HOSTILE]: "a", js: "b", gitx: "c" } },
    a: {
      locked: {
        type: "github",
        owner: `o${HOSTILE}`,
        repo: "r",
        rev: "a".repeat(40),
        narHash: NAR,
        lastModified: 1_700_000_000,
      },
      original: { type: "github", owner: "o", repo: "r", ref: HOSTILE },
    },
    b: {
      locked: { type: "tarball", url: "javascript:window.__pwned=3", narHash: NAR },
      original: { type: "tarball", url: "javascript:window.__pwned=3" },
    },
    c: {
      locked: {
        type: "git",
        url: `https://example.org/"><img src=x onerror=alert(1)>?a=${HOSTILE}`,
        rev: "b".repeat(40),
        narHash: NAR,
      },
      original: { type: "git", url: "https://example.org/x" },
    },
  };
  return `${JSON.stringify({ nodes, root: "root", version: 7 }, null, 2)}\n`;
}
