/**
 * Signals of a score's reasons, as stamps compare them: a reason's code, and
 * each item it lists ("links: a.com, b.com" → "links:a.com", "links:b.com").
 * An account stamped with the signals of a dismissed flag is not flagged
 * again for those; a new signal (another domain, other words) flags it anew.
 */
export function signalsOf(reasons: readonly string[]): string[] {
  const out = new Set<string>();
  for (const reason of reasons) {
    const i = reason.indexOf(':');
    if (i < 0) {
      out.add(reason.trim());
      continue;
    }
    const code = reason.slice(0, i).trim();
    const items = reason
      .slice(i + 1)
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    if (items.length === 0) out.add(code);
    for (const item of items) out.add(`${code}:${item}`);
  }
  return [...out].sort();
}

/** Reasons every new account has: alone, they never make a flag worth a moderator's time. */
const AMBIENT = new Set(['new-account', 'no-contributions']);

/** True when a flag of these reasons would tell moderators nothing they have not already dismissed. */
export function alreadyCleared(reasons: readonly string[], stamped: readonly string[]): boolean {
  if (stamped.length === 0) return false;
  const cleared = new Set(stamped);
  return signalsOf(reasons).every((s) => cleared.has(s) || AMBIENT.has(s));
}

/**
 * A contribution's score weighed with its author's: a likely spam account
 * makes a doubtful text more likely spam, never a clean text spam by itself
 * (0.05 from an author at 0.95 stays under 0.55).
 */
export function withAuthor(content: number, author: number | null): number {
  if (author === null) return content;
  return 1 - (1 - content) * (1 - 0.5 * author);
}

/** The same long text posted again and again: nudged up, with its reason. */
export function withRepetition(score: number, copies: number): number {
  return copies >= 3 ? 1 - (1 - score) * 0.3 : score;
}
