import type { ServiceDefinition } from '@palabre/service-kit';
import { CreateNewsletter1796621411859 } from './database/migrations/1796621411859-CreateNewsletter';
import { Newsletters1796700000000 } from './database/migrations/1796700000000-Newsletters';
import { Notifications1796700100000 } from './database/migrations/1796700100000-Notifications';
import { NewsletterModule } from './newsletter.module';

/**
 * Found by the gateway at apps/newsletter/src/newsletter.definition.ts (embedded
 * mode, served at /api/newsletter) and run alone by main.ts (distributed mode).
 */
export const newsletterService: ServiceDefinition = {
  name: 'newsletter',
  schema: 'newsletter',
  description:
    'Newsletters per language: composed from blocks (text, image, call-to-action button), previewed, test-sent, then sent or scheduled to an audience of consenting people, paced, retried, never twice.',
  module: NewsletterModule,
  entities: [],
  migrations: [CreateNewsletter1796621411859, Newsletters1796700000000, Notifications1796700100000],
};
