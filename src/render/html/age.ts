/** Whole days from an ISO time to the report's time, or undefined when either does not parse. */
export function daysBetween(fromIso: string, toIso: string): number | undefined {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  return Number.isFinite(from) && Number.isFinite(to) ? Math.floor((to - from) / 86_400_000) : undefined;
}

/** `2024-05-01 (210 days)`: a pin's date and its age at the report's time. */
export function ageText(lastModified: string | undefined, at: string): string {
  if (lastModified === undefined) return "no date in the lock";
  const days = daysBetween(lastModified, at);
  const date = lastModified.slice(0, 10);
  return days === undefined ? date : `${date} (${days === 1 ? "1 day" : `${days} days`})`;
}
