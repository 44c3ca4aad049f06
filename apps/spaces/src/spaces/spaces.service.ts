import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Topics, type PhaseActivatedJson } from '@palabre/contracts';
import { hasRole, type InternalIdentity } from '@palabre/auth';
import { publish, publishMany } from '@palabre/messaging';
import { returnedRows } from '@palabre/persistence';
import { ComponentTypesRepository } from '../component-types/component-types.repository';
import type { ComponentTypeDef } from '../component-types/component-type';
import { ComponentsRepository } from '../components/components.repository';
import { effectiveOf, settingsChanged } from '../components/effective-settings';
import { PhaseCalendar } from '../phases/phase-calendar';
import {
  SpaceError,
  invalid,
  notFound,
  spaceException,
  uniqueViolation,
} from '../spaces.exception';
import type { CreateSpaceDto, UpdateSpaceDto } from './space.dto';
import {
  cardView,
  isPublic,
  isSpaceAdmin,
  landingView,
  maySee,
  type PhaseRow,
  type SpaceRow,
} from './space.view';
import { ReadCache } from './read-cache';
import { PHASE_COLUMNS, SpacesRepository } from './spaces.repository';

export interface Rendered {
  json: string;
  etag: string;
  public: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RENDER_MS = 1_000;
/** Paths of this API that a slug must not shadow. */
const RESERVED_SLUGS = ['settings', 'component-types', 'internal'];

export function render(value: unknown, isPublicValue: boolean): Rendered {
  const json = JSON.stringify(value);
  return {
    json,
    etag: `"${createHash('sha1').update(json).digest('base64url')}"`,
    public: isPublicValue,
  };
}

const hasText = (t: { fr?: string; en?: string } | undefined | null) =>
  !!t && (!!t.fr?.trim() || !!t.en?.trim());

/**
 * Spaces and their phases: who sees what, the landing page, the admin
 * changes, and the switch of the active phase (one at a time, enforced by
 * the database; announced with PhaseActivated and the new settings of every
 * component, in the same transaction).
 */
@Injectable()
export class SpacesService {
  constructor(
    private readonly cache: ReadCache,
    private readonly spaces: SpacesRepository,
    private readonly components: ComponentsRepository,
    private readonly types: ComponentTypesRepository,
    private readonly calendar: PhaseCalendar,
  ) {}

  /** Any write in this process: rendered pages are dropped at once (others age out in a second). */
  invalidate(): void {
    this.cache.clear();
  }

  private async lookup(identity: InternalIdentity, idOrSlug: string): Promise<SpaceRow | null> {
    return UUID.test(idOrSlug)
      ? this.spaces.find(identity.organizationId, idOrSlug)
      : this.spaces.findBySlug(identity.organizationId, idOrSlug);
  }

  /** A space the caller may see, or 404 (drafts and private spaces are not admitted to exist). */
  async visible(identity: InternalIdentity, idOrSlug: string): Promise<SpaceRow> {
    const s = await this.lookup(identity, idOrSlug);
    if (!s) throw notFound();
    const member =
      s.private && !s.transparent
        ? await this.spaces.isMember(s.organization_id, s.id, identity.userId)
        : false;
    if (!maySee(identity, s, member)) throw notFound();
    return s;
  }

  /** A space the caller administers: 404 if they may not even see it, 403 if they only see it. */
  async administered(identity: InternalIdentity, id: string): Promise<SpaceRow> {
    const s = await this.visible(identity, id);
    if (!isSpaceAdmin(identity, s.id))
      throw spaceException(
        SpaceError.NotAllowed,
        'Only administrators of this space (or of the organization) may do this',
      );
    return s;
  }

  /** Runs an admin change with the space row locked; drops rendered pages after. */
  async locked<T>(
    identity: InternalIdentity,
    id: string,
    fn: (s: SpaceRow, m: EntityManager) => Promise<T>,
  ): Promise<T> {
    await this.administered(identity, id);
    try {
      return await this.spaces.transaction(async (m) => {
        const s = await this.spaces.find(identity.organizationId, id, m, true);
        if (!s) throw notFound();
        return fn(s, m);
      });
    } finally {
      this.invalidate();
    }
  }

  private async renderOnce(
    key: string,
    identity: InternalIdentity,
    idOrSlug: string,
    build: (s: SpaceRow) => Promise<unknown>,
  ): Promise<Rendered> {
    return this.cache.get(
      `${key} ${identity.organizationId} ${idOrSlug}`,
      RENDER_MS,
      async () => {
        const s = await this.visible(identity, idOrSlug);
        return render(await build(s), isPublic(s));
      },
      // Only what every caller would get is shared.
      (value) => value.public,
    );
  }

  landing(identity: InternalIdentity, idOrSlug: string): Promise<Rendered> {
    return this.renderOnce('landing', identity, idOrSlug, async (s) => {
      const [phases, components] = await Promise.all([
        this.spaces.phases(s.organization_id, s.id),
        this.spaces.components(s.organization_id, s.id),
      ]);
      return landingView(s, phases, components, this.calendar.today());
    });
  }

  card(identity: InternalIdentity, idOrSlug: string): Promise<Rendered> {
    return this.renderOnce('card', identity, idOrSlug, async (s) => {
      const active = await this.spaces.activePhases(s.organization_id, [s.id]);
      return cardView(s, active.get(s.id), this.calendar.today());
    });
  }

  private checkContent(
    body: Partial<CreateSpaceDto>,
    current: Partial<Pick<SpaceRow, 'kind' | 'private' | 'starts_on' | 'ends_on'>>,
    creating: boolean,
  ): void {
    const errors: { field: string; message: string }[] = [];
    if ((creating || body.title !== undefined) && !hasText(body.title))
      errors.push({ field: 'title', message: 'give the title in French (fr) or English (en)' });
    if (body.slug !== undefined && (UUID.test(body.slug) || RESERVED_SLUGS.includes(body.slug)))
      errors.push({ field: 'slug', message: 'is reserved; choose another' });
    const startsOn = body.startsOn !== undefined ? body.startsOn : current.starts_on;
    const endsOn = body.endsOn !== undefined ? body.endsOn : current.ends_on;
    if (startsOn && endsOn && endsOn < startsOn)
      errors.push({ field: 'endsOn', message: 'must be on or after startsOn' });
    const priv = body.private ?? current.private ?? false;
    if (body.transparent && !priv)
      errors.push({ field: 'transparent', message: 'only a private space can be transparent' });
    if (body.autoPhases && (current.kind ?? body.kind) !== 'process')
      errors.push({ field: 'autoPhases', message: 'only processes have phases' });
    if (errors.length) throw invalid(errors);
  }

  private slugTaken(e: unknown): never {
    const constraint = uniqueViolation(e);
    if (constraint !== null && constraint.includes('slug'))
      throw spaceException(SpaceError.SlugTaken, 'slug: another space of the organization has it', {
        errors: [{ field: 'slug', message: 'is already used by another space' }],
      });
    throw e;
  }

  async create(identity: InternalIdentity, body: CreateSpaceDto): Promise<SpaceRow> {
    this.checkContent(body, {}, true);
    const { kind, ...fields } = body;
    try {
      return await this.spaces.transaction(async (m) => {
        const reference = await this.spaces.nextReference(m, identity.organizationId, kind);
        return this.spaces.insert(m, identity.organizationId, kind, reference, {
          ...fields,
          transparent: body.private ? body.transparent : false,
        });
      });
    } catch (e) {
      return this.slugTaken(e);
    }
  }

  async update(identity: InternalIdentity, id: string, body: UpdateSpaceDto): Promise<SpaceRow> {
    try {
      return await this.locked(identity, id, async (s, m) => {
        this.checkContent(body, s, false);
        const fields: Record<string, unknown> = { ...body };
        if (body.private === false) fields.transparent = false;
        return this.spaces.update(m, s.organization_id, s.id, fields);
      });
    } catch (e) {
      return this.slugTaken(e);
    }
  }

  setState(identity: InternalIdentity, id: string, state: 'draft' | 'published') {
    return this.locked(identity, id, (s, m) =>
      this.spaces.setState(m, s.organization_id, s.id, state),
    );
  }

  // ── phases ────────────────────────────────────────────────────────────

  private process(s: SpaceRow): void {
    if (s.kind !== 'process')
      throw spaceException(
        SpaceError.NoPhases,
        'This space is an assembly: assemblies are permanent and have no phases',
      );
  }

  private async phase(m: EntityManager, s: SpaceRow, phaseId: string): Promise<PhaseRow> {
    const [p] = await m.query(
      `SELECT ${PHASE_COLUMNS} FROM spaces.phases p
        WHERE p.organization_id = $1 AND p.space_id = $2 AND p.id = $3`,
      [s.organization_id, s.id, phaseId],
    );
    if (!p) throw spaceException(SpaceError.PhaseNotFound, 'No such phase in this space');
    return p;
  }

  private checkDates(startsOn?: string | null, endsOn?: string | null): void {
    if (startsOn && endsOn && endsOn < startsOn)
      throw invalid([{ field: 'endsOn', message: 'must be on or after startsOn' }]);
  }

  addPhase(
    identity: InternalIdentity,
    spaceId: string,
    body: {
      title: { fr?: string; en?: string };
      description?: object;
      startsOn?: string | null;
      endsOn?: string | null;
    },
  ): Promise<PhaseRow> {
    if (!hasText(body.title))
      throw invalid([{ field: 'title', message: 'give the title in French (fr) or English (en)' }]);
    this.checkDates(body.startsOn, body.endsOn);
    return this.locked(identity, spaceId, async (s, m) => {
      this.process(s);
      const [p] = await m.query(
        `INSERT INTO spaces.phases AS p (organization_id, space_id, position, title, description, starts_on, ends_on)
         VALUES ($1, $2, (SELECT coalesce(max(position) + 1, 0) FROM spaces.phases
                           WHERE organization_id = $1 AND space_id = $2),
                 $3, $4, $5::date, $6::date)
         RETURNING ${PHASE_COLUMNS}`,
        [
          s.organization_id,
          s.id,
          JSON.stringify(body.title),
          JSON.stringify(body.description ?? {}),
          body.startsOn ?? null,
          body.endsOn ?? null,
        ],
      );
      return p;
    });
  }

  editPhase(
    identity: InternalIdentity,
    spaceId: string,
    phaseId: string,
    body: {
      title?: { fr?: string; en?: string };
      description?: object;
      startsOn?: string | null;
      endsOn?: string | null;
    },
  ): Promise<PhaseRow> {
    if (body.title !== undefined && !hasText(body.title))
      throw invalid([{ field: 'title', message: 'give the title in French (fr) or English (en)' }]);
    return this.locked(identity, spaceId, async (s, m) => {
      this.process(s);
      const p = await this.phase(m, s, phaseId);
      const startsOn = body.startsOn !== undefined ? body.startsOn : p.starts_on;
      const endsOn = body.endsOn !== undefined ? body.endsOn : p.ends_on;
      this.checkDates(startsOn, endsOn);
      const [row] = returnedRows<PhaseRow>(
        await m.query(
          `UPDATE spaces.phases p SET title = $4, description = $5, starts_on = $6::date, ends_on = $7::date
            WHERE p.organization_id = $1 AND p.space_id = $2 AND p.id = $3 RETURNING ${PHASE_COLUMNS}`,
          [
            s.organization_id,
            s.id,
            p.id,
            JSON.stringify(body.title ?? p.title),
            JSON.stringify(body.description ?? p.description),
            startsOn,
            endsOn,
          ],
        ),
      );
      // New dates may put the active phase in or out of force today.
      if (row.active && (row.starts_on !== p.starts_on || row.ends_on !== p.ends_on))
        await this.announcePhase(m, s, row, 'phase-dates');
      return row;
    });
  }

  reorderPhases(identity: InternalIdentity, spaceId: string, phaseIds: string[]) {
    return this.locked(identity, spaceId, async (s, m) => {
      this.process(s);
      const phases = await this.spaces.phases(s.organization_id, s.id, m);
      const known = new Set(phases.map((p) => p.id));
      if (
        phaseIds.length !== phases.length ||
        new Set(phaseIds).size !== phaseIds.length ||
        phaseIds.some((id) => !known.has(id))
      )
        throw invalid([
          {
            field: 'phaseIds',
            message: `must list each of the ${phases.length} phases of this space exactly once`,
          },
        ]);
      // The (space, position) key is checked at commit: positions can swap in one statement.
      await m.query(
        `UPDATE spaces.phases p SET position = o.ord - 1
           FROM unnest($3::uuid[]) WITH ORDINALITY AS o(id, ord)
          WHERE p.organization_id = $1 AND p.space_id = $2 AND p.id = o.id`,
        [s.organization_id, s.id, phaseIds],
      );
      return this.spaces.phases(s.organization_id, s.id, m);
    });
  }

  removePhase(identity: InternalIdentity, spaceId: string, phaseId: string) {
    return this.locked(identity, spaceId, async (s, m) => {
      this.process(s);
      const p = await this.phase(m, s, phaseId);
      if (p.active)
        throw spaceException(
          SpaceError.ActivePhase,
          'This phase is active: activate another one before removing it',
        );
      await m.query(`DELETE FROM spaces.phases WHERE organization_id = $1 AND id = $2`, [
        s.organization_id,
        p.id,
      ]);
      await m.query(
        `UPDATE spaces.phases p SET position = p.position - 1
          WHERE p.organization_id = $1 AND p.space_id = $2 AND p.position > $3`,
        [s.organization_id, s.id, p.position],
      );
    });
  }

  /** An administrator switches the active phase of a process. */
  async activate(identity: InternalIdentity, spaceId: string, phaseId: string) {
    try {
      return await this.locked(identity, spaceId, async (s, m) => {
        this.process(s);
        const p = await this.phase(m, s, phaseId);
        return this.switchTo(m, s, p, 'admin');
      });
    } catch (e) {
      if (uniqueViolation(e) !== null)
        throw spaceException(
          SpaceError.WrongState,
          'Another activation of this space happened at the same moment; reload and try again',
        );
      throw e;
    }
  }

  /**
   * Makes `p` the only active phase of `s` (whose row the caller locked, so
   * activations of one space queue up; the partial unique index
   * `phases_one_active` refuses a second active phase even without the lock).
   * Publishes PhaseActivated and the new effective settings of each component.
   */
  async switchTo(
    m: EntityManager,
    s: SpaceRow,
    p: PhaseRow,
    by: 'admin' | 'dates',
  ): Promise<{ phase: PhaseRow; previousPhaseId: string | null; changed: boolean }> {
    if (p.active) return { phase: p, previousPhaseId: p.id, changed: false };
    const previous = returnedRows<{ id: string }>(
      await m.query(
        `UPDATE spaces.phases SET active = false
          WHERE organization_id = $1 AND space_id = $2 AND active RETURNING id`,
        [s.organization_id, s.id],
      ),
    );
    const [phase] = returnedRows<PhaseRow>(
      await m.query(
        `UPDATE spaces.phases p SET active = true, activated_at = now()
          WHERE p.organization_id = $1 AND p.id = $2 RETURNING ${PHASE_COLUMNS}`,
        [s.organization_id, p.id],
      ),
    );
    const previousPhaseId = previous[0]?.id ?? null;
    const payload: PhaseActivatedJson = {
      spaceId: s.id,
      organizationId: s.organization_id,
      phaseId: phase.id,
      previousPhaseId: previousPhaseId ?? '',
      title: phase.title as Record<string, string>,
      activatedBy: by,
      activatedAt: new Date(phase.activated_at as Date).toISOString(),
    };
    await publish(m, 'spaces', {
      topic: Topics.SpacesPhaseActivatedV1,
      key: s.id,
      tenantId: s.organization_id,
      schema: 'palabre.spaces.v1.PhaseActivated',
      payload,
    });
    await this.announcePhase(m, s, phase, 'phase-activated');
    return { phase, previousPhaseId, changed: true };
  }

  /**
   * Publishes the settings in force of every component of `s` while `phase`
   * is its active phase (whose actions are closed outside its dates), and
   * records which side of its dates it was announced on, so that the
   * scheduler announces again when today crosses one of them.
   */
  async announcePhase(
    m: EntityManager,
    s: SpaceRow,
    phase: PhaseRow,
    cause: 'phase-activated' | 'phase-dates',
  ): Promise<void> {
    const timing = this.calendar.timing(phase);
    const components = await this.spaces.components(s.organization_id, s.id, m);
    const values = await this.components.valuesOfPhase(m, s.organization_id, phase.id);
    const types = new Map<string, ComponentTypeDef | null>();
    const events = [];
    for (const c of components) {
      if (!types.has(c.type))
        types.set(c.type, await this.types.find(s.organization_id, c.type, m));
      const eff = effectiveOf(
        types.get(c.type) ?? null,
        c,
        { id: phase.id, timing },
        values.get(c.id) ?? null,
      );
      const permissions = await this.components.permissions(s.organization_id, c.id, m);
      events.push(settingsChanged(c, phase, cause, eff.settings, permissions));
    }
    await publishMany(m, 'spaces', events);
    await m.query(
      `UPDATE spaces.phases SET announced_timing = $3 WHERE organization_id = $1 AND id = $2`,
      [s.organization_id, phase.id, timing],
    );
  }

  // ── members ───────────────────────────────────────────────────────────

  async addMember(identity: InternalIdentity, spaceId: string, userId: string) {
    const s = await this.administered(identity, spaceId);
    if (!s.private)
      throw spaceException(
        SpaceError.WrongState,
        'Members are invited to private spaces; this space is open to everyone',
      );
    const added = await this.spaces.addMember(s.organization_id, s.id, userId, identity.userId);
    this.invalidate();
    return added;
  }

  async removeMember(identity: InternalIdentity, spaceId: string, userId: string) {
    const s = await this.administered(identity, spaceId);
    if (!(await this.spaces.removeMember(s.organization_id, s.id, userId)))
      throw spaceException(SpaceError.MemberNotFound, 'This account is not a member of this space');
    this.invalidate();
  }

  /** Who may see every private space and every draft of the organization. */
  static orgWide(identity: InternalIdentity) {
    return {
      admin: hasRole(identity, 'org-admin'),
      staff: identity.grants.some(
        (g) =>
          !g.spaceId &&
          ['org-admin', 'platform-operator', 'moderator', 'evaluator'].includes(g.role),
      ),
    };
  }
}
