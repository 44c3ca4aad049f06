import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InternalIdentity } from '@palabre/auth';
import type { SpaceComponentDetailView, SpaceEffectiveView } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { decide, phaseGate, policyOf, type Decision } from '../authorization/decide';
import {
  applyPatch,
  validateSettings,
  type ComponentTypeDef,
  type SettingProblem,
} from '../component-types/component-type';
import { ComponentTypesRepository } from '../component-types/component-types.repository';
import { SpaceError, invalid, spaceException } from '../spaces.exception';
import { ReadCache } from '../spaces/read-cache';
import {
  componentSummary,
  isPublic,
  maySee,
  type ComponentRow,
  type SpaceRow,
} from '../spaces/space.view';
import { SpacesRepository } from '../spaces/spaces.repository';
import { render, SpacesService, type Rendered } from '../spaces/spaces.service';
import type {
  ComponentSettingsDto,
  CreateComponentDto,
  PermissionDto,
  UpdateComponentDto,
} from './component.dto';
import {
  ANYONE,
  ComponentsRepository,
  type ComponentContext,
  type PermissionRule,
} from './components.repository';
import { effectiveOf, settingsChanged, type SettingsCause } from './effective-settings';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How long a component's context is reused for authorization and effective settings. */
export const CONTEXT_MS = 2_000;

const notFound = () =>
  spaceException(SpaceError.ComponentNotFound, 'No such component in this space');

/**
 * Components of a space: their settings (global, per phase), checked against
 * the registered type; their permissions per action; what is in force now
 * (effective settings) and whether someone may act (authorization).
 */
@Injectable()
export class ComponentsService {
  constructor(
    private readonly cache: ReadCache,
    private readonly spacesService: SpacesService,
    private readonly spaces: SpacesRepository,
    private readonly components: ComponentsRepository,
    private readonly types: ComponentTypesRepository,
  ) {}

  private async typeOrFail(
    organizationId: string,
    name: string,
    m?: EntityManager,
  ): Promise<ComponentTypeDef> {
    const type = await this.types.find(organizationId, name, m);
    if (!type)
      throw spaceException(
        SpaceError.ComponentTypeUnavailable,
        `No component type "${name}" is registered; its service publishes the registration when it starts`,
      );
    return type;
  }

  private check(problems: SettingProblem[]): void {
    if (problems.length) throw invalid(problems);
  }

  async list(identity: InternalIdentity, spaceId: string) {
    const s = await this.spacesService.visible(identity, spaceId);
    const rows = await this.spaces.components(s.organization_id, s.id);
    return rows.map(componentSummary);
  }

  async create(identity: InternalIdentity, spaceId: string, body: CreateComponentDto) {
    const type = await this.types.find(identity.organizationId, body.type);
    if (!type) {
      const known = (await this.types.list(identity.organizationId)).map((t) => t.type);
      throw invalid([
        {
          field: 'type',
          message: `no component type "${body.type}" is registered${known.length ? `; registered: ${known.join(', ')}` : ''}`,
        },
      ]);
    }
    if (!body.name.fr?.trim() && !body.name.en?.trim())
      throw invalid([{ field: 'name', message: 'give the name in French (fr) or English (en)' }]);
    this.check([
      ...validateSettings(type.globalSettings, body.settings ?? {}, 'settings', type.type),
      ...validateSettings(
        type.phaseSettings,
        body.defaultPhaseSettings ?? {},
        'defaultPhaseSettings',
        type.type,
      ),
    ]);
    return this.spacesService.locked(identity, spaceId, async (s, m) => {
      const c = await this.components.insert(m, {
        organization_id: s.organization_id,
        space_id: s.id,
        type: type.type,
        name: body.name,
        position: body.position ?? null,
        settings: applyPatch({}, body.settings ?? {}),
        default_phase_settings: applyPatch({}, body.defaultPhaseSettings ?? {}),
      });
      await this.announce(m, s, c, 'created');
      return this.adminView(c, type, await this.activePhaseValues(m, c), {});
    });
  }

  private async activePhaseValues(m: EntityManager, c: ComponentRow) {
    const ctx = await this.components.context(c.organization_id, c.id, m);
    return ctx as ComponentContext;
  }

  /** The component's settings now in force, announced to consumers (same transaction). */
  private async announce(m: EntityManager, s: SpaceRow, c: ComponentRow, cause: SettingsCause) {
    await this.announceIn(m, s.organization_id, c, cause);
  }

  /** Same, for a component written outside this service's routes (embedded demo content). */
  async announceIn(
    m: EntityManager,
    organizationId: string,
    c: ComponentRow,
    cause: SettingsCause,
  ) {
    const ctx = (await this.components.context(organizationId, c.id, m)) as ComponentContext;
    const type = await this.types.find(organizationId, c.type, m);
    const eff = effectiveOf(type, ctx.component, ctx.phase, ctx.phaseValues);
    await publish(m, 'spaces', settingsChanged(c, ctx.phase, cause, eff.settings, ctx.permissions));
  }

  private adminView(
    c: ComponentRow,
    type: ComponentTypeDef | null,
    ctx: ComponentContext,
    phaseValues: Record<string, Record<string, unknown>>,
  ): SpaceComponentDetailView {
    const eff = effectiveOf(type, ctx.component, ctx.phase, ctx.phaseValues);
    return {
      ...componentSummary(c),
      spaceId: c.space_id,
      typeAvailable: type !== null,
      settings: c.settings,
      defaultPhaseSettings: c.default_phase_settings,
      phaseSettings: phaseValues,
      permissions: ctx.permissions,
      effective: { activePhaseId: ctx.phase?.id ?? null, settings: eff.settings },
    };
  }

  /** A component of a space the caller administers, with the space locked. */
  private edit<T>(
    identity: InternalIdentity,
    spaceId: string,
    componentId: string,
    fn: (s: SpaceRow, c: ComponentRow, m: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.spacesService.locked(identity, spaceId, async (s, m) => {
      const c = await this.components.find(s.organization_id, s.id, componentId, m, true);
      if (!c) throw notFound();
      return fn(s, c, m);
    });
  }

  async detail(identity: InternalIdentity, spaceId: string, componentId: string) {
    const s = await this.spacesService.administered(identity, spaceId);
    const c = await this.components.find(s.organization_id, s.id, componentId);
    if (!c) throw notFound();
    const [ctx, type, values] = await Promise.all([
      this.components.context(s.organization_id, c.id),
      this.types.find(s.organization_id, c.type),
      this.components.phaseValues(s.organization_id, c.id),
    ]);
    return this.adminView(c, type, ctx as ComponentContext, Object.fromEntries(values));
  }

  update(
    identity: InternalIdentity,
    spaceId: string,
    componentId: string,
    body: UpdateComponentDto,
  ) {
    if (body.name && !body.name.fr?.trim() && !body.name.en?.trim())
      throw invalid([{ field: 'name', message: 'give the name in French (fr) or English (en)' }]);
    return this.edit(identity, spaceId, componentId, async (s, c, m) => {
      let settings = c.settings;
      if (body.settings) {
        const type = await this.typeOrFail(s.organization_id, c.type, m);
        this.check(validateSettings(type.globalSettings, body.settings, 'settings', type.type));
        settings = applyPatch(c.settings as Record<string, never>, body.settings);
      }
      const next = await this.components.update(m, c, {
        name: body.name,
        position: body.position,
        settings,
      });
      if (body.settings) await this.announce(m, s, next, 'global');
      return this.detailIn(m, s, next);
    });
  }

  private async detailIn(m: EntityManager, s: SpaceRow, c: ComponentRow) {
    const [ctx, type, values] = await Promise.all([
      this.components.context(s.organization_id, c.id, m),
      this.types.find(s.organization_id, c.type, m),
      this.components.phaseValues(s.organization_id, c.id, m),
    ]);
    return this.adminView(c, type, ctx as ComponentContext, Object.fromEntries(values));
  }

  remove(identity: InternalIdentity, spaceId: string, componentId: string) {
    return this.edit(identity, spaceId, componentId, (s, c, m) =>
      this.components.remove(m, s.organization_id, c.id),
    );
  }

  /** Settings of one phase (or "default": when no phase is active) of a component. */
  setPhaseSettings(
    identity: InternalIdentity,
    spaceId: string,
    componentId: string,
    phaseId: string,
    patch: Record<string, unknown>,
  ) {
    if (phaseId !== 'default' && !UUID.test(phaseId))
      throw invalid([{ field: 'phaseId', message: 'must be a phase id or "default"' }]);
    return this.edit(identity, spaceId, componentId, async (s, c, m) => {
      const type = await this.typeOrFail(s.organization_id, c.type, m);
      this.check(validateSettings(type.phaseSettings, patch, 'settings', type.type));
      if (phaseId === 'default') {
        const next = await this.components.update(m, c, {
          default_phase_settings: applyPatch(
            c.default_phase_settings as Record<string, never>,
            patch,
          ),
        });
        await this.announce(m, s, next, 'phase');
        return this.detailIn(m, s, next);
      }
      const [phase] = await m.query(
        `SELECT id FROM spaces.phases WHERE organization_id = $1 AND space_id = $2 AND id = $3`,
        [s.organization_id, s.id, phaseId],
      );
      if (!phase) throw spaceException(SpaceError.PhaseNotFound, 'No such phase in this space');
      const values = await this.components.phaseValues(s.organization_id, c.id, m);
      await this.components.setPhaseValues(
        m,
        s.organization_id,
        c.id,
        phaseId,
        applyPatch((values.get(phaseId) ?? {}) as Record<string, never>, patch),
      );
      await this.announce(m, s, c, 'phase');
      return this.detailIn(m, s, c);
    });
  }

  /**
   * Global, default and per-phase settings of a component at once, as its
   * settings page sends them: every value is checked against the type and
   * every phase must be one of the space's before anything is written, then
   * all are written in the space's transaction and announced once.
   */
  setSettings(
    identity: InternalIdentity,
    spaceId: string,
    componentId: string,
    body: ComponentSettingsDto,
  ) {
    const phases = Object.entries(body.phaseSettings ?? {});
    this.check(
      phases.flatMap(([phaseId, patch]): SettingProblem[] =>
        !UUID.test(phaseId)
          ? [{ field: `phaseSettings.${phaseId}`, message: 'must be keyed by a phase id' }]
          : typeof patch !== 'object' || patch === null || Array.isArray(patch)
            ? [{ field: `phaseSettings.${phaseId}`, message: 'must be an object of settings' }]
            : [],
      ),
    );
    return this.edit(identity, spaceId, componentId, async (s, c, m) => {
      const type = await this.typeOrFail(s.organization_id, c.type, m);
      const patches = phases as [string, Record<string, unknown>][];
      this.check([
        ...validateSettings(type.globalSettings, body.settings ?? {}, 'settings', type.type),
        ...validateSettings(
          type.phaseSettings,
          body.defaultPhaseSettings ?? {},
          'defaultPhaseSettings',
          type.type,
        ),
        ...patches.flatMap(([phaseId, patch]) =>
          validateSettings(type.phaseSettings, patch, `phaseSettings.${phaseId}`, type.type),
        ),
      ]);
      if (patches.length) {
        const rows: { id: string }[] = await m.query(
          `SELECT id FROM spaces.phases WHERE organization_id = $1 AND space_id = $2`,
          [s.organization_id, s.id],
        );
        const known = new Set(rows.map((r) => r.id));
        if (patches.some(([phaseId]) => !known.has(phaseId.toLowerCase())))
          throw spaceException(SpaceError.PhaseNotFound, 'No such phase in this space');
      }
      const next = await this.components.update(m, c, {
        settings: applyPatch(c.settings as Record<string, never>, body.settings ?? {}),
        default_phase_settings: applyPatch(
          c.default_phase_settings as Record<string, never>,
          body.defaultPhaseSettings ?? {},
        ),
      });
      const values = await this.components.phaseValues(s.organization_id, c.id, m);
      for (const [phaseId, patch] of patches)
        await this.components.setPhaseValues(
          m,
          s.organization_id,
          c.id,
          phaseId.toLowerCase(),
          applyPatch((values.get(phaseId.toLowerCase()) ?? {}) as Record<string, never>, patch),
        );
      const cause = patches.length || body.defaultPhaseSettings ? 'phase' : 'global';
      await this.announce(m, s, next, cause);
      return this.detailIn(m, s, next);
    });
  }

  setPermission(
    identity: InternalIdentity,
    spaceId: string,
    componentId: string,
    action: string,
    body: PermissionDto | null,
  ) {
    return this.edit(identity, spaceId, componentId, async (s, c, m) => {
      const type = await this.typeOrFail(s.organization_id, c.type, m);
      if (!type.actions.some((a) => a.name === action))
        throw invalid([
          {
            field: 'action',
            message: `components of type ${type.type} have no action "${action}"; actions: ${type.actions.map((a) => a.name).join(', ') || 'none'}`,
          },
        ]);
      const rule: PermissionRule | null = body
        ? {
            verification: body.verification,
            minimumAge: body.minimumAge ?? null,
            membersOnly: body.membersOnly ?? false,
          }
        : null;
      await this.components.setPermission(m, s.organization_id, c.id, action, rule);
      await this.announce(m, s, c, 'permissions');
      return this.detailIn(m, s, c);
    });
  }

  // ── what is in force now ──────────────────────────────────────────────

  /** Component, space, active phase, values and permissions, reused for CONTEXT_MS. */
  private context(organizationId: string, componentId: string) {
    return this.cache.get(`ctx ${organizationId} ${componentId}`, CONTEXT_MS, () =>
      this.components.context(organizationId, componentId),
    );
  }

  private type(organizationId: string, name: string) {
    return this.cache.get(`type ${organizationId} ${name}`, CONTEXT_MS, () =>
      this.types.find(organizationId, name),
    );
  }

  private asSpace(ctx: ComponentContext) {
    return { ...ctx.space, organization_id: ctx.component.organization_id } as SpaceRow;
  }

  /** The context of a component the caller may see (404 otherwise, whatever the reason). */
  private async visibleContext(identity: InternalIdentity, componentId: string, spaceId?: string) {
    const ctx = await this.context(identity.organizationId, componentId);
    if (!ctx || (spaceId && ctx.space.id !== spaceId)) throw notFound();
    const space = this.asSpace(ctx);
    const member =
      space.private && identity.userId
        ? await this.spaces.isMember(identity.organizationId, space.id, identity.userId)
        : false;
    if (!maySee(identity, space, member)) throw notFound();
    return { ctx, member };
  }

  /** Settings in force for the active phase, and the state of each action. */
  async effective(
    identity: InternalIdentity,
    spaceId: string,
    componentId: string,
  ): Promise<Rendered> {
    const { ctx } = await this.visibleContext(identity, componentId, spaceId);
    const type = await this.type(identity.organizationId, ctx.component.type);
    const eff = effectiveOf(type, ctx.component, ctx.phase, ctx.phaseValues);
    const value: SpaceEffectiveView = {
      componentId: ctx.component.id,
      spaceId: ctx.space.id,
      type: ctx.component.type,
      typeAvailable: type !== null,
      name: ctx.component.name,
      activePhase: ctx.phase,
      settings: eff.settings,
      global: eff.global,
      phase: eff.phase,
      actions: (type?.actions ?? []).map((a) => {
        const gate = phaseGate(ctx, type as ComponentTypeDef, a);
        return {
          name: a.name,
          label: a.label,
          open: gate.allowed,
          ...(gate.reason ? { reason: gate.reason } : {}),
          permission: ctx.permissions[a.name] ?? ANYONE,
        };
      }),
    };
    return render(value, isPublic(this.asSpace(ctx)) && ctx.space.state === 'published');
  }

  async authorize(identity: InternalIdentity, componentId: string, action: string) {
    const { ctx, member } = await this.visibleContext(identity, componentId);
    const type = await this.type(identity.organizationId, ctx.component.type);
    const def = type?.actions.find((a) => a.name === action);
    if (type && !def)
      throw invalid([
        {
          field: 'action',
          message: `components of type ${type.type} have no action "${action}"; actions: ${type.actions.map((a) => a.name).join(', ') || 'none'}`,
        },
      ]);
    const decision: Decision = decide(identity, ctx, type, def, member);
    const policy = policyOf(ctx, type, def);
    return {
      ...decision,
      ...(policy ? { policy } : {}),
      spaceId: ctx.space.id,
      componentType: ctx.component.type,
    };
  }
}
