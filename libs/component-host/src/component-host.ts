import {
  ConflictException,
  createParamDecorator,
  ForbiddenException,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
  type ExecutionContext,
  type HttpException,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { hasRole, IDENTITY_HEADER, type InternalIdentity, type Role } from '@palabre/auth';
import { BoundedCache } from '@palabre/cache';
import {
  decodeEvent,
  Topics,
  type ComponentSettingsChanged,
  type PhaseActivated,
} from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { ServiceUnreachableError, type ServiceRuntime } from '@palabre/service-kit';
import {
  readSettings,
  registrationOf,
  type ComponentTypeSpec,
  type Refusal,
} from './component-type';
import {
  ComponentsStore,
  listedSpaces,
  type HostedComponent,
  type HostedSpace,
} from './components-store';
import { personRefusal, SpacesAuthorizer, type AuthorizeResult } from './spaces-authorize';

/** Who calls, and the gateway's token to forward to spaces on their behalf. */
export interface Caller {
  identity: InternalIdentity;
  token: string;
}

export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const req = ctx
    .switchToHttp()
    .getRequest<{ identity: InternalIdentity; headers: Record<string, string> }>();
  return { identity: req.identity, token: req.headers[IDENTITY_HEADER] };
});

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LOCAL_TTL_MS = 1_000;
const MAX_ENTRIES = 50_000;

/** Called in the settings event's transaction, with the component before (null: first event). */
export type SettingsListener<S> = (
  m: EntityManager,
  now: HostedComponent<S>,
  before: HostedComponent<S> | null,
) => Promise<void>;

const phaseName = (phase: Refusal['phase']): string =>
  phase ? phase.title.en || phase.title.fr || Object.values(phase.title)[0] || '' : '';

/**
 * What a service needs to host a component type of spaces (ADR 0034): it
 * declares the type at every start, keeps its components' settings in force
 * and phase titles from spaces' events (no call per request for settings),
 * and a copy of the organization's spaces (what lists show of a space and
 * filter by, and which spaces a person may see listed: `listedSpaces`),
 * and answers "may this person do this here": spaces' authorize API, cached
 * per person, component and action for as long as spaces says (and answered
 * from spaces' policy for anyone when it gives one); without spaces in the
 * deployment, the local copy's phase switches and permissions decide.
 * Refusals are the HTTP errors every component service answers with
 * (COMPONENT_NOT_FOUND 404, SIGN_IN_REQUIRED 401, the type's closed code 409,
 * NOT_ALLOWED 403, SPACES_UNAVAILABLE 503).
 *
 * A service subclasses it as an injectable (`class ComponentAccess extends
 * ComponentHost<Settings>`), and its other parts listen to settings changes
 * with `onSettingsChanged`.
 */
export class ComponentHost<S> implements OnModuleInit, OnApplicationBootstrap {
  readonly store: ComponentsStore<S>;
  private readonly authorizer: SpacesAuthorizer;
  private readonly local = new BoundedCache<HostedComponent<S> | null>({
    max: MAX_ENTRIES,
    ttlMs: LOCAL_TTL_MS,
  });
  private readonly answers = new BoundedCache<AuthorizeResult>({
    max: MAX_ENTRIES,
    ttlMs: (r) => (r.found ? r.maxAgeMs : 2_000),
  });
  private readonly listeners: SettingsListener<S>[] = [];
  private readonly learnListeners: ((c: HostedComponent<S>) => Promise<void>)[] = [];

  constructor(
    protected readonly runtime: ServiceRuntime,
    readonly spec: ComponentTypeSpec<S>,
  ) {
    this.authorizer = new SpacesAuthorizer(runtime.internal);
    this.store = new ComponentsStore<S>(runtime.dataSource, spec.service, (stored) => {
      const raw = readSettings(spec, stored);
      return { raw, settings: spec.settings(raw) };
    });
  }

  /** Called in the transaction that applies a settings event (after the copy is written). */
  onSettingsChanged(listener: SettingsListener<S>): void {
    this.listeners.push(listener);
  }

  /** Called when spaces vouched for a component no settings event told of yet. */
  onLearned(listener: (c: HostedComponent<S>) => Promise<void>): void {
    this.learnListeners.push(listener);
  }

  /** Whether this deployment knows where spaces is (else: decide from the local copy). */
  get remote(): boolean {
    return this.runtime.internal.has('spaces');
  }

  async onModuleInit(): Promise<void> {
    const schema = this.spec.service;
    type ComponentEvent =
      | { kind: 'settings'; event: ComponentSettingsChanged }
      | { kind: 'phase'; event: PhaseActivated };
    await this.runtime.bus.consume<ComponentEvent>({
      ds: this.runtime.dataSource,
      schema,
      group: `${schema}.component-settings`,
      topics: [Topics.SpacesComponentSettingsChangedV1, Topics.SpacesPhaseActivatedV1],
      decode: (topic, payload) =>
        topic === Topics.SpacesPhaseActivatedV1
          ? { kind: 'phase', event: decodeEvent(Topics.SpacesPhaseActivatedV1, payload) }
          : {
              kind: 'settings',
              event: decodeEvent(Topics.SpacesComponentSettingsChangedV1, payload),
            },
      handle: async (e, m) => {
        const p = e.payload;
        if (p.kind === 'phase') {
          const ph = p.event;
          if (!UUID.test(ph.organizationId) || !UUID.test(ph.phaseId) || !UUID.test(ph.spaceId))
            return;
          await this.store.phaseActivated(m, {
            organizationId: ph.organizationId,
            spaceId: ph.spaceId,
            phaseId: ph.phaseId,
            title: ph.title,
          });
          return this.invalidate();
        }
        const s = p.event;
        if (s.componentType !== this.spec.type) return;
        if (!UUID.test(s.componentId) || !UUID.test(s.organizationId) || !UUID.test(s.spaceId))
          return;
        const before = await this.store.find(s.organizationId, s.componentId, m);
        await this.store.applySettings(m, {
          organizationId: s.organizationId,
          componentId: s.componentId,
          spaceId: s.spaceId,
          activePhaseId: UUID.test(s.activePhaseId) ? s.activePhaseId : null,
          settings: (s.settings ?? {}) as Record<string, unknown>,
          permissions: (s.permissions ?? {}) as Record<string, unknown>,
        });
        const now = await this.store.find(s.organizationId, s.componentId, m);
        if (now) for (const listen of this.listeners) await listen(m, now, before);
        this.invalidate(s.componentId);
      },
    });
    // Its own group: in a rolling upgrade, replicas of the previous version in the settings
    // group would be handed this topic's partitions too (Kafka assigns a group's topics to all
    // its members) and fail to decode them.
    await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema,
      group: `${schema}.spaces`,
      topics: [Topics.SpacesSpaceChangedV1],
      decode: (_topic, payload) => decodeEvent(Topics.SpacesSpaceChangedV1, payload),
      handle: async (e, m) => {
        const s = e.payload;
        if (
          !UUID.test(s.spaceId) ||
          !UUID.test(s.organizationId) ||
          Number.isNaN(Date.parse(s.changedAt))
        )
          return;
        const changed = await this.store.applySpace(m, {
          id: s.spaceId,
          organizationId: s.organizationId,
          slug: s.slug,
          title: s.title,
          area: s.area,
          state: s.state,
          private: s.private,
          kind: s.kind,
          changedAt: s.changedAt,
        });
        // Published or not, private or not: what spaces answered of its components may differ now.
        if (changed) this.invalidate();
      },
    });
  }

  /** Declares the component type (spaces.component-type.registered.v1), through the outbox. */
  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.dataSource.transaction((m) =>
      publish(m, this.spec.service, {
        topic: Topics.SpacesComponentTypeRegisteredV1,
        key: this.spec.type,
        schema: 'palabre.spaces.v1.ComponentTypeRegistered',
        payload: registrationOf(this.spec),
      }),
    );
    this.runtime.logger.emit('info', `Registered the ${this.spec.type} component type`, {
      version: this.spec.version,
    });
  }

  /**
   * Forget the cached copy of a component and what spaces said of it (or of
   * all): its settings or phase just changed.
   */
  invalidate(componentId?: string): void {
    this.authorizer.invalidate(componentId);
    if (!componentId) {
      this.local.clear();
      return this.answers.clear();
    }
    this.local.deleteWhere((k) => k.endsWith(`|${componentId}`));
    this.answers.deleteWhere((k) => k.includes(`|${componentId}|`));
  }

  /** The local copy of a component (cached for a second), or null. */
  find(organizationId: string, componentId: string): Promise<HostedComponent<S> | null> {
    if (!UUID.test(componentId)) return Promise.resolve(null);
    return this.local.fetch(`${organizationId}|${componentId}`, () =>
      this.store.find(organizationId, componentId),
    );
  }

  // --- the copy of spaces ------------------------------------------------------

  /** The organization's space as spaces last announced it, or null. */
  space(organizationId: string, spaceId: string): Promise<HostedSpace | null> {
    if (!UUID.test(spaceId)) return Promise.resolve(null);
    return this.store.space(organizationId, spaceId);
  }

  /** The organization's spaces among `ids`, in their order (unknown ones left out). */
  spaces(organizationId: string, ids: readonly string[]): Promise<HostedSpace[]> {
    return this.store.spaces(
      organizationId,
      ids.filter((id) => UUID.test(id)),
    );
  }

  /**
   * The SQL condition on a row `alias` of this service's `spaces` table that
   * keeps the spaces whose content `identity` may see listed (see
   * `listedSpaces`); its parameters are appended to `params`.
   */
  listedSpaces(identity: InternalIdentity, params: unknown[], alias = 'sp'): string {
    return listedSpaces(identity, params, alias);
  }

  // --- refusals -------------------------------------------------------------

  notFound(): HttpException {
    return new NotFoundException({
      code: 'COMPONENT_NOT_FOUND',
      message: `No such ${this.spec.noun}`,
    });
  }

  /** Spaces' refusal as this service's error: 401, 409 (closed, with the phase) or 403. */
  refusal(a: Refusal, c: { spaceId: string; id: string }, context?: string): HttpException {
    const extra = {
      reason: a.reason,
      ...(a.phase ? { phase: a.phase } : {}),
      ...(this.spec.refusalExtra?.(a, { spaceId: c.spaceId, componentId: c.id }, context) ?? {}),
    };
    switch (a.reason) {
      case 'SIGN_IN_REQUIRED':
        return new UnauthorizedException({
          code: 'SIGN_IN_REQUIRED',
          message: a.message || 'Sign in to take part',
          ...extra,
        });
      case 'PHASE_CLOSED':
      case 'ACTION_BLOCKED':
      case 'SPACE_NOT_PUBLISHED':
      case 'COMPONENT_TYPE_UNAVAILABLE':
        return new ConflictException({
          code: this.spec.closedCode,
          message: this.spec.closedMessage ? this.spec.closedMessage(a.message) : a.message,
          ...extra,
        });
      default:
        return new ForbiddenException({
          code: 'NOT_ALLOWED',
          message: a.message || 'Not allowed',
          ...extra,
        });
    }
  }

  forbidden(message: string): HttpException {
    return new ForbiddenException({ code: 'NOT_ALLOWED', message });
  }

  // --- spaces' answers --------------------------------------------------------

  private async ask(caller: Caller, componentId: string, action: string): Promise<AuthorizeResult> {
    const i = caller.identity;
    const who = `${i.userId ?? ''}/${i.signerKey ?? ''}`;
    const staff = i.grants.length ? JSON.stringify(i.grants) : '';
    return this.answers.fetch(`${i.organizationId}|${who}|${staff}|${componentId}|${action}`, () =>
      this.authorizer.authorize(caller.identity, caller.token, componentId, action).catch((e) => {
        if (!(e instanceof ServiceUnreachableError)) throw e;
        throw new ServiceUnavailableException({
          code: 'SPACES_UNAVAILABLE',
          message: 'The spaces service could not say whether this is allowed; try again shortly',
        });
      }),
    );
  }

  /**
   * A component of this type the caller may see; 404 otherwise, whatever the
   * reason (unknown, another type, a private space, not published and not its
   * administrator).
   */
  async visible(caller: Caller, componentId: string): Promise<HostedComponent<S>> {
    if (!UUID.test(componentId)) throw this.notFound();
    const org = caller.identity.organizationId;
    let c = await this.find(org, componentId);
    if (!this.remote) {
      if (!c) throw this.notFound();
      return c;
    }
    const r = await this.ask(caller, componentId, this.spec.visibilityAction);
    if (!r.found || r.answer.componentType !== this.spec.type) throw this.notFound();
    if (
      r.answer.reason === 'SPACE_NOT_PUBLISHED' &&
      !hasRole(caller.identity, 'space-admin', r.answer.spaceId)
    )
      throw this.notFound();
    if (!c) {
      await this.store.learn(org, componentId, r.answer.spaceId);
      this.local.delete(`${org}|${componentId}`);
      c = await this.find(org, componentId);
      if (!c) throw this.notFound();
      for (const listen of this.learnListeners) await listen(c);
    }
    return c;
  }

  /** The component for an administrator's write (the caller's role is checked here). */
  async administered(caller: Caller, componentId: string): Promise<HostedComponent<S>> {
    if (!UUID.test(componentId)) throw this.notFound();
    let c = await this.find(caller.identity.organizationId, componentId);
    if (!c && this.remote) c = await this.visible(caller, componentId);
    if (!c) throw this.notFound();
    this.requireRole(caller.identity, c, 'space-admin');
    return c;
  }

  /**
   * Why the caller may not do `action` in `c` now (spaces' reason, or the
   * local copy's when there is no spaces), or null when they may.
   */
  async refusalFor(caller: Caller, c: HostedComponent<S>, action: string): Promise<Refusal | null> {
    if (this.remote) {
      const r = await this.ask(caller, c.id, action);
      if (!r.found) throw this.notFound();
      return r.answer.allowed
        ? null
        : {
            reason: r.answer.reason,
            message: r.answer.message,
            ...(r.answer.phase ? { phase: r.answer.phase } : {}),
          };
    }
    return this.decideLocally(caller.identity, c, action);
  }

  /** Throws unless the caller may do `action` in `c` now; `context` reaches `refusalExtra`. */
  async authorize(
    caller: Caller,
    c: HostedComponent<S>,
    action: string,
    context?: string,
  ): Promise<void> {
    const no = await this.refusalFor(caller, c, action);
    if (no) throw this.refusal(no, c, context);
  }

  /** Without spaces: the phase switches of the local copy, then who the person is. */
  decideLocally(identity: InternalIdentity, c: HostedComponent<S>, action: string): Refusal | null {
    const def = this.spec.actions.find((a) => a.name === action);
    if (!def) throw new Error(`${this.spec.type} components have no action "${action}"`);
    const phase = c.activePhase ?? undefined;
    const named = phase ? ` in the phase "${phaseName(phase)}"` : '';
    if (def.enabledBy && c.raw[def.enabledBy] !== true)
      return { reason: 'PHASE_CLOSED', message: `"${action}" is not open${named}`, phase };
    if (def.blockedBy && c.raw[def.blockedBy] === true)
      return { reason: 'ACTION_BLOCKED', message: `"${action}" is closed${named}`, phase };
    const rule = c.permissions
      ? (c.permissions[action] ?? { verification: 'any', minimumAge: null })
      : (this.spec.permissionUnknown ?? { verification: 'any', minimumAge: null });
    return personRefusal(identity, rule);
  }

  // --- roles ------------------------------------------------------------------

  isAdmin(identity: InternalIdentity, c: { spaceId: string }): boolean {
    return hasRole(identity, 'space-admin', c.spaceId);
  }

  hasRole(identity: InternalIdentity, c: { spaceId: string }, role: Role): boolean {
    return hasRole(identity, role, c.spaceId);
  }

  requireRole(identity: InternalIdentity, c: { spaceId: string }, role: Role): void {
    if (!hasRole(identity, role, c.spaceId))
      throw this.forbidden(
        role === 'space-admin'
          ? 'Only administrators of this space may do this'
          : `Only ${role}s of this space may do this`,
      );
  }

  requireAdmin(identity: InternalIdentity, c: { spaceId: string }): void {
    this.requireRole(identity, c, 'space-admin');
  }
}
