import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeEvent, Topics } from '@palabre/contracts';
import { returnedRows } from '@palabre/persistence';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { UUID } from '../components/component-access';
import { commitment, drawPanel, selectionProbabilities } from '../draws/draw-core';
import { DEMO_PANEL } from './demo-panel';

const DEMO_NUMBERS = 'Dés lancés en séance publique : 4 2 6 1 5 3';

/**
 * Embedded mode (`npm start`): the sortitions component of the demo process
 * (announced by spaces with the cause "demo") gets a citizens' panel drawn
 * from the demo pool (demo-pool.ts; its fair distribution computed once by
 * `npm run sortition:demo-panel`, checked by a test), so that a visitor sees
 * a draw and re-runs it with tools/sortition/redraw.mjs. An administrator
 * prepares their own draws (proposals, or a panel from the demo pool's CSV).
 */
@Injectable()
export class DemoContent implements OnModuleInit {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async onModuleInit(): Promise<void> {
    if (!this.runtime.embedded) return;
    await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'sortitions',
      group: 'sortitions.demo-content',
      topics: [Topics.SpacesComponentSettingsChangedV1],
      decode: (_topic, payload) => decodeEvent(Topics.SpacesComponentSettingsChangedV1, payload),
      handle: async (event, m) => {
        const c = event.payload;
        if (c.cause !== 'demo' || c.componentType !== 'sortitions') return;
        if (![c.organizationId, c.componentId, c.spaceId].every((id) => UUID.test(id))) return;
        const [existing] = await m.query(
          `SELECT 1 FROM sortitions.draws WHERE organization_id = $1 AND component_id = $2 LIMIT 1`,
          [c.organizationId, c.componentId],
        );
        if (existing) return;
        await seed(m, c.organizationId, c.componentId, c.spaceId);
        this.runtime.logger.emit('info', 'Seeded a demo draw', {
          organizationId: c.organizationId,
        });
      },
    });
  }
}

async function seed(m: EntityManager, org: string, componentId: string, spaceId: string) {
  const inputs = { ...DEMO_PANEL.inputs, organization: org };
  const result = drawPanel(inputs, DEMO_NUMBERS);
  const chances = selectionProbabilities(inputs);
  const [row] = returnedRows<{ id: string }>(
    await m.query(
      `INSERT INTO sortitions.draws (organization_id, component_id, space_id, kind, title, description, state,
         inputs, commitment, details, reveal_at, public_numbers, witnesses, result, prepared_at, drawn_at)
       VALUES ($1, $2, $3, 'panel', $4, $5, 'drawn', $6, $7, $8, $9, $10, $11, $12, $9, $13) RETURNING id`,
      [
        org,
        componentId,
        spaceId,
        JSON.stringify({
          fr: 'Panel citoyen du budget participatif',
          en: 'Citizens’ panel of the participatory budget',
        }),
        JSON.stringify({
          fr: 'Douze habitants tirés au sort parmi 240 volontaires, avec des quotas de genre, d’âge et de quartier, pour suivre le budget participatif. Les dés ont été lancés devant témoins.',
          en: 'Twelve residents drawn by lot among 240 volunteers, with quotas of gender, age and district, to follow the participatory budget. The dice were rolled before witnesses.',
        }),
        JSON.stringify({ ...inputs, pool: undefined }),
        commitment(inputs),
        JSON.stringify({
          ...DEMO_PANEL.details,
          minProbability: Math.min(...Object.values(chances)),
        }),
        new Date(inputs.drawAt),
        DEMO_NUMBERS,
        'Mme Leroy, M. Diallo (conseil de quartier)',
        JSON.stringify(result),
        new Date(Date.parse(inputs.drawAt) + 86_400_000),
      ],
    ),
  );
  await m.query(
    `INSERT INTO sortitions.pools (draw_id, organization_id, volunteers, delete_after)
     VALUES ($1, $2, $3, now() + interval '180 days')`,
    [row.id, org, JSON.stringify(inputs.pool)],
  );
}
