import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeEvent, Topics } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';

/**
 * Embedded mode's demo organization (the one answering on localhost) gets a
 * draft newsletter ready to preview, test and send, in French and English,
 * so that an administrator trying Palabre has something to send at once.
 */
@Injectable()
export class DemoNewsletterConsumer implements OnModuleInit {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async onModuleInit(): Promise<void> {
    if (!this.runtime.embedded) return;
    await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'newsletter',
      group: 'newsletter.demo-content',
      topics: [Topics.IdentityOrganizationCreatedV1],
      decode: (_topic, payload) => decodeEvent(Topics.IdentityOrganizationCreatedV1, payload),
      handle: async (event, m) => {
        const org = event.payload;
        if (!org.organizationId || !org.hosts?.includes('localhost')) return;
        await seedDemo(m, org.organizationId);
      },
    });
  }
}

async function seedDemo(m: EntityManager, org: string): Promise<void> {
  const [existing] = await m.query(
    `SELECT 1 FROM newsletter.newsletters WHERE organization_id = $1 LIMIT 1`,
    [org],
  );
  if (existing) return;
  const contents = {
    fr: {
      subject: 'La lettre de la participation — décembre',
      preheader: 'Budget participatif, pétitions et rencontres du mois',
      blocks: [
        {
          kind: 'text',
          text: 'Bonjour,\n\nLe vote du budget participatif est ouvert jusqu’à la fin du mois : choisissez les projets que la ville réalisera l’an prochain.\n\nDeux rencontres de quartier sont prévues pour en parler, et une pétition pour des arbres rue Pasteur vient de franchir 1 000 signatures.',
        },
        {
          kind: 'button',
          label: 'Voter pour le budget participatif',
          url: 'https://palabre.example.org/budgets',
        },
        {
          kind: 'text',
          text: 'Merci à toutes celles et ceux qui ont déposé une idée cette année.',
        },
      ],
    },
    en: {
      subject: 'The participation newsletter — December',
      preheader: 'Participatory budget, petitions and meetings this month',
      blocks: [
        {
          kind: 'text',
          text: 'Hello,\n\nVoting for the participatory budget is open until the end of the month: choose the projects the city will carry out next year.\n\nTwo neighbourhood meetings will discuss them, and a petition for trees on rue Pasteur has just passed 1,000 signatures.',
        },
        {
          kind: 'button',
          label: 'Vote for the participatory budget',
          url: 'https://palabre.example.org/budgets',
        },
        { kind: 'text', text: 'Thank you to everyone who put forward an idea this year.' },
      ],
    },
  };
  await m.query(
    `INSERT INTO newsletter.newsletters (id, organization_id, contents, audience)
     VALUES (gen_random_uuid(), $1, $2, '{"kind":"all","spaceIds":[]}')`,
    [org, JSON.stringify(contents)],
  );
}
