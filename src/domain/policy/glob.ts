/**
 * Input-path globs for policies: `*` matches within one path segment, `**` across segments,
 * `?` one character. `home-manager/*` matches `home-manager/nixpkgs`; `**​/nixpkgs` every nixpkgs.
 */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

export const matchesGlob = (glob: string, input: string): boolean => globToRegExp(glob).test(input);
