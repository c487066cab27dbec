import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_REPORT_BYTES, reportFiles, splitReport } from "../../src/adapters/fleet/report-files.js";
import { InputError } from "../../src/app/errors.js";

const work = mkdtempSync(path.join(tmpdir(), "flake-audit-report-files-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => {
  const dir = path.join(work, `d${n++}`);
  mkdirSync(path.join(dir, "reports"), { recursive: true });
  return dir;
};

/** What reading `file` says when it is refused: the messages of its InputError. */
async function refusal(files: ReturnType<typeof reportFiles>, file: string): Promise<string> {
  try {
    await files.read(file);
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i) => i.message).join("\n");
    throw e;
  }
  return "read";
}

const SECRET = "root:x:0:0:the-secret-line";

describe("report files: links and special files in a reports directory", () => {
  it("a link out of the directory (to a secret, to a FIFO elsewhere) is refused without quoting the target", async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, "secret"), `${SECRET}\n`);
    execFileSync("mkfifo", [path.join(dir, "fifo")]);
    symlinkSync(path.join(dir, "secret"), path.join(dir, "reports", "a.json"));
    symlinkSync("../fifo", path.join(dir, "reports", "b.json"));
    symlinkSync("/etc/passwd", path.join(dir, "reports", "c.json"));
    const files = reportFiles(dir, 5_000);
    const listed = await files.list("reports");
    expect(listed).toEqual(["reports/a.json", "reports/b.json", "reports/c.json"]);
    for (const f of listed) {
      const why = await refusal(files, f);
      expect(why).toMatch(/symbolic link out of the reports directory/);
      expect(why).not.toContain("root:");
    }
  });

  it("a link to a regular file inside the directory is read; a directory named *.json is refused", async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, "reports", "real.txt"), '{"host":"x","closure":[]}\n');
    symlinkSync("real.txt", path.join(dir, "reports", "link.json"));
    mkdirSync(path.join(dir, "reports", "sub.json"));
    const files = reportFiles(dir, 5_000);
    const [link, sub] = await files.list("reports");
    expect((await files.read(link ?? "")).header).toBe('{"host":"x","closure":null}');
    expect(await refusal(files, sub ?? "")).toMatch(/not a regular file/);
  });
});

describe("report files: size", () => {
  it("a report larger than MAX_REPORT_BYTES is refused from its size, without reading it", async () => {
    const dir = freshDir();
    const file = path.join(dir, "reports", "huge.json");
    writeFileSync(file, "");
    truncateSync(file, MAX_REPORT_BYTES + 1); // sparse: no disk used
    const start = performance.now();
    expect(await refusal(reportFiles(dir, 5_000), "reports/huge.json")).toMatch(
      /a host report is at most 268435456 bytes/,
    );
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe("splitReport", () => {
  const split = (text: string) => {
    const s = splitReport(Buffer.from(text));
    return { header: s.header, closure: s.closure?.toString() };
  };
  it.each([
    ["the top-level closure, last", '{"a":1,"closure":[1,2]}\n', '{"a":1,"closure":null}', "[1,2]"],
    ["spaces around the colon", '{ "a" : 1 , "closure" : [] }', '{ "a" : 1 , "closure":null}', " [] "],
    [
      "a nested closure key is not the top one",
      '{"previous":{"closure":[]},"closure":{}}',
      '{"previous":{"closure":[]},"closure":null}',
      "{}",
    ],
    [
      "a string holding the key is skipped",
      '{"a":"\\"closure\\":","closure":0}',
      '{"a":"\\"closure\\":","closure":null}',
      "0",
    ],
    ["no top-level closure", '{"previous":{"closure":0}}', '{"previous":{"closure":0}}', undefined],
    ["trailing text after the last brace", '{"closure":[]} junk', '{"closure":[]} junk', undefined],
    ["an array at the top", '["closure",0]', '["closure",0]', undefined],
  ])("%s", (_name, text, header, closure) => {
    expect(split(text)).toEqual({ header, closure });
  });
});

/** A report whose `"closure":` keys are all nested or inside a broken structure: no top-level split. */
const crafted = {
  "nested duplicate keys": (k: number) =>
    `{"kind":"flake-audit-host-report","schemaVersion":1,"previous":{${Array(k).fill('"closure":0').join(",")}}}`,
  "keys inside an array": (k: number) =>
    `{"kind":"flake-audit-host-report","a":[${Array(k).fill('"closure":0').join(",")}]}`,
  "top-level duplicate keys": (k: number) =>
    `{"kind":"flake-audit-host-report","schemaVersion":1,${Array(k).fill('"closure":0').join(",")}}`,
};

/** The fastest of a few reads of `text` (split and header parse), in ms: the minimum is what the machine's load least disturbs. */
async function readTime(text: string): Promise<number> {
  const dir = freshDir();
  writeFileSync(path.join(dir, "reports", "h.json"), text);
  const { parseHostReportHeader } = await import("../../src/ingest/fleet/host-report.js");
  const files = reportFiles(dir, 60_000);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const r = await files.read("reports/h.json");
    parseHostReportHeader(r.header, r.origin);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe("reading a crafted report is linear", () => {
  it.each(Object.entries(crafted))(
    "%s: 1.5 MB read in well under two seconds",
    async (_name, make) => {
      const text = make(125_000);
      expect(text.length).toBeGreaterThan(1_400_000);
      expect(await readTime(text)).toBeLessThan(2_000);
    },
    60_000,
  );

  it("twice the input takes about twice the time, not four times", async () => {
    const make = crafted["nested duplicate keys"];
    const [small, large] = [await readTime(make(200_000)), await readTime(make(400_000))];
    expect(large / Math.max(small, 1)).toBeLessThan(3);
  }, 60_000);
});
