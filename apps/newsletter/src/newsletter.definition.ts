import type { ServiceDefinition } from '@palabre/service-kit';
import { CreateNewsletter1796621411859 } from './database/migrations/1796621411859-CreateNewsletter';
import { NewsletterModule } from './newsletter.module';

/**
 * Found by the gateway at apps/newsletter/src/newsletter.definition.ts (embedded
 * mode, served at /api/newsletter) and run alone by main.ts (distributed mode).
 */
export const newsletterService: ServiceDefinition = {
  name: 'newsletter',
  schema: 'newsletter',
  description:
    'Newsletters per language: composed from blocks (text, image, call-to-action button), previewed, test-sent, then sent to the subscribers.',
  module: NewsletterModule,
  entities: [],
  migrations: [CreateNewsletter1796621411859],
};
