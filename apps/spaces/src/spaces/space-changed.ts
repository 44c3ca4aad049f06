import { Topics, type SpaceChangedJson } from '@palabre/contracts';
import type { OutgoingEvent } from '@palabre/messaging';
import type { SpaceRow, Text } from './space.view';

/** The locales that have a text (a locale left out may be stored empty or null). */
const texts = (t: Text | null | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(t ?? {}).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '',
    ),
  );

/**
 * What the services hosting components keep of a space
 * (spaces.space.changed.v1, ADR 0034): what their lists show of it and
 * filter by, and whether they may list its content. `changedAt` (RFC 3339)
 * is the database's clock once the row is written: a later change of a
 * space always carries a later time.
 */
export function spaceChanged(s: SpaceRow, changedAt: string): OutgoingEvent<SpaceChangedJson> {
  return {
    topic: Topics.SpacesSpaceChangedV1,
    key: s.id,
    tenantId: s.organization_id,
    schema: 'palabre.spaces.v1.SpaceChanged',
    payload: {
      spaceId: s.id,
      organizationId: s.organization_id,
      slug: s.slug,
      title: texts(s.title),
      area: texts(s.area),
      state: s.state,
      // Everyone reads a transparent private space: only the others are hidden from non-members.
      private: s.private && !s.transparent,
      kind: s.kind,
      changedAt,
    },
  };
}
