import { toSri } from "./hash.js";
import { toFlakeUrl } from "./flake-ref.js";
import { formatInputPath } from "./input-path.js";
import type { LockedInput } from "./inventory.js";
import type { InputFacts } from "./reports.js";
import { isoDateTime } from "./source-identity.js";
import { formatStorePath } from "./store-path.js";

/** Projects a locked input onto the facts reports show about it. */
export function inputFacts(input: LockedInput): InputFacts {
  const s = input.locked;
  const forge = s.type === "github" || s.type === "gitlab" || s.type === "sourcehut";
  return {
    input: formatInputPath(input.primaryPath),
    inputPaths: input.paths.map(formatInputPath),
    type: s.type === "unknown" ? s.declaredType : s.type,
    ...(forge ? { owner: s.owner, repo: s.repo } : {}),
    url: toFlakeUrl(s),
    ...(input.original !== undefined ? { original: toFlakeUrl(input.original) } : {}),
    ...(s.rev !== undefined ? { rev: s.rev } : {}),
    ...(s.narHash !== undefined ? { narHash: toSri(s.narHash) } : {}),
    ...(s.lastModified !== undefined ? { lastModified: isoDateTime(s.lastModified) } : {}),
    ...(input.storePath !== undefined ? { storePath: formatStorePath(input.storePath) } : {}),
  };
}
