import type { z } from "zod";
import { describeReceived, toPointer, type InputIssue } from "./issues.js";

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    // An object by the check above; its fields are read as unknown, never trusted.
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** Converts zod's issues into ours, each with a JSON pointer below `base` and the value found there. */
export function zodIssues(error: z.ZodError, origin: string, base: string, root: unknown): InputIssue[] {
  return error.issues.map((i) => {
    const received = valueAt(root, i.path);
    const missing = received === undefined && i.code === "invalid_type";
    return {
      origin,
      pointer: base + toPointer(i.path),
      message: missing ? "required attribute is missing" : i.message,
      ...(i.code === "invalid_type" ? { expected: String(i.expected) } : {}),
      received: describeReceived(received),
    };
  });
}
