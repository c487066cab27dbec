import { err, ok, type Result } from "../result.js";

// One attribute name as installables write it unquoted: `packages`, `x86_64-linux`, `python3.11`
// is two names. No `"`, `%` (nix percent-decodes a URL fragment), `^` (an output selector), `?`,
// `#`, `/`, `:` or spaces: the name goes into a flake URL's fragment, and nothing else may.
const ATTR_NAME = /^[A-Za-z0-9_][A-Za-z0-9_'+-]*$/;
const MAX_LENGTH = 1000;

/**
 * The attribute path of a flake-relative installable (`.#packages.x86_64-linux.default`,
 * `.#nixosConfigurations.web.config.system.build.toplevel`): the only form evaluated, as the
 * flake is the checked-out commit's and nothing else (no other flake reference, URL, store path,
 * `--option` or output selector). The reason when it is not one.
 */
export function flakeAttrPath(installable: string): Result<string, string> {
  if (!installable.startsWith(".#"))
    return err("an installable is written `.#ATTRIBUTE.PATH` (an attribute of the flake at each commit)");
  const attrPath = installable.slice(2);
  if (attrPath.length === 0)
    return err("`.#` names no attribute: write the attribute path, e.g. `.#packages.x86_64-linux.default`");
  if (installable.length > MAX_LENGTH) return err(`an installable is at most ${MAX_LENGTH} characters`);
  for (const name of attrPath.split("."))
    if (!ATTR_NAME.test(name))
      return err(
        name === ""
          ? "an attribute path has no empty names (`..` or a trailing `.`)"
          : "attribute names are letters, digits and `_ ' + -` (quoted names, output selectors `^` and URLs are not evaluated)",
      );
  return ok(attrPath);
}

/** A flake's directory inside its repository ("" for the root): relative, no `..`, plain names. */
export function flakeSubdirectory(dir: string): Result<string, string> {
  const trimmed = dir.replace(/^\.\/?/, "").replace(/\/+$/, "");
  if (trimmed === "") return ok("");
  if (trimmed.length > MAX_LENGTH || trimmed.startsWith("/"))
    return err("the flake's directory is a path relative to the repository's root");
  for (const part of trimmed.split("/"))
    if (part === "" || part === "." || part === ".." || !/^[A-Za-z0-9_.+@=,-]+$/.test(part))
      return err("the flake's directory is made of plain names (letters, digits and `_ . + @ = , -`), without `..`");
  return ok(trimmed);
}
