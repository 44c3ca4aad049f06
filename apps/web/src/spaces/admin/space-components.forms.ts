/**
 * The forms of a space's components (a new one; on its page: name and
 * position, all its settings as one form, permissions per action), declared
 * for the form executor. One page, several forms: a refused form comes back
 * with its errors, named by its key.
 */
import type { ApiResponse } from '../../shared/gateway/gateway-client';
import { formAction, type FormPlace } from '../../shared/forms/form-action';
import type { FormBody, FormRead } from '../../shared/forms/form-read';
import { isUuid } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import type { ComponentType, SettingDef, Text } from '../spaces.api';
import { spacePath } from './admin-spaces.pages';
import { createdId, onSpace, spaceRefusal } from './admin-spaces.forms';
import {
  readComponentName,
  readNewComponent,
  readAllSettings,
  readPermission,
  type AllSettings,
  settingId,
  permissionId,
  phasePart,
} from './component.form';
import {
  loadComponent,
  renderComponent,
  renderNewComponent,
  type LoadedComponent,
} from './space-components.controller';
import { answeredNotFound, componentTypes, refusal } from './space-admin.api';

const ACTION = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** One form of the component page: its key (ids and anchor), and what the route names. */
interface Target {
  key: string;
  anchor?: string;
}

type OnComponent<T extends Target> = FormPlace & LoadedComponent & { id: string; target: T };

interface ComponentFormSpec<T extends Target, D> {
  /** The route after the component's own: '', '/settings', '/phases/:phaseId'… */
  path: string;
  /** The form the route names on this component; null when there is none (404). */
  target(loaded: LoadedComponent, params: Record<string, string>): T | null;
  read(ctx: PageContext, target: T, body: FormBody): FormRead<D>;
  send(place: OnComponent<T>, dto: D): Promise<ApiResponse<unknown>>;
  /** The API's field names → this form's field ids. */
  fields(target: T): Record<string, string>;
  done: 'saved' | 'settings' | 'permission';
}

const componentPath = (id: string, componentId: string) =>
  `${spacePath(id)}/components/${componentId}`;
const componentApi = ({ id, c }: OnComponent<Target>) => `/api/spaces/${id}/components/${c.id}`;

/** The API's "<api>.<name>" → the id of that setting's control in part `part` of the form. */
const settingFields = (api: string, part: string, defs: SettingDef[]): Record<string, string> =>
  Object.fromEntries(defs.map((d) => [`${api}.${d.name}`, settingId(part, d.name)]));

/** A form of the component page: back to the page (303, at the form) or the page with its errors. */
function componentAction<T extends Target, D>(spec: ComponentFormSpec<T, D>) {
  return formAction<OnComponent<T>, D>({
    path: `admin/spaces/:id/components/:componentId${spec.path}`,
    async load(req, res, config) {
      const params = req.params as Record<string, string>;
      const place = await onSpace(req, res, config, (id) => componentPath(id, params.componentId));
      if (!place) return null;
      const loaded = await loadComponent(place.ctx, res, place.id, params.componentId);
      if (!loaded) return null;
      const target = spec.target(loaded, params);
      if (!target) return answeredNotFound(place.ctx, res);
      return { ...place, ...loaded, target };
    },
    read: ({ ctx, target }, body) => spec.read(ctx, target, body),
    send: (place, dto) => spec.send(place, dto),
    // A phase gone meanwhile is the form's refusal, not a missing page.
    explains404: ['PHASE_NOT_FOUND'],
    done: ({ id, c, target }) =>
      `${componentPath(id, c.id)}?done=${spec.done}#${target.anchor ?? `form-${target.key}`}`,
    refusal: (place, r) => refusal(place.ctx, r, spec.fields(place.target)),
    again: ({ ctx, id, c, target }, res, form, status) =>
      renderComponent(ctx, res, id, c.id, { key: target.key, ...form }, null, status),
  });
}

interface SettingsTarget extends Target {
  type: ComponentType;
  /** The space's phases now, to name a refused phase setting's field. */
  phaseIds: string[];
}

/** The API's names of every setting (global, default, per phase) → the ids of their controls. */
const allSettingFields = ({ type, phaseIds }: SettingsTarget): Record<string, string> =>
  Object.assign(
    settingFields('settings', 'global', type.globalSettings),
    settingFields('defaultPhaseSettings', 'default', type.phaseSettings),
    ...phaseIds.map((id) =>
      settingFields(`phaseSettings.${id}`, phasePart(id), type.phaseSettings),
    ),
  );

const hasAction = (type: ComponentType | null, action: string): type is ComponentType =>
  !!type && ACTION.test(action) && type.actions.some((a) => a.name === action);

export const SPACE_COMPONENT_FORMS = [
  formAction<FormPlace & { id: string; types: ComponentType[] }, { type: string; name: Text }>({
    path: 'admin/spaces/:id/components/new',
    async load(req, res, config) {
      const place = await onSpace(req, res, config, (id) => `${spacePath(id)}/components/new`);
      if (!place) return null;
      if (!isUuid(place.id)) return answeredNotFound(place.ctx, res);
      return { ...place, types: await componentTypes(place.ctx) };
    },
    read: ({ ctx, types }, body) => readNewComponent(ctx.i18n, body, types),
    send: ({ ctx, id }, dto) => ctx.api.post(`/api/spaces/${id}/components`, dto),
    done: ({ id }, r) => `${componentPath(id, createdId(r))}?done=created`,
    fields: { type: 'type', 'name.en': 'name-en', name: 'name-fr' },
    refusal: spaceRefusal,
    again: ({ ctx, id }, res, form, status) =>
      renderNewComponent(ctx, res, id, { key: 'new', ...form }, status),
  }),
  componentAction({
    path: '',
    target: () => ({ key: 'name', anchor: 'name-title' }),
    read: (ctx, _target, body) => readComponentName(ctx.i18n, body),
    send: (place, dto) => place.ctx.api.patch(componentApi(place), dto),
    fields: () => ({ 'name.en': 'name-en', name: 'name-fr', position: 'position' }),
    done: 'saved',
  }),
  // Global, "no active phase" and every phase's settings: one form, saved all together or not at all.
  componentAction<SettingsTarget, AllSettings>({
    path: '/settings',
    target: ({ s, type }) =>
      type
        ? { key: 'settings', anchor: 'settings-title', type, phaseIds: s.phases.map((p) => p.id) }
        : null,
    read: (ctx, { type }, body) => readAllSettings(ctx.i18n, body, type),
    send: (place, dto) => place.ctx.api.patch(`${componentApi(place)}/settings`, dto),
    fields: allSettingFields,
    done: 'settings',
  }),
  componentAction({
    path: '/permissions/:action',
    target: ({ type }, { action }) =>
      hasAction(type, action)
        ? { key: `perm-${action}`, anchor: 'permissions-title', action }
        : null,
    read: (ctx, { action }, body) => readPermission(ctx.i18n, body, action),
    send: (place, dto) =>
      place.ctx.api.put(`${componentApi(place)}/permissions/${place.target.action}`, dto),
    fields: ({ action }) => ({
      verification: permissionId(action, 'verification'),
      minimumAge: permissionId(action, 'age'),
      membersOnly: permissionId(action, 'members'),
    }),
    done: 'permission',
  }),
];
