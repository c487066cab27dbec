import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A commit as the stand-in GitHub knows it, read back from a real git repository. */
export interface GitCommit {
  readonly oid: string;
  readonly parents: readonly string[];
  readonly authorName: string;
  readonly committerName: string;
  readonly authoredDate: string;
  readonly committedDate: string;
  readonly message: string;
}

export interface GitRepoData {
  readonly commits: ReadonlyMap<string, GitCommit>;
  /** Fully qualified ref → oid (refs/heads/main, refs/tags/v1.0). */
  readonly refs: ReadonlyMap<string, string>;
  readonly defaultBranch: string;
}

/** Builds git repositories with fixed identities and dates, as the tests' upstreams. */
export class GitRepoBuilder {
  readonly dir: string;
  #clock = Date.parse("2024-01-02T03:04:05Z") / 1000;

  constructor(root: string, name: string) {
    this.dir = path.join(root, name.replace("/", "__"));
    mkdirSync(this.dir, { recursive: true });
    this.git("init", "-q", "-b", "main");
  }

  git(...args: string[]): string {
    const date = `${this.#clock} +0000`;
    return execFileSync("git", args, {
      cwd: this.dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "Ada Author",
        GIT_AUTHOR_EMAIL: "ada@example.org",
        GIT_COMMITTER_NAME: "Cy Committer",
        GIT_COMMITTER_EMAIL: "cy@example.org",
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_CONFIG_GLOBAL: "/dev/null",
        GIT_CONFIG_NOSYSTEM: "1",
      },
    }).trim();
  }

  /** Commits a file change one day after the previous commit; returns the new oid. */
  commit(message: string, file = "README", content = message): string {
    this.#clock += 86400;
    writeFileSync(path.join(this.dir, file), `${content}\n`);
    this.git("add", "-A");
    this.git("commit", "-q", "-m", message);
    return this.git("rev-parse", "HEAD");
  }

  /** Everything in the object store, reachable or not (force-pushed commits stay fetchable on GitHub). */
  read(): GitRepoData {
    const all = this.git("cat-file", "--batch-all-objects", "--batch-check")
      .split("\n")
      .filter((l) => l.endsWith(" commit") || / commit \d+$/.test(l))
      .map((l) => l.split(" ")[0]!);
    const commits = new Map<string, GitCommit>();
    if (all.length > 0) {
      const out = this.git("show", "-s", "--format=%H%x1f%P%x1f%an%x1f%cn%x1f%aI%x1f%cI%x1f%B%x1e", ...all);
      for (const rec of out.split("\x1e")) {
        const [oid, parents, an, cn, ad, cd, msg] = rec.trim().split("\x1f");
        if (oid === undefined || oid === "") continue;
        commits.set(oid, {
          oid,
          parents: parents ? parents.split(" ") : [],
          authorName: an!,
          committerName: cn!,
          authoredDate: ad!,
          committedDate: cd!,
          message: (msg ?? "").trim(),
        });
      }
    }
    const refs = new Map<string, string>();
    for (const line of this.git("for-each-ref", "--format=%(refname) %(objectname)").split("\n").filter(Boolean)) {
      const [name, oid] = line.split(" ");
      refs.set(name!, oid!);
    }
    return { commits, refs, defaultBranch: "main" };
  }
}
