import { z } from "zod";
import { err, ok, type Result } from "../domain/result.js";
import type { InputIssue } from "./issues.js";
import { parseJsonDocument, withPositions } from "./json-document.js";
import { zodIssues } from "./zod-issues.js";

/** What pr-review takes from the workflow's event (GITHUB_EVENT_PATH); absent fields stay absent. */
export interface GithubEvent {
  readonly base?: string;
  readonly head?: string;
  readonly pr?: number;
}

const Sha = z.string().regex(/^[0-9a-f]{40}$|^[0-9a-f]{64}$/, "expected a commit id (40 hex digits)");

// Only the fields used; other events (push, workflow_dispatch) have no pull_request and are fine.
const EventSchema = z.looseObject({
  pull_request: z
    .looseObject({
      number: z.number().int().positive(),
      base: z.looseObject({ sha: Sha }),
      head: z.looseObject({ sha: Sha }),
    })
    .optional(),
});

const NEXT =
  "GITHUB_EVENT_PATH should name the event file GitHub Actions writes; outside a pull_request run, pass --base, --head and --pr instead";

/** Parses the event JSON once, at the edge: a malformed event is an input error with file and pointer. */
export function parseGithubEvent(text: string, origin: string): Result<GithubEvent, InputIssue[]> {
  const doc = parseJsonDocument(text, origin, "a GitHub Actions event (JSON object)");
  if (!doc.ok) return doc;
  const r = EventSchema.safeParse(doc.value);
  if (!r.success)
    return err(withPositions(text, zodIssues(r.error, origin, "", doc.value)).map((i) => ({ ...i, next: NEXT })));
  const pr = r.data.pull_request;
  return ok(pr === undefined ? {} : { base: pr.base.sha, head: pr.head.sha, pr: pr.number });
}
