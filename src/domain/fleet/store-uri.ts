import { DEFAULT_STORE_DIR } from "../nix/store-path.js";

/**
 * The store parameters a fleet file may give, per kind of store. Each is a Nix store setting that only
 * says where to read or how to connect. Refused (as everything not listed): `remote-program` (runs a
 * program of the fleet file's choosing on the host), `secret-key` and `local-nar-cache` (make the
 * read sign or write), `log-fd`, and settings that only matter when building or substituting.
 */
type Kind = "ssh" | "local" | "daemon" | "cache" | "s3";
type Check = (value: string) => string | undefined;

const PLAIN_PATH = /^\/[A-Za-z0-9+\-._/]*$/;
const absolutePath: Check = (v) =>
  !PLAIN_PATH.test(v)
    ? "expected an absolute path of letters, digits and +-._/"
    : v.split("/").some((s) => s === "..")
      ? "a path with '..' is refused"
      : undefined;
const boolean: Check = (v) => (v === "true" || v === "false" ? undefined : "expected true or false");
const base64: Check = (v) => (/^[A-Za-z0-9+/]{1,4096}={0,2}$/.test(v) ? undefined : "expected base64");
const word: Check = (v) => (/^[A-Za-z0-9._-]{1,100}$/.test(v) ? undefined : "expected letters, digits and ._-");
const host: Check = (v) =>
  /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?\/?$/.test(v) ? undefined : "expected http(s)://host[:port]";

const LOCAL: Readonly<Record<string, Check>> = {
  root: absolutePath,
  store: absolutePath,
  state: absolutePath,
  log: absolutePath,
  real: absolutePath,
  trusted: boolean,
};
const ALLOWED: Readonly<Record<Kind, Readonly<Record<string, Check>>>> = {
  ssh: {
    "remote-store": (v) => remoteStoreProblem(v),
    "ssh-key": absolutePath,
    compress: boolean,
    "base64-ssh-public-host-key": base64,
    "ssh-public-host-key": base64,
    store: absolutePath,
    trusted: boolean,
  },
  local: LOCAL,
  daemon: { store: absolutePath, trusted: boolean },
  cache: { store: absolutePath, trusted: boolean },
  s3: { store: absolutePath, trusted: boolean, region: word, profile: word, scheme: word, endpoint: host },
};

function kindOf(uri: string): Kind | undefined {
  const scheme = /^([a-z0-9+-]+):\/\//.exec(uri)?.[1];
  if (scheme === undefined) {
    const word = uri.split("?")[0];
    return word === "local" || word === "auto" ? "local" : word === "daemon" ? "daemon" : undefined;
  }
  if (scheme === "ssh" || scheme === "ssh-ng") return "ssh";
  if (scheme === "unix") return "daemon";
  if (scheme === "file" || scheme === "http" || scheme === "https") return "cache";
  return scheme === "s3" ? "s3" : undefined;
}

/** `name=value` pairs of a query, values percent-decoded (Nix decodes them too); undefined when malformed. */
function queryOf(uri: string): Array<[string, string]> | string {
  const q = uri.indexOf("?");
  if (q < 0) return [];
  const pairs: Array<[string, string]> = [];
  for (const part of uri.slice(q + 1).split("&")) {
    const eq = part.indexOf("=");
    const name = eq < 0 ? part : part.slice(0, eq);
    if (!/^[a-z0-9-]{1,64}$/.test(name))
      return `store parameter ${JSON.stringify(name.slice(0, 64))} is not a plain name`;
    let value: string;
    try {
      value = decodeURIComponent(eq < 0 ? "" : part.slice(eq + 1));
    } catch {
      return `the value of store parameter '${name}' is not valid percent-encoding`;
    }
    pairs.push([name, value]);
  }
  return pairs;
}

/** What the remote side of an ssh store may be told to open: a local store or its daemon. */
function remoteStoreProblem(value: string): string | undefined {
  const kind = kindOf(value);
  if (kind !== "local" && kind !== "daemon")
    return "expected a store on the host: local, daemon, auto or local?root=/dir";
  const inner = storeUriProblem(value);
  return inner === undefined ? undefined : `in remote-store: ${inner}`;
}

/**
 * Why a fleet file's store URI is refused, or undefined. Only the documented parameters of its kind of
 * store are allowed, each holding a value of its type; a fragment is refused (Nix would drop it).
 */
export function storeUriProblem(uri: string): string | undefined {
  const kind = kindOf(uri);
  if (kind === undefined) return "not a store URI flake-audit reads";
  if (uri.includes("#")) return "a store URI with '#' is refused";
  const pairs = queryOf(uri);
  if (typeof pairs === "string") return pairs;
  const allowed = ALLOWED[kind];
  const seen = new Set<string>();
  for (const [name, value] of pairs) {
    const check = allowed[name];
    if (check === undefined)
      return name === "remote-program"
        ? "store parameter 'remote-program' is refused: it would run a program of the fleet file's choosing on the host"
        : `store parameter '${name}' is not one flake-audit allows here (allowed: ${Object.keys(allowed).join(", ")})`;
    if (seen.has(name)) return `store parameter '${name}' is given twice`;
    seen.add(name);
    const bad = check(value);
    if (bad !== undefined) return `store parameter '${name}': ${bad}`;
  }
  return undefined;
}

/** The store directory paths of a store live in: its `store` parameter, else /nix/store. */
export function storeDirOf(uri: string): string {
  const pairs = queryOf(uri);
  const store = typeof pairs === "string" ? undefined : pairs.find(([n]) => n === "store")?.[1];
  return store ?? DEFAULT_STORE_DIR;
}
