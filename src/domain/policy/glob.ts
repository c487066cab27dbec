/**
 * Input-path globs for policies: `*` matches within one path segment, `**` across segments
 * (`**​/x` also matches `x`), `?` one character other than `/`. `home-manager/*` matches
 * `home-manager/nixpkgs`; `**​/nixpkgs` every nixpkgs.
 *
 * Input names come from a lock a pull request can change, so matching must not be able to take
 * super-linear time. A RegExp (ours before, or picomatch's) backtracks: `*a*a*…*b` against 32 `a`s
 * took a minute. This is a Thompson NFA simulation instead: every input character advances a set
 * of at most (glob length + 1) states, so a match costs O(input × glob) whatever the pattern.
 */

/** One NFA state: which character it consumes (and where it goes), and its empty moves. */
interface State {
  /** `lit` consumes exactly `char`, `seg` one character but `/`, `any` every character, `end` none (empty moves only). */
  readonly consumes: "lit" | "seg" | "any" | "end";
  readonly char: string;
  /** Where consuming a character leads. */
  readonly next: number;
  /** Empty moves. */
  readonly skip: readonly number[];
}

/** The states of a glob; the last is the accepting one. */
function compileStates(glob: string): State[] {
  const states: State[] = [];
  let i = 0;
  while (i < glob.length) {
    const at = states.length;
    const c = glob.charAt(i);
    if (c === "*" && glob.charAt(i + 1) === "*" && glob.charAt(i + 2) === "/") {
      // `**/` is `(?:.*/)?`: an entry that skips it all or enters a loop on anything that leaves by a `/`.
      states.push({ consumes: "end", char: "", next: at, skip: [at + 1, at + 3] });
      states.push({ consumes: "any", char: "", next: at + 1, skip: [at + 2] });
      states.push({ consumes: "lit", char: "/", next: at + 3, skip: [] });
      i += 3;
    } else if (c === "*" && glob.charAt(i + 1) === "*") {
      states.push({ consumes: "any", char: "", next: at, skip: [at + 1] });
      i += 2;
    } else if (c === "*") {
      states.push({ consumes: "seg", char: "", next: at, skip: [at + 1] });
      i += 1;
    } else {
      states.push({ consumes: c === "?" ? "seg" : "lit", char: c, next: at + 1, skip: [] });
      i += 1;
    }
  }
  states.push({ consumes: "end", char: "", next: states.length, skip: [] });
  return states;
}

/** Adds a state and everything its empty moves reach (each state once: the set is bounded). */
function addClosure(states: readonly State[], set: Uint8Array, list: number[], from: number): void {
  const work = [from];
  for (let s = work.pop(); s !== undefined; s = work.pop()) {
    if (set[s] === 1) continue;
    set[s] = 1;
    list.push(s);
    for (const t of states[s]?.skip ?? []) work.push(t);
  }
}

const accepts = (st: State | undefined, c: string): boolean =>
  st !== undefined &&
  (st.consumes === "any" || (st.consumes === "seg" && c !== "/") || (st.consumes === "lit" && st.char === c));

/** A glob compiled once; the returned function matches an input path in O(input × glob) time. */
export function compileGlob(glob: string): (input: string) => boolean {
  const states = compileStates(glob);
  const final = states.length - 1;
  return (input) => {
    let set = new Uint8Array(states.length);
    let list: number[] = [];
    addClosure(states, set, list, 0);
    for (const c of input) {
      const nextSet = new Uint8Array(states.length);
      const nextList: number[] = [];
      for (const s of list) {
        const st = states[s];
        if (accepts(st, c) && st !== undefined) addClosure(states, nextSet, nextList, st.next);
      }
      if (nextList.length === 0) return false;
      set = nextSet;
      list = nextList;
    }
    return set[final] === 1;
  };
}

/** Compiles each distinct glob once, for a whole policy evaluation. */
export function globMatcher(): (glob: string, input: string) => boolean {
  const compiled = new Map<string, (input: string) => boolean>();
  return (glob, input) => {
    let m = compiled.get(glob);
    if (m === undefined) {
      m = compileGlob(glob);
      compiled.set(glob, m);
    }
    return m(input);
  };
}
