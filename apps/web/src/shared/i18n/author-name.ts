import type { I18n } from './i18n';

/** An author as the services show one: `deleted` once the account was deleted (docs/adr/0018). */
export interface AuthorRef {
  name: string;
  deleted?: boolean;
}

/** The name to show for an author: "deleted participant", in the reader's language, once erased. */
export function authorName(i18n: Pick<I18n, 't'>, author: AuthorRef | null | undefined): string {
  if (!author) return '';
  return author.deleted ? i18n.t('account.deletedParticipant') : author.name;
}
