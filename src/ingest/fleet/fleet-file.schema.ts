import { z } from "zod";
import { storeUriProblem } from "../../domain/fleet/store-uri.js";
import { parseTrustedKey } from "../../domain/fleet/trusted-key.js";

/** Plain directory names (no `.`, `..` or empty ones: /nix/store/../../etc is not a store path), a hash, a name Nix allows. */
const STORE_PATH_RE =
  /^(?:\/(?!\.\.?\/)[A-Za-z0-9+\-._]+)+\/[0-9a-df-np-sv-z]{32}-(?!\.\.?$)[A-Za-z0-9+\-._?=]{1,211}$/;
/**
 * Store URI schemes the installed nix reads (with `local?root=…` and `daemon` as plain names). What
 * follows `://` may not start with `-`: ssh would take `ssh://-oProxyCommand=…` for an option.
 */
const STORE_URI_RE =
  /^(?:(?:ssh|ssh-ng|file|http|https|s3|unix):\/\/[A-Za-z0-9_/][^\s'"`$\\;&|<>]*|(?:local|daemon|auto)(?:\?[^\s'"`$\\;&|<>]*)?)$/;
const ABSOLUTE_PATH_RE = /^\/[A-Za-z0-9+\-._/]*$/;

export const StorePathText = z
  .string()
  .regex(STORE_PATH_RE, "expected a store path like /nix/store/<32-character hash>-<name> (no . or .. in it)");

const TrustedKeyText = z.string().superRefine((text, ctx) => {
  const parsed = parseTrustedKey(text);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: `malformed trusted key: ${parsed.error}` });
});

const HostSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "expected a host name of letters, digits and ._- (up to 100)")
      .describe("unique host name, matched by the approved.systems globs"),
    store: z
      .string()
      .regex(
        STORE_URI_RE,
        "expected a Nix store URI: ssh-ng://user@host, ssh://user@host, local?root=/mnt/host, daemon, file:///dir or https://cache",
      )
      .superRefine((uri, ctx) => {
        const bad = STORE_URI_RE.test(uri) ? storeUriProblem(uri) : undefined;
        if (bad !== undefined) ctx.addIssue({ code: "custom", message: bad });
      })
      .optional()
      .describe("Nix store URI the installed nix reads the host's closure from"),
    profile: z
      .string()
      .regex(ABSOLUTE_PATH_RE, "expected an absolute path of plain characters")
      .optional()
      .describe("system profile (default /nix/var/nix/profiles/system, under root for local?root= stores)"),
    system: StorePathText.optional().describe(
      "the system's store path, when the profile cannot be read (binary caches)",
    ),
    report: z.string().min(1).optional().describe("a host report written by flake-audit host-report on the host"),
    timeoutSeconds: z.number().int().min(1).max(3600).optional().describe("per-host timeout (default --timeout)"),
  })
  .strict()
  .superRefine((h, ctx) => {
    if ((h.store === undefined) === (h.report === undefined))
      ctx.addIssue({ code: "custom", message: "give exactly one of store or report" });
    if (h.report !== undefined && (h.profile !== undefined || h.system !== undefined))
      ctx.addIssue({ code: "custom", message: "profile and system belong to store hosts; a report carries its own" });
    if (h.store !== undefined && /^(?:file|https?|s3):/.test(h.store) && h.system === undefined)
      ctx.addIssue({
        code: "custom",
        message: "a binary cache has no profile to read: give the host's system store path",
        path: ["system"],
      });
  });

export const FleetFileSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1).optional(),
    approved: z
      .object({
        lock: z.string().min(1).optional().describe("the approved flake.lock, relative to the fleet file"),
        previousLocks: z
          .array(z.string().min(1))
          .optional()
          .describe("older flake.lock files: a host whose nixpkgs only these pin runs a stale nixpkgs"),
        systems: z
          .record(z.string().min(1), StorePathText)
          .optional()
          .describe("approved system store path per host-name glob (* within a name), first match wins"),
      })
      .strict()
      .optional(),
    trustedKeys: z.array(TrustedKeyText).optional().describe("public keys in Nix's name:base64 format"),
    hosts: z.array(HostSchema).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const first = new Map<string, number>();
    f.hosts.forEach((h, i) => {
      const earlier = first.get(h.name);
      if (earlier !== undefined)
        ctx.addIssue({
          code: "custom",
          message: `duplicate host name '${h.name}' (first at /hosts/${earlier})`,
          path: ["hosts", i, "name"],
        });
      else first.set(h.name, i);
    });
  })
  .describe("flake-audit fleet file");

export type FleetFileData = z.infer<typeof FleetFileSchema>;
export type FleetHostData = FleetFileData["hosts"][number];
