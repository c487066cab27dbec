import type { ResolvedEntry } from "../../domain/provenance/report.js";
import type { CommitView } from "./component-view.js";
import { FlakeAuditProperty as FA } from "./properties.js";

type Props = Array<readonly [string, string]>;

/** Without --resolve (the usual run), every input shares this empty answer. */
const NO_UPSTREAM: { readonly properties: ReadonlyArray<readonly [string, string]> } = { properties: [] };

/**
 * What --resolve adds to an input's component: license, the commit's pedigree, upstream properties.
 * Read-only to callers: the answer without --resolve is one shared object.
 */
export function upstreamFacts(e: ResolvedEntry | undefined): {
  readonly properties: ReadonlyArray<readonly [string, string]>;
  license?: string;
  commit?: CommitView;
  vcsUrl?: string;
} {
  if (e === undefined) return NO_UPSTREAM;
  const props: Props = [[FA.upstreamStatus, e.status]];
  const u = e.upstream;
  if (u === undefined) return { properties: props };
  props.push(
    [FA.upstreamRepository, u.repository],
    [FA.upstreamArchived, String(u.archived)],
    [FA.upstreamFork, String(u.fork)],
  );
  if (u.renamedFrom !== undefined) props.push([FA.upstreamRenamedFrom, u.renamedFrom]);
  if (u.parent !== undefined) props.push([FA.upstreamParent, u.parent]);
  const c = u.commit;
  if (c !== undefined) {
    const sig = c.signature.state === "unverified" ? `unverified: ${c.signature.reason}` : c.signature.state;
    props.push([FA.upstreamSignature, sig], [FA.upstreamCommitted, c.committedDate]);
  }
  if (u.reachable !== undefined)
    props.push(
      [FA.upstreamOnRef, `${u.reachable.contained}`],
      [FA.upstreamRefStatus, `${u.reachable.status} (${u.reachable.ref})`],
    );
  const commit: CommitView | undefined =
    c === undefined
      ? undefined
      : {
          uid: c.sha,
          url: c.url,
          ...(c.authorName !== undefined ? { author: { name: c.authorName, timestamp: c.authoredDate } } : {}),
          ...(c.committerName !== undefined
            ? { committer: { name: c.committerName, timestamp: c.committedDate } }
            : {}),
          message: c.messageHeadline,
        };
  return {
    properties: props,
    ...(u.license !== null ? { license: u.license } : {}),
    ...(commit !== undefined ? { commit } : {}),
    vcsUrl: u.url,
  };
}
