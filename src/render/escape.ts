/**
 * Every string from a lock file or from upstream passes through here before it reaches a terminal
 * or Markdown: upstream text is untrusted.
 */

// C0 and C1 controls except tab and newline, DEL, and the bidi overrides that can disguise text.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes control characters (ANSI escapes lose their ESC and become inert text). */
export const stripControls = (s: string): string => s.replace(CONTROLS, "");

/** As stripControls, and newlines too: for one-line fields. */
export const oneLine = (s: string): string => stripControls(s).replace(/[\r\n\t]+/g, " ");
