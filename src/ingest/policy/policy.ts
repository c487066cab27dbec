import { isNode, LineCounter, parseDocument } from "yaml";
import {
  BUILT_IN_POLICY,
  CHECK_RULES,
  type CheckRuleId,
  DEFAULT_SETTINGS,
  type Override,
  type Policy,
  type RuleSetting,
  type RuleSettings,
  withRules,
} from "../../domain/policy/policy.js";
import { err, ok, type Result } from "../../domain/result.js";
import type { InputIssue } from "../../domain/input-issue.js";
import { withPositions } from "../json-document.js";
import { findSyntaxError, positionAt } from "../json-locate.js";
import { PolicySchema, type PolicyFile } from "./policy.schema.js";
import { zodIssues } from "../zod-issues.js";
import { toPointer } from "../issues.js";
import { dataTooDeepAt, jsonTooDeepAt, MAX_ALIAS_COUNT, MAX_POLICY_DEPTH } from "./limits.js";

const NEXT = "fix the policy; schemas/policy.v1.schema.json gives editors completion and checks";
const TOO_DEEP = `nesting too deep: a policy nests at most ${MAX_POLICY_DEPTH} levels of lists and maps`;

type Settings = Omit<PolicyFile, "$schema" | "version" | "overrides" | "allow">;

/** Where a YAML node starts, when `getIn` found one. */
const startOf = (node: unknown): number | undefined => (isNode(node) ? node.range?.[0] : undefined);

/** The rule changes a policy makes, without the keys it left out. */
function ruleChanges(rules: Settings["rules"]): Partial<Record<CheckRuleId, Partial<RuleSetting>>> {
  const out: Partial<Record<CheckRuleId, Partial<RuleSetting>>> = {};
  for (const id of CHECK_RULES) {
    const r = rules?.[id];
    if (r !== undefined)
      out[id] = {
        ...(r.enabled !== undefined ? { enabled: r.enabled } : {}),
        ...(r.severity !== undefined ? { severity: r.severity } : {}),
      };
  }
  return out;
}

function toSettings(s: Settings): Override["settings"] {
  return {
    ...(s.rules !== undefined ? { rules: ruleChanges(s.rules) } : {}),
    ...(s.maxAgeDays !== undefined ? { maxAgeDays: s.maxAgeDays } : {}),
    ...(s.nixpkgsMaxAgeDays !== undefined ? { nixpkgsMaxAgeDays: s.nixpkgsMaxAgeDays } : {}),
    ...(s.supportedBranches?.releases !== undefined ? { releases: s.supportedBranches.releases } : {}),
    ...(s.supportedBranches?.rolling !== undefined ? { rollingBranches: s.supportedBranches.rolling } : {}),
    ...(s.allowedLicenses !== undefined ? { allowedLicenses: s.allowedLicenses } : {}),
  };
}

/** Parses a JSON or YAML policy, reporting every problem at once with its place in the file. */
export function parsePolicy(text: string, origin: string): Result<Policy, InputIssue[]> {
  const isJson = /^\s*[{[]/.test(text) || origin.endsWith(".json");
  let data: unknown;
  let locate: (issues: InputIssue[]) => InputIssue[];
  if (isJson) {
    const deep = jsonTooDeepAt(text);
    if (deep !== undefined)
      return err([{ origin, pointer: "", position: positionAt(text, deep), message: TOO_DEEP, next: NEXT }]);
    try {
      data = JSON.parse(text);
    } catch {
      const e = findSyntaxError(text) ?? { offset: 0, message: "not valid JSON" };
      return err([
        {
          origin,
          pointer: "",
          position: positionAt(text, e.offset),
          message: `invalid JSON: ${e.message}`,
          next: NEXT,
        },
      ]);
    }
    locate = (issues) => withPositions(text, issues);
  } else {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false });
    const pos = (offset: number): { line: number; column: number } => {
      const p = lineCounter.linePos(offset);
      return { line: p.line, column: p.col };
    };
    if (doc.errors.length > 0)
      return err(
        doc.errors.map((e) => ({
          origin,
          pointer: "",
          position: pos(e.pos[0]),
          // The parser survives deep flow nesting by reporting its stack overflow as a document error.
          message: /call stack/i.test(e.message) ? TOO_DEEP : `invalid YAML: ${e.message.split("\n")[0]}`,
          next: NEXT,
        })),
      );
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
    } catch (e) {
      // The yaml package throws a ReferenceError when aliases expand past maxAliasCount (billion laughs).
      const why = e instanceof Error ? e.message : String(e);
      const message = `too many YAML aliases expanded (${why}); a policy needs at most ${MAX_ALIAS_COUNT}`;
      return err([{ origin, pointer: "", message, next: NEXT }]);
    }
    const deep = dataTooDeepAt(data);
    if (deep !== undefined) {
      const at = startOf(doc.getIn(deep.slice(0, MAX_POLICY_DEPTH), true));
      return err([
        {
          origin,
          pointer: toPointer(deep),
          message: TOO_DEEP,
          ...(at !== undefined ? { position: pos(at) } : {}),
          next: NEXT,
        },
      ]);
    }
    locate = (issues) =>
      issues.map((i) => {
        const path = i.pointer
          .split("/")
          .slice(1)
          .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, "/").replace(/~0/g, "~")));
        const at = startOf(doc.getIn(path, true)) ?? startOf(doc.getIn(path.slice(0, -1), true));
        return at !== undefined ? { ...i, position: pos(at) } : i;
      });
  }
  const parsed = PolicySchema.safeParse(data);
  if (!parsed.success) return err(locate(zodIssues(parsed.error, origin, "", data).map((i) => ({ ...i, next: NEXT }))));
  const p = parsed.data;
  const base = toSettings(p);
  const defaults: RuleSettings = { ...DEFAULT_SETTINGS, ...base, rules: withRules(DEFAULT_SETTINGS.rules, base.rules) };
  return ok({
    ...BUILT_IN_POLICY,
    defaults,
    overrides: (p.overrides ?? []).map((o) => ({ inputs: o.inputs, settings: toSettings(o) })),
    allow: (p.allow ?? []).map((a) => ({
      rule: a.rule,
      input: a.input,
      reason: a.reason,
      ...(a.expires !== undefined ? { expires: a.expires } : {}),
    })),
    source: origin,
  });
}
