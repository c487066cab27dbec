// Deterministic generators of benchmark inputs. Same arguments, same bytes.

/** mulberry32: a small seeded PRNG, so inputs are identical on every machine. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  "nixpkgs",
  "flake-utils",
  "systems",
  "home-manager",
  "flake-parts",
  "nix-darwin",
  "rust-overlay",
  "crane",
  "treefmt-nix",
  "git-hooks",
  "devenv",
  "fenix",
  "naersk",
  "disko",
  "sops-nix",
  "agenix",
];

const hex = (rand, n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join("");
function narHash(rand) {
  const bytes = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) bytes[i] = Math.floor(rand() * 256);
  return `sha256-${bytes.toString("base64")}`;
}

function source(rand, name, i) {
  const rev = hex(rand, 40);
  const lastModified = 1700000000 + Math.floor(rand() * 60000000);
  const kind = rand();
  if (kind < 0.85) {
    const owner = `owner${i % 97}`;
    return {
      locked: { lastModified, narHash: narHash(rand), owner, repo: name, rev, type: "github" },
      original: { owner, repo: name, type: "github", ...(rand() < 0.5 ? { ref: "main" } : {}) },
    };
  }
  if (kind < 0.95) {
    const url = `https://git.example.org/${name}-${i}.git`;
    return {
      locked: {
        lastModified,
        narHash: narHash(rand),
        ref: "refs/heads/main",
        rev,
        revCount: Math.floor(rand() * 5000),
        type: "git",
        url,
      },
      original: { type: "git", url },
    };
  }
  const url = `https://example.org/releases/${name}-${i}.tar.gz`;
  return {
    flake: false,
    locked: { lastModified, narHash: narHash(rand), type: "tarball", url },
    original: { type: "tarball", url },
  };
}

const sortKeys = (v) =>
  Array.isArray(v)
    ? v.map(sortKeys)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortKeys(v[k])]),
        )
      : v;

/**
 * A version 7 lock with `count` nodes: a tree of flakes four wide, where most flakes' own `nixpkgs`
 * follows the root's, as in real configurations; about one node in seven is a duplicate source.
 */
export function generateLock(count, seed = 1) {
  const rand = prng(seed);
  const nodes = { root: { inputs: {} }, nixpkgs: source(rand, "nixpkgs", 0) };
  nodes.root.inputs.nixpkgs = "nixpkgs";
  const keys = ["root"];
  for (let i = 1; i < count - 1; i++) {
    const parentKey = keys[Math.floor((i - 1) / 4)];
    const parent = nodes[parentKey];
    parent.inputs ??= {};
    let name = NAMES[Math.floor(rand() * NAMES.length)];
    if (name in parent.inputs) name = `${name}-${i}`;
    const key = `${name}_${i}`;
    nodes[key] =
      rand() < 0.15 && i > 10
        ? structuredClone(nodes[keys[1 + Math.floor(rand() * (keys.length - 1))]])
        : source(rand, name, i);
    delete nodes[key].inputs;
    parent.inputs[name] = key;
    keys.push(key);
    if (parentKey !== "root" && !("nixpkgs" in parent.inputs) && rand() < 0.6) parent.inputs.nixpkgs = ["nixpkgs"];
  }
  return `${JSON.stringify(sortKeys({ nodes, root: "root", version: 7 }), null, 2)}\n`;
}

const PNAMES = [
  "glibc",
  "gcc",
  "zlib",
  "openssl",
  "curl",
  "python3",
  "perl",
  "bash",
  "coreutils",
  "systemd",
  "util-linux",
  "libxml2",
  "ncurses",
  "readline",
  "sqlite",
  "libffi",
  "gnugrep",
  "gnused",
  "gawk",
  "findutils",
  "xz",
  "bzip2",
  "expat",
  "libidn2",
  "nghttp2",
  "brotli",
  "zstd",
  "krb5",
  "keyutils",
  "acl",
  "attr",
  "libcap",
  "pcre2",
  "gmp",
  "mpfr",
  "isl",
  "binutils",
  "patchelf",
  "nodejs",
  "rustc",
];
const OUTS = ["", "", "", "-bin", "-dev", "-lib", "-man"];
const NIX32 = "0123456789abcdfghijklmnpqrsvwxyz";

/**
 * A deterministic closure of `count` store paths, each referencing about ten earlier ones, as
 * `nix path-info --json --recursive` prints it: "list" (Nix ≤ 2.18) or "map" (2.19–2.32).
 */
export function generateClosure(count, shape, seed = 7) {
  const rand = prng(seed);
  const paths = [];
  for (let i = 0; i < count; i++) {
    const hash = Array.from({ length: 32 }, () => NIX32[Math.floor(rand() * 32)]).join("");
    const name = `${PNAMES[Math.floor(rand() * PNAMES.length)]}-${1 + Math.floor(rand() * 9)}.${Math.floor(rand() * 40)}.${Math.floor(rand() * 10)}${OUTS[Math.floor(rand() * OUTS.length)]}`;
    paths.push(`/nix/store/${hash}-${name}`);
  }
  const entries = paths.map((path, i) => {
    const refs = new Set();
    const n = i === 0 ? 0 : Math.min(i, 6 + Math.floor(rand() * 9));
    while (refs.size < n) refs.add(paths[Math.floor(rand() * i)]);
    const deriver = `/nix/store/${path.slice(11, 43).split("").reverse().join("")}-${path.slice(44)}.drv`;
    return {
      path,
      narHash: narHash(rand),
      narSize: Math.floor(rand() * 1e8),
      references: [...refs].sort(),
      deriver,
      registrationTime: 1700000000 + i,
      signatures: [
        "cache.nixos.org-1:" +
          Buffer.from(Array.from({ length: 64 }, () => Math.floor(rand() * 256))).toString("base64"),
      ],
    };
  });
  if (shape === "list") return JSON.stringify(entries);
  return JSON.stringify(Object.fromEntries(entries.map(({ path, ...rest }) => [path, rest])));
}
