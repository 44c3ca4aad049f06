import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeEvent, Topics, type LocalizedText } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';

const DEMO_AUTHOR = '00000000-0000-4000-8000-00000000de00';

/**
 * Embedded mode's demo content: when identity creates the demo organization
 * (the one answering on localhost), petitions gets two types and a few
 * petitions in every state, so a newcomer sees the whole lifecycle at once.
 * Never runs outside embedded mode.
 */
@Injectable()
export class DemoContentConsumer implements OnModuleInit {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async onModuleInit(): Promise<void> {
    if (!this.runtime.embedded) return;
    await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'petitions',
      group: 'petitions.demo-content',
      topics: [Topics.IdentityOrganizationCreatedV1],
      decode: (_topic, payload) => decodeEvent(Topics.IdentityOrganizationCreatedV1, payload),
      handle: async (event, m) => {
        const org = event.payload;
        if (!org.organizationId || !org.hosts?.includes('localhost')) return;
        await seedDemo(m, org.organizationId);
        this.runtime.logger.emit('info', 'Seeded demo petitions', {
          organizationId: org.organizationId,
        });
      },
    });
  }
}

async function seedDemo(m: EntityManager, org: string): Promise<void> {
  const [existing] = await m.query(
    `SELECT 1 FROM petitions.petition_types WHERE organization_id = $1 LIMIT 1`,
    [org],
  );
  if (existing) return;
  const [citizen] = await m.query(
    `INSERT INTO petitions.petition_types (organization_id, name, description, signature_days, signers,
       authors, withdrawal_allowed, milestones, area_breakdown, area_rule)
     VALUES ($1, '{"fr":"Pétition citoyenne","en":"Citizens’ petition"}',
       '{"fr":"Six mois pour réunir des signatures. À 1 000, le conseil municipal examine la pétition ; à 5 000, elle est débattue en séance publique.","en":"Six months to gather signatures. At 1,000, the city council examines the petition; at 5,000, it is debated in a public session."}',
       183, 'franceconnect', 'franceconnect', true,
       '[{"threshold":1000,"label":{"fr":"Examen par le conseil municipal","en":"Examined by the city council"}},{"threshold":5000,"label":{"fr":"Débat en séance publique","en":"Debated in a public session"}}]',
       true, '{"signatures":5000,"areas":3}') RETURNING id`,
    [org],
  );
  await m.query(
    `INSERT INTO petitions.petition_types (organization_id, name, description, signature_days, signers,
       authors, withdrawal_allowed, milestones)
     VALUES ($1, '{"fr":"Pétition au Sénat"}',
       '{"fr":"Une pétition qui atteint 100 000 signatures en six mois est examinée par la Conférence des présidents."}',
       183, 'franceconnect', 'franceconnect', false,
       '[{"threshold":100000,"label":{"fr":"Examen par la Conférence des présidents"}}]')`,
    [org],
  );
  const petition = async (
    title: string,
    body: string,
    state: string,
    extra: { days?: number; signatures?: number; answer?: string; offline?: number } = {},
  ) => {
    const [p] = await m.query(
      `INSERT INTO petitions.petitions (organization_id, type_id, author_id, author_name, title, body, state,
         submitted_at, published_at, closes_at, closed_at, answer_text, answer_date, answered_at)
       VALUES ($1, $2, $3, 'Camille Martin', $4::text, $5::text, $6::text,
         CASE WHEN $6 <> 'draft' THEN now() - interval '40 days' END,
         CASE WHEN $6 IN ('published', 'closed', 'answered') THEN now() - interval '30 days' END,
         CASE WHEN $6 IN ('published', 'closed', 'answered') THEN now() + make_interval(days => $7::int) END,
         CASE WHEN $6 IN ('closed', 'answered') THEN now() - interval '1 day' END,
         $8::text, CASE WHEN $8::text IS NOT NULL THEN current_date END,
         CASE WHEN $8::text IS NOT NULL THEN now() END)
       RETURNING id`,
      [org, citizen.id, DEMO_AUTHOR, title, body, state, extra.days ?? 150, extra.answer ?? null],
    );
    const states = ['draft', 'submitted', 'published', 'closed', 'answered'];
    const timeline = (kind: string, state: string | null, detail: object = {}) =>
      m.query(
        `INSERT INTO petitions.timeline (organization_id, petition_id, kind, state, detail)
         VALUES ($1, $2, $3, $4, $5)`,
        [org, p.id, kind, state, JSON.stringify(detail)],
      );
    for (const s of states.slice(0, Math.min(3, states.indexOf(state) + 1)))
      await timeline('state', s);
    const n = extra.signatures ?? 0;
    if (n > 0) {
      // Demo signatures from made-up signer keys, spread over a few départements.
      await m.query(
        `INSERT INTO petitions.signatures (petition_id, signer_key, organization_id, receipt, area, method)
         SELECT $1, 'demo-' || i, $2, gen_random_uuid(), (ARRAY['45','75','69','13','33'])[1 + i % 5], 'franceconnect'
           FROM generate_series(1, $3::int) i`,
        [p.id, org, n],
      );
      await m.query(
        `INSERT INTO petitions.area_counts (petition_id, area, organization_id, count)
         SELECT petition_id, area, organization_id, count(*) FROM petitions.signatures
          WHERE petition_id = $1 GROUP BY petition_id, area, organization_id`,
        [p.id],
      );
      await m.query(
        `UPDATE petitions.petitions SET signature_count = $2, offline_count = $3 WHERE id = $1`,
        [p.id, n, extra.offline ?? 0],
      );
      const reached: { threshold: string; label: LocalizedText; count: string }[] = await m.query(
        `INSERT INTO petitions.milestones_reached (petition_id, threshold, organization_id, count)
         SELECT p.id, (ms->>'threshold')::bigint, p.organization_id, p.total_count
           FROM petitions.petitions p JOIN petitions.petition_types t ON t.id = p.type_id,
                jsonb_array_elements(t.milestones) ms
          WHERE p.id = $1 AND (ms->>'threshold')::bigint <= p.total_count
         RETURNING threshold::text, count::text,
           (SELECT ms2->'label' FROM petitions.petition_types t2, jsonb_array_elements(t2.milestones) ms2
             WHERE t2.id = $2 AND (ms2->>'threshold')::bigint = threshold) AS label`,
        [p.id, citizen.id],
      );
      for (const r of reached)
        await timeline('milestone', null, {
          threshold: Number(r.threshold),
          label: r.label,
          count: Number(r.count),
        });
    }
    for (const s of states.slice(3, states.indexOf(state) + 1)) await timeline('state', s);
  };
  await petition(
    'Des pistes cyclables continues entre le centre et les écoles',
    'Aujourd’hui, les pistes cyclables s’interrompent aux carrefours les plus dangereux. Nous demandons un itinéraire continu et protégé entre le centre-ville et chaque groupe scolaire, avant la rentrée prochaine.',
    'published',
    { signatures: 1240, days: 150 },
  );
  await petition(
    'Ouvrir la médiathèque le dimanche après-midi',
    'Beaucoup d’habitants travaillent en semaine et le samedi. Nous demandons l’ouverture de la médiathèque le dimanche de 14 h à 18 h, au moins d’octobre à mars.',
    'published',
    { signatures: 87, days: 5 },
  );
  await petition(
    'Planter des arbres dans la cour de l’école Jules-Ferry',
    'La cour de l’école est entièrement goudronnée et dépasse 40 °C en juin. Nous demandons sa végétalisation avec des arbres et un sol perméable.',
    'answered',
    {
      signatures: 5230,
      offline: 312,
      days: -1,
      answer:
        'Le conseil municipal a voté la végétalisation de la cour lors de sa séance du 12 novembre ; les travaux auront lieu pendant les vacances d’été.',
    },
  );
  await petition(
    'Un marché de producteurs le mercredi soir',
    'Nous proposons un marché de producteurs locaux place de la Mairie, le mercredi de 17 h à 20 h, pour que ceux qui travaillent puissent acheter en circuit court.',
    'submitted',
  );
}
