import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { hasRole, type InternalIdentity } from '@palabre/auth';
import { BoundedCache } from '@palabre/cache';
import { PetitionError, petitionException } from '../petitions.exception';
import type { PetitionTypeView } from '../types/petition-type.dto';
import { PetitionTypesRepository } from '../types/petition-types.repository';
import { notifyAuthor } from './author-notifications';
import { applyCountDeltas } from './counters';
import type {
  AnswerDto,
  CreatePetitionDto,
  OfflineCountDto,
  ReviewDto,
  UpdatePetitionDto,
} from './petition.dto';
import { PUBLIC_STATES, detailOf, type PetitionRow, type PetitionState } from './petition.view';
import { PetitionsRepository } from './petitions.repository';

export interface RenderedDetail {
  json: string;
  etag: string;
  public: boolean;
}

/** What signing needs to know about a petition, cached for a second. */
export interface SigningGate {
  organizationId: string;
  state: PetitionState;
  closesAt: number | null;
  type: PetitionTypeView;
}

const CACHE_MS = 1_000;
const GATE_CACHE_MS = 10_000;
const MAX_CACHED = 10_000;

const canSeeAll = (identity: InternalIdentity) => hasRole(identity, 'org-admin');

/**
 * The petition lifecycle: draft → submitted → published | rejected;
 * published → closed (deadline or early) → answered. Each change is one
 * transaction that also writes the public timeline and the event.
 */
@Injectable()
export class PetitionsService {
  /** Public details by petition (a private one is rendered for its asker only). */
  private readonly details = new BoundedCache<{ org: string; value: RenderedDetail }>({
    max: MAX_CACHED,
    ttlMs: CACHE_MS,
  });
  /** By petition; a petition not found is not kept (and not shared with another organization's asker). */
  private readonly gates = new BoundedCache<SigningGate | null>({
    max: MAX_CACHED,
    ttlMs: (gate) => (gate ? GATE_CACHE_MS : 0),
  });

  constructor(
    private readonly petitions: PetitionsRepository,
    private readonly types: PetitionTypesRepository,
  ) {}

  /** A petition the caller may see, or 404 (a private petition is not admitted to exist). */
  async visible(identity: InternalIdentity, id: string): Promise<PetitionRow> {
    const p = await this.petitions.find(identity.organizationId, id);
    if (!p || !this.maySee(identity, p))
      throw petitionException(PetitionError.NotFound, 'No such petition');
    return p;
  }

  maySee(identity: InternalIdentity, p: PetitionRow): boolean {
    return (
      PUBLIC_STATES.includes(p.state) ||
      (identity.userId !== undefined && p.author_id === identity.userId) ||
      canSeeAll(identity)
    );
  }

  async type(organizationId: string, id: string, m?: EntityManager): Promise<PetitionTypeView> {
    const t = await this.types.find(organizationId, id, m);
    if (!t) throw petitionException(PetitionError.TypeNotFound, 'typeId: no such petition type');
    return t;
  }

  /** The public detail, rendered once a second per petition however many people look. */
  async detail(identity: InternalIdentity, id: string): Promise<RenderedDetail> {
    const hit = this.details.peek(id);
    if (hit?.org === identity.organizationId) return hit.value;
    const p = await this.visible(identity, id);
    const [type, milestones, areas, timeline] = await Promise.all([
      this.type(p.organization_id, p.type_id),
      this.petitions.milestones(p.organization_id, id),
      this.petitions.areas(p.organization_id, id),
      this.petitions.timeline(p.organization_id, id),
    ]);
    const json = JSON.stringify(detailOf(p, type, { milestones, areas, timeline }));
    const value: RenderedDetail = {
      json,
      etag: `"${createHash('sha1').update(json).digest('base64url')}"`,
      public: PUBLIC_STATES.includes(p.state),
    };
    if (value.public) this.details.set(id, { org: identity.organizationId, value });
    return value;
  }

  /**
   * Cached 10 s: it only picks the error message and refuses early; the batch
   * itself re-checks state and deadline in SQL, and this process's own
   * changes drop the entry at once.
   */
  async gate(organizationId: string, id: string): Promise<SigningGate | null> {
    const gate = await this.gates.fetch(id, async () => {
      const p = await this.petitions.find(organizationId, id);
      return p
        ? {
            organizationId,
            state: p.state,
            closesAt: p.closes_at ? new Date(p.closes_at).getTime() : null,
            type: await this.type(organizationId, p.type_id),
          }
        : null;
    });
    return gate?.organizationId === organizationId ? gate : null;
  }

  invalidate(id: string): void {
    this.details.delete(id);
    this.gates.delete(id);
  }

  async create(identity: InternalIdentity, body: CreatePetitionDto): Promise<PetitionRow> {
    if (!identity.userId)
      throw petitionException(
        PetitionError.SignInToAuthor,
        'Sign in to write a petition: authors are public and identified',
        { signIn: '/auth/franceconnect/login?mode=author&returnTo=%2Fpetitions%2Fnew' },
      );
    const type = await this.type(identity.organizationId, body.typeId);
    if (!type.active)
      throw petitionException(
        PetitionError.TypeNotFound,
        'typeId: this type takes no new petitions',
      );
    this.checkAuthor(identity, type);
    return this.petitions.transaction(async (m) => {
      const p = await this.petitions.insert(m, {
        organization_id: identity.organizationId,
        type_id: type.id,
        author_id: identity.userId as string,
        author_name: identity.displayName as string,
        title: body.title.trim(),
        body: body.body.trim(),
      });
      await this.petitions.record(m, p, 'state', 'draft', {}, identity.userId);
      return p;
    });
  }

  private checkAuthor(identity: InternalIdentity, type: PetitionTypeView): void {
    if (type.authors === 'franceconnect' && !identity.identified)
      throw petitionException(
        PetitionError.FranceConnectRequired,
        'Authors of this type of petition sign in with FranceConnect, so their name is verified',
        { signIn: '/auth/franceconnect/login?mode=author&returnTo=%2Fpetitions%2Fnew' },
      );
    if (!identity.displayName)
      throw petitionException(
        PetitionError.Invalid,
        'Your account has no public name; set one before writing a petition',
      );
  }

  /** Author-only step, inside a transaction with the row locked. */
  private asAuthor<T>(
    identity: InternalIdentity,
    id: string,
    states: PetitionState[],
    fn: (p: PetitionRow, m: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.locked(identity, id, states, fn, (p) => {
      if (!this.maySee(identity, p))
        throw petitionException(PetitionError.NotFound, 'No such petition');
      if (p.author_id !== identity.userId)
        throw petitionException(PetitionError.NotAuthor, 'Only the author may do this');
    });
  }

  /** Admin step (the controller checked the role), inside a transaction with the row locked. */
  private asAdmin<T>(
    identity: InternalIdentity,
    id: string,
    states: PetitionState[],
    fn: (p: PetitionRow, m: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.locked(identity, id, states, fn, () => undefined);
  }

  private async locked<T>(
    identity: InternalIdentity,
    id: string,
    states: PetitionState[],
    fn: (p: PetitionRow, m: EntityManager) => Promise<T>,
    allowed: (p: PetitionRow) => void,
  ): Promise<T> {
    const result = await this.petitions.transaction(async (m) => {
      const p = await this.petitions.find(identity.organizationId, id, m, true);
      if (!p) throw petitionException(PetitionError.NotFound, 'No such petition');
      allowed(p);
      this.expectState(p, states);
      return fn(p, m);
    });
    this.invalidate(id);
    return result;
  }

  private expectState(p: PetitionRow, states: PetitionState[]): void {
    if (!states.includes(p.state))
      throw petitionException(
        PetitionError.WrongState,
        `This petition is ${p.state}; this needs it to be ${states.join(' or ')}`,
        { state: p.state },
      );
  }

  edit(identity: InternalIdentity, id: string, body: UpdatePetitionDto): Promise<PetitionRow> {
    return this.asAuthor(identity, id, ['draft'], async (p, m) => {
      if (body.typeId && body.typeId !== p.type_id) {
        const type = await this.type(identity.organizationId, body.typeId, m);
        if (!type.active)
          throw petitionException(
            PetitionError.TypeNotFound,
            'typeId: this type takes no new petitions',
          );
        this.checkAuthor(identity, type);
      }
      const next = {
        title: body.title?.trim() ?? p.title,
        body: body.body?.trim() ?? p.body,
        typeId: body.typeId ?? p.type_id,
      };
      await this.petitions.updateDraft(m, identity.organizationId, id, next);
      return { ...p, title: next.title, body: next.body, type_id: next.typeId };
    });
  }

  submit(identity: InternalIdentity, id: string): Promise<PetitionRow> {
    return this.asAuthor(identity, id, ['draft'], (p, m) =>
      this.petitions.transition(m, p, 'submitted', {
        set: 'submitted_at = now()',
        actorId: identity.userId,
      }),
    );
  }

  review(identity: InternalIdentity, id: string, body: ReviewDto): Promise<PetitionRow> {
    // Only a submitted petition is reviewed: each outcome is told to its author once.
    return this.asAdmin(identity, id, ['submitted'], async (p, m) => {
      if (body.decision === 'reject') {
        const rejected = await this.petitions.transition(m, p, 'rejected', {
          set: 'rejection_reason = $3',
          params: [body.reason],
          reason: body.reason,
          actorId: identity.userId,
        });
        // The reason is the author's to read (their pages show it), and they alone are told.
        await notifyAuthor(m, rejected, 'petition.rejected', {
          dedupeKey: `petition.rejected:${p.id}`,
          params: body.reason ? { reason: body.reason } : {},
          occurredAt: rejected.updated_at,
        });
        return rejected;
      }
      const type = await this.type(p.organization_id, p.type_id, m);
      const published = await this.petitions.transition(m, p, 'published', {
        set: `published_at = now(), closes_at = now() + make_interval(days => $3::int)`,
        params: [type.signatureDays],
        actorId: identity.userId,
      });
      await notifyAuthor(m, published, 'petition.published', {
        dedupeKey: `petition.published:${p.id}`,
        occurredAt: published.published_at,
      });
      return published;
    });
  }

  close(identity: InternalIdentity, id: string, reason: string): Promise<PetitionRow> {
    return this.asAdmin(identity, id, ['published'], (p, m) =>
      this.petitions.transition(m, p, 'closed', {
        set: 'closed_at = now(), close_reason = $3',
        params: [reason],
        reason,
        actorId: identity.userId,
      }),
    );
  }

  answer(identity: InternalIdentity, id: string, body: AnswerDto): Promise<PetitionRow> {
    const answer = { text: body.text.trim(), date: body.date, url: body.url ?? null };
    return this.asAdmin(identity, id, [...PUBLIC_STATES], async (p, m) => {
      // The same answer posted again tells the author nothing new; a changed one does.
      const again = await this.petitions.hasAnswer(m, p, answer);
      const answered = await this.petitions.transition(m, p, 'answered', {
        set: `answer_text = $3, answer_date = $4::date, answer_url = $5, answered_at = now(),
              closed_at = coalesce(closed_at, now())`,
        params: [answer.text, answer.date, answer.url],
        actorId: identity.userId,
        detail: { date: body.date, ...(body.url ? { url: body.url } : {}) },
      });
      if (!again)
        await notifyAuthor(m, answered, 'petition.answered', {
          dedupeKey: `petition.answered:${p.id}:${new Date(answered.answered_at as Date).toISOString()}`,
          occurredAt: answered.answered_at,
        });
      return answered;
    });
  }

  addOfflineCount(identity: InternalIdentity, id: string, body: OfflineCountDto) {
    return this.asAdmin(identity, id, [...PUBLIC_STATES], async (p, m) => {
      if (Number(p.offline_count) + body.count < 0)
        throw petitionException(
          PetitionError.Invalid,
          `count: a correction cannot bring the offline count (${p.offline_count}) below zero`,
          { errors: [{ field: 'count', message: 'would make the offline count negative' }] },
        );
      const entryId = await this.petitions.addOfflineCount(m, p, {
        count: body.count,
        source: body.source.trim(),
        note: body.note?.trim() ?? '',
        recordedBy: identity.userId as string,
      });
      await this.petitions.record(
        m,
        p,
        'offline-count',
        null,
        { count: body.count, source: body.source.trim() },
        identity.userId,
      );
      await applyCountDeltas(m, [{ petitionId: p.id, online: 0, offline: body.count }]);
      return { id: entryId, offlineCount: Number(p.offline_count) + body.count };
    });
  }
}
