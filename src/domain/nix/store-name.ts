/** Best-effort reading of a store path name: `glibc-2.37-8-bin` → glibc, 2.37-8, output bin. */
export interface ParsedName {
  readonly pname: string;
  readonly version?: string;
  /** An output suffix such as `bin`, `dev`, `lib`, when the name carries one. */
  readonly output?: string;
  /** `.drv` store derivations. */
  readonly isDerivation: boolean;
}

// Output names nixpkgs uses often enough to recognise as a trailing segment after a version.
const OUTPUTS = new Set([
  "bin",
  "dev",
  "lib",
  "out",
  "man",
  "doc",
  "info",
  "debug",
  "static",
  "devdoc",
  "getent",
  "modules",
  "py",
  "tools",
  "data",
  "sbin",
  "terminfo",
  "examples",
  "shared",
  "python",
  "perl",
  "qt",
  "gtk",
  "udev",
  "nscd",
  "locales",
]);

const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * Splits a name the way Nix's DrvName does: the name ends at the first dash that is followed by a
 * character that is not a letter (`perl5.34.1-TimeDate-2.33` → `perl5.34.1-TimeDate`, `2.33`).
 * Nix versions are often not semver, so the version is kept as text.
 */
export function parseStoreName(name: string): ParsedName {
  const isDerivation = name.endsWith(".drv");
  const base = isDerivation ? name.slice(0, -4) : name;
  let pname = base;
  let version: string | undefined;
  for (let i = 0; i < base.length - 1; i++) {
    if (base.charCodeAt(i) === 45 /* - */ && !isLetter(base.charCodeAt(i + 1))) {
      pname = base.slice(0, i);
      version = base.slice(i + 1);
      break;
    }
  }
  let output: string | undefined;
  if (version !== undefined) {
    const dash = version.lastIndexOf("-");
    const tail = dash >= 0 ? version.slice(dash + 1) : undefined;
    if (tail !== undefined && OUTPUTS.has(tail)) {
      output = tail;
      version = version.slice(0, dash);
    }
  } else {
    const dash = base.lastIndexOf("-");
    if (dash > 0 && OUTPUTS.has(base.slice(dash + 1))) {
      output = base.slice(dash + 1);
      pname = base.slice(0, dash);
    }
  }
  return {
    pname,
    ...(version !== undefined && version !== "" ? { version } : {}),
    ...(output !== undefined ? { output } : {}),
    isDerivation,
  };
}
