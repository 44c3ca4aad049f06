/** What the antispam service reported or blocked, as its administrators' list shows it (ADR 0041). */
export interface SpamFlagView {
  id: string;
  /** An account, or a contribution of one. */
  subjectType: 'account' | 'proposal' | 'comment' | 'petition' | 'meeting';
  subjectId: string;
  /** The account concerned (the contribution's author). */
  userId: string | null;
  score: number;
  /** Short codes with their items, e.g. "links: a.example", "disposable-email". */
  reasons: string[];
  model: string;
  /** The contribution's title, or the account's public name. */
  title: string;
  /** The contribution's text (at most 5,000 characters), or "@<domain>" of the account's address. */
  text: string;
  /** Where to act on it on the site: the component's moderation queue, or the list itself. */
  path: string;
  /** open: to review; blocked: the account was blocked (by the settings, or a person). */
  /** hidden: a moderator hid the contribution (proposals' queue). */
  status: 'open' | 'dismissed' | 'blocked' | 'unblocked' | 'hidden';
  /** Blocked by the platform itself (automatic blocking), not a person. */
  automatic: boolean;
  createdAt: string;
  decidedAt: string | null;
  /** What the person wrote to contest the block (identity's contest form), if they did. */
  contest: { message: string; at: string } | null;
}

export interface SpamFlagListView {
  items: SpamFlagView[];
  /** Open flags in all, beyond this page. */
  open: number;
  /** Cursor of the next page (older), null at the end. */
  next: string | null;
}
