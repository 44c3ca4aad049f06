/** The shapes of the newsletter API that the pages read, declared once in @palabre/contracts. */
export {
  AUDIENCE_KINDS,
  NEWSLETTER_LANGS,
  NEWSLETTER_STATES,
  type AudienceCountView,
  type AudienceKind,
  type NewsletterBlockView,
  type NewsletterContentView,
  type NewsletterLanguage,
  type NewsletterListView,
  type NewsletterPreviewView,
  type NewsletterSettingsView,
  type NewsletterState,
  type NewsletterTestView,
  type NewsletterView,
} from '@palabre/contracts';

/** The newsletter service through the gateway (organization administrators only). */
export const NEWSLETTER_API = '/api/newsletter';
