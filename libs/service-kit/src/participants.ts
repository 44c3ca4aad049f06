import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { SERVICE_HEADER, type ServiceTokenIssuer } from '@palabre/auth';
import type { ParticipantsView } from '@palabre/contracts';
import { ServiceUnreachableError, type InternalServices } from './internal-services';

/** Most spaces per question: a newsletter's audience names a handful. */
export const MAX_SPACES_PER_QUESTION = 100;

/**
 * The body of POST /internal/participants (proposals, budgeting, meetings) and
 * POST /internal/space-members (spaces): one class for the four routes, so
 * that they refuse the same bodies the same way.
 */
export class SpaceIdsDto {
  @ApiProperty({ type: [String], description: `1 to ${MAX_SPACES_PER_QUESTION} space ids` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SPACES_PER_QUESTION)
  @IsUUID('all', { each: true })
  spaceIds!: string[];
}

/** The services that answer who took part in spaces, and where they answer it. */
export type ParticipantsSource = 'proposals' | 'budgeting' | 'meetings' | 'spaces';

const PATHS: Record<ParticipantsSource, string> = {
  proposals: '/internal/participants',
  budgeting: '/internal/participants',
  meetings: '/internal/participants',
  spaces: '/internal/space-members',
};

/**
 * The accounts of `organizationId` that took part in these spaces, as
 * `service` knows them (for spaces: their members), asked by a service
 * calling as itself (ADR 0038; the newsletter service building an audience):
 * distinct ids, sorted. Ids only, never addresses: those are identity's
 * (POST /internal/recipients). Asks in batches of 100 spaces and merges the
 * answers. Throws ServiceUnreachableError on anything but a 200 with a list
 * (no address known, network, a refusal, 5xx): an audience is either whole
 * or not built.
 */
export async function participantsOf(
  internal: InternalServices,
  tokens: ServiceTokenIssuer,
  organizationId: string,
  service: ParticipantsSource,
  spaceIds: string[],
): Promise<string[]> {
  const ids = [...new Set(spaceIds)];
  const userIds = new Set<string>();
  for (let i = 0; i < ids.length; i += MAX_SPACES_PER_QUESTION) {
    const r = await internal.call<ParticipantsView>(service, 'POST', PATHS[service], {
      headers: { [SERVICE_HEADER]: tokens.issue(service, organizationId) },
      body: { spaceIds: ids.slice(i, i + MAX_SPACES_PER_QUESTION) },
    });
    if (
      r.status !== 200 ||
      !Array.isArray(r.body?.userIds) ||
      !r.body.userIds.every((id) => typeof id === 'string')
    )
      throw new ServiceUnreachableError(service, `participants answered ${r.status}`);
    for (const id of r.body.userIds) userIds.add(id);
  }
  return [...userIds].sort();
}
