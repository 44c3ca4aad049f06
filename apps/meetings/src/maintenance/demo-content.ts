import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeEvent, Topics, type LocalizedText } from '@palabre/contracts';
import { returnedRows } from '@palabre/persistence';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { UUID } from '../components/component-access';
import { instantIn, wallClock } from '../time';

const ZONE = 'Europe/Paris';
const DAY = 24 * 3600_000;

/** A wall-clock time `days` from now at `hh:mm` in Paris. */
function at(days: number, hhmm: string): Date {
  const day = wallClock(new Date(Date.now() + days * DAY), ZONE).slice(0, 10);
  return instantIn(`${day}T${hhmm}`, ZONE) as Date;
}

interface Demo {
  title: LocalizedText;
  description: LocalizedText;
  type: 'in_person' | 'online' | 'hybrid';
  days: number;
  from: string;
  to: string;
  address?: string;
  hints?: LocalizedText;
  latitude?: number;
  longitude?: number;
  onlineUrl?: string;
  capacity?: number;
  services?: string[];
  agenda?: { title: LocalizedText; durationMinutes: number }[];
  minutes?: {
    text: LocalizedText;
    attendeesCount: number;
    contributionsCount: number;
    organizations: string;
  };
  terms?: LocalizedText;
}

const TOWN_HALL = {
  address: 'Mairie de quartier, 2 place de la République',
  hints: {
    fr: 'Salle du conseil, rez-de-chaussée, accès de plain-pied',
    en: 'Council room, ground floor, step-free access',
  },
  latitude: 45.7597,
  longitude: 4.8422,
};

/** A participatory process's meetings: an ideas workshop and the online explainer. */
function processMeetings(): Demo[] {
  return [
    {
      title: {
        fr: 'Atelier d’idées pour le budget participatif',
        en: 'Ideas workshop for the participatory budget',
      },
      description: {
        fr: 'Venez travailler vos idées avec d’autres habitants et les services de la ville avant de les déposer.',
        en: 'Come and work on your ideas with other residents and the city’s services before posting them.',
      },
      type: 'in_person',
      days: 4,
      from: '18:00',
      to: '20:00',
      ...TOWN_HALL,
      capacity: 25,
      services: ['childcare', 'accessible_venue'],
      agenda: [
        {
          title: { fr: 'Présentation du budget', en: 'The budget, presented' },
          durationMinutes: 20,
        },
        { title: { fr: 'Travail en tables', en: 'Work in small groups' }, durationMinutes: 80 },
        { title: { fr: 'Restitution', en: 'Feedback' }, durationMinutes: 20 },
      ],
    },
    upcomingOf()[1],
  ];
}

/** Upcoming meetings (always some: the demo tops them up at each start) and a past one with minutes. */
function upcomingOf(): Demo[] {
  return [
    {
      title: {
        fr: 'Séance publique du conseil de quartier',
        en: 'Public session of the neighbourhood council',
      },
      description: {
        fr: 'Ordre du jour : la rue scolaire de l’école Jean-Macé, le bilan du marché du dimanche, vos questions. Ouvert à toutes et tous.',
        en: 'Agenda: the school street at Jean-Macé school, a review of the Sunday market, your questions. Open to all.',
      },
      type: 'hybrid',
      days: 6,
      from: '18:30',
      to: '20:30',
      ...TOWN_HALL,
      onlineUrl: 'https://visio.example.org/conseil-de-quartier',
      capacity: 40,
      services: ['childcare', 'sign_language', 'accessible_venue'],
      agenda: [
        {
          title: { fr: 'Accueil et tour de table', en: 'Welcome and introductions' },
          durationMinutes: 15,
        },
        { title: { fr: 'La rue scolaire', en: 'The school street' }, durationMinutes: 45 },
        {
          title: { fr: 'Questions des habitants', en: 'Residents’ questions' },
          durationMinutes: 60,
        },
      ],
      terms: {
        fr: 'J’accepte que mon nom figure sur la liste d’émargement de la séance.',
        en: 'I agree that my name appears on the session’s attendance sheet.',
      },
    },
    {
      title: {
        fr: 'Le budget participatif expliqué (en ligne)',
        en: 'The participatory budget explained (online)',
      },
      description: {
        fr: 'Une heure pour comprendre comment déposer une idée, comment elle est étudiée et comment voter.',
        en: 'One hour to understand how to post an idea, how it is studied and how to vote.',
      },
      type: 'online',
      days: 3,
      from: '12:30',
      to: '13:30',
      onlineUrl: 'https://visio.example.org/budget-participatif',
      services: ['interpretation'],
    },
    {
      title: {
        fr: 'Balade urbaine : les arbres du centre',
        en: 'Town walk: the trees of the centre',
      },
      description: {
        fr: 'Une balade de deux heures avec le service des espaces verts. Places limitées : une liste d’attente est ouverte.',
        en: 'A two-hour walk with the parks department. Seats are limited: a waiting list is open.',
      },
      type: 'in_person',
      days: 9,
      from: '10:00',
      to: '12:00',
      address: 'Devant la mairie, place de la Mairie',
      latitude: 45.7602,
      longitude: 4.8358,
      capacity: 8,
      services: ['accessible_venue'],
    },
  ];
}

const PAST: Demo = {
  title: {
    fr: 'Atelier : réaménager la place du marché',
    en: 'Workshop: redesigning the market square',
  },
  description: {
    fr: 'Un atelier autour d’une grande carte pour imaginer la place de demain.',
    en: 'A workshop around a large map to imagine tomorrow’s square.',
  },
  type: 'in_person',
  days: -20,
  from: '18:00',
  to: '20:00',
  ...TOWN_HALL,
  capacity: 30,
  minutes: {
    text: {
      fr: 'Vingt-huit habitants ont travaillé en quatre tables. Propositions retenues : davantage d’ombre, un point d’eau, des bancs, des horaires de livraison. Elles sont déposées dans la boîte à idées du budget participatif.',
      en: 'Twenty-eight residents worked at four tables. Proposals kept: more shade, a water fountain, benches, delivery hours. They are posted in the participatory budget’s idea box.',
    },
    attendeesCount: 28,
    contributionsCount: 14,
    organizations: 'Association des commerçants du marché, Conseil de quartier',
  },
};

async function insert(
  m: EntityManager,
  org: string,
  componentId: string,
  spaceId: string,
  d: Demo,
) {
  const startsAt = at(d.days, d.from);
  const endsAt = at(d.days, d.to);
  const past = endsAt.getTime() < Date.now();
  await m.query(
    `INSERT INTO meetings.meetings (organization_id, component_id, space_id, organizer_kind, title,
       description, type, starts_at, ends_at, time_zone, address, location_hints, latitude, longitude,
       online_url, online_visibility, agenda, services, state, registrations_enabled, capacity,
       registration_terms, minutes, closed_at, published_at)
     VALUES ($1, $2, $3, 'official', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'registered',
       $15, $16, 'published', $17, $18, $19, $20, $21, now() - interval '1 day')`,
    [
      org,
      componentId,
      spaceId,
      JSON.stringify(d.title),
      JSON.stringify(d.description),
      d.type,
      startsAt,
      endsAt,
      ZONE,
      d.address ?? null,
      JSON.stringify(d.hints ?? {}),
      d.latitude ?? null,
      d.longitude ?? null,
      d.onlineUrl ?? null,
      JSON.stringify((d.agenda ?? []).map((a) => ({ ...a, description: {} }))),
      d.services ?? [],
      !past,
      d.capacity ?? null,
      JSON.stringify(d.terms ?? {}),
      d.minutes ? JSON.stringify({ ...d.minutes, audioUrl: null, videoUrl: null }) : null,
      d.minutes ? endsAt : null,
    ],
  );
}

/**
 * Embedded mode (`npm start`): the meetings components of the demo spaces
 * (announced by spaces with the cause "demo") get meetings to try —
 * upcoming ones with seats, an online one, a small one with a waiting list,
 * and a past one with minutes. A component an administrator creates later,
 * even in the demo organization, stays empty. At every start, a demo
 * component with no upcoming meeting left gets new ones, so that something
 * is always open to try.
 */
@Injectable()
export class DemoContent implements OnModuleInit, OnApplicationBootstrap {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async onModuleInit(): Promise<void> {
    if (!this.runtime.embedded) return;
    await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'meetings',
      group: 'meetings.demo-content',
      topics: [Topics.SpacesComponentSettingsChangedV1],
      decode: (_topic, payload) => decodeEvent(Topics.SpacesComponentSettingsChangedV1, payload),
      handle: async (event, m) => {
        const c = event.payload;
        if (c.cause !== 'demo' || c.componentType !== 'meetings') return;
        if (![c.organizationId, c.componentId, c.spaceId].every((id) => UUID.test(id))) return;
        const [fresh] = returnedRows(
          await m.query(
            `INSERT INTO meetings.demo_components (component_id, organization_id, space_id, seeded_at)
             VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING RETURNING component_id`,
            [c.componentId, c.organizationId, c.spaceId],
          ),
        );
        if (!fresh) return;
        // A participatory process has phases; the council (an assembly) has none.
        for (const d of [...(c.activePhaseId ? processMeetings() : upcomingOf()), PAST])
          await insert(m, c.organizationId, c.componentId, c.spaceId, d);
        this.runtime.logger.emit('info', 'Seeded demo meetings', {
          organizationId: c.organizationId,
        });
      },
    });
  }

  /** A process gets workshops; other spaces (the council) sessions and walks. */
  private async upcoming(m: EntityManager, spaceId: string): Promise<Demo[]> {
    const [space]: { kind: string }[] = await m.query(
      `SELECT kind FROM meetings.spaces WHERE space_id = $1`,
      [spaceId],
    );
    return space?.kind === 'process' ? processMeetings() : upcomingOf();
  }

  /** At each start: demo components whose meetings have all passed get new upcoming ones. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.runtime.embedded) return;
    await this.runtime.dataSource.transaction(async (m) => {
      const stale: { component_id: string; space_id: string; organization_id: string }[] =
        await m.query(
          `SELECT c.component_id, c.space_id, c.organization_id FROM meetings.demo_components c
            WHERE c.seeded_at IS NOT NULL AND NOT EXISTS (
              SELECT 1 FROM meetings.meetings x WHERE x.component_id = c.component_id
                 AND x.state = 'published' AND x.starts_at > now() + interval '1 day')`,
        );
      for (const c of stale)
        for (const d of await this.upcoming(m, c.space_id))
          await insert(m, c.organization_id, c.component_id, c.space_id, d);
    });
  }
}
