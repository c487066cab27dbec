import type { PackageWarning } from "../domain/packages/index.js";

const s = (n: number): string => (n === 1 ? "" : "s");

/** A package-join warning as one stderr line: what did not match, how many, an example, what to do. */
export function packageWarningText(w: PackageWarning, withMeta: boolean): string {
  switch (w.kind) {
    case "no-deriver":
      return `${w.count} closure path${s(w.count)} name no deriver, so no package is known for them (e.g. ${w.example})`;
    case "deriver-not-in-derivations":
      return `${w.count} closure path${s(w.count)} have a deriver that is not in --derivations (e.g. ${w.example}); pass the derivations of the same build (nix derivation show -r)`;
    case "other-store-dir":
      return `${w.count} ${w.what === "meta" ? "meta output path" : "derivation"}${s(w.count)} are in ${w.storeDir}, not the closure's store; they describe another store`;
    case "meta-matches-nothing":
      return `--meta describes ${w.metaPaths} output path${s(w.metaPaths)} and none is in the closure: it is meta of another nixpkgs or another build`;
    case "no-meta":
      return `${w.count} package${s(w.count)} have no entry in ${withMeta ? "--meta" : "meta"} (e.g. ${w.example}); their licence is unknown`;
    case "mirrors-file-missing":
      return `${w.count} mirror:// URL${s(w.count)} could not be resolved: the fetcher's mirrorsFile is not in the local store (e.g. ${w.example}); kept as written`;
    case "unknown-mirror-site":
      return `${w.count} mirror:// URL${s(w.count)} name a site the mirrors file does not list (e.g. ${w.example}); kept as written`;
  }
}
