import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentIdentity, Roles, type InternalIdentity } from '@palabre/auth';
import type { SpacePageView } from '@palabre/contracts';
import { SpaceError, invalid, spaceException, uuidParam } from '../spaces.exception';
import {
  CreateSpaceDto,
  ReferencePrefixDto,
  SPACE_KINDS,
  UpdateSpaceDto,
  type SpaceKind,
} from './space.dto';
import { PhaseCalendar } from '../phases/phase-calendar';
import { grantedSpaces, isPublic, landingView, summaryView } from './space.view';
import { SpacesRepository } from './spaces.repository';
import { SpacesService, type Rendered } from './spaces.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATES = ['published', 'draft', 'all'] as const;
export const PUBLIC_CACHE = 'public, max-age=2, stale-while-revalidate=30';

/** Sends a rendered read with its ETag; 304 when the client has it already. */
export function sendRendered(
  res: FastifyReply,
  r: Rendered,
  ifNoneMatch: string | undefined,
  cache = PUBLIC_CACHE,
) {
  res.header('ETag', r.etag);
  res.header('Cache-Control', r.public ? cache : 'private, no-store');
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === r.etag))
    return void res.status(304).send();
  res.status(200).type('application/json').send(r.json);
}

/** The organization's settings for spaces (the prefix of reference codes). */
@ApiTags('spaces')
@Controller('settings')
@Roles('org-admin')
export class SpaceSettingsController {
  constructor(private readonly spaces: SpacesRepository) {}

  @Get()
  @ApiOperation({ summary: 'Settings of spaces in this organization (organization admins)' })
  async get(@CurrentIdentity() identity: InternalIdentity) {
    return { referencePrefix: await this.spaces.referencePrefix(identity.organizationId) };
  }

  @Put()
  @ApiOperation({
    summary:
      'Set the prefix of reference codes (e.g. "lyon" → lyon-PART-2026-11-7); existing codes never change',
  })
  async put(@CurrentIdentity() identity: InternalIdentity, @Body() body: ReferencePrefixDto) {
    await this.spaces.setReferencePrefix(identity.organizationId, body.referencePrefix);
    return { referencePrefix: body.referencePrefix };
  }
}

@ApiTags('spaces')
@Controller()
export class SpacesController {
  constructor(
    private readonly service: SpacesService,
    private readonly spaces: SpacesRepository,
    private readonly calendar: PhaseCalendar,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List spaces: published ones, private ones to their members; drafts to their admins',
  })
  @ApiQuery({ name: 'type', required: false, enum: SPACE_KINDS })
  @ApiQuery({
    name: 'state',
    required: false,
    enum: STATES,
    description: 'Default "published"; drafts for admins',
  })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–100, default 20' })
  async list(
    @CurrentIdentity() identity: InternalIdentity,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SpacePageView> {
    const known = ['type', 'state', 'cursor', 'limit'];
    const unknown = Object.keys(query).filter((k) => !known.includes(k));
    if (unknown.length)
      throw invalid(unknown.map((field) => ({ field, message: 'unknown query parameter' })));
    const str = (k: string) => {
      const v = query[k];
      if (v !== undefined && typeof v !== 'string')
        throw invalid([{ field: k, message: 'give it once' }]);
      return v as string | undefined;
    };
    const kind = str('type');
    if (kind !== undefined && !SPACE_KINDS.includes(kind as SpaceKind))
      throw invalid([{ field: 'type', message: `use one of ${SPACE_KINDS.join(', ')}` }]);
    const state = (str('state') ?? 'published') as (typeof STATES)[number];
    if (!STATES.includes(state))
      throw invalid([{ field: 'state', message: `use one of ${STATES.join(', ')}` }]);
    const limitText = str('limit');
    const limit = limitText === undefined ? 20 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw invalid([{ field: 'limit', message: 'must be an integer from 1 to 100' }]);
    let after: { at: string; id: string } | undefined;
    const cursor = str('cursor');
    if (cursor) {
      try {
        const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (
          !Array.isArray(parsed) ||
          typeof parsed[0] !== 'string' ||
          Number.isNaN(Date.parse(parsed[0])) ||
          !UUID.test(parsed[1])
        )
          throw new Error('shape');
        after = { at: parsed[0], id: parsed[1] };
      } catch {
        throw spaceException(
          SpaceError.BadCursor,
          'cursor: not a cursor of this list (use nextCursor)',
          {
            errors: [{ field: 'cursor', message: 'must come from nextCursor' }],
          },
        );
      }
    }
    const wide = SpacesService.orgWide(identity);
    const adminOf = grantedSpaces(identity, ['space-admin']);
    if (state !== 'published' && !wide.admin && adminOf.length === 0)
      throw invalid([{ field: 'state', message: 'only published spaces are public' }]);
    const rows = await this.spaces.list({
      organizationId: identity.organizationId,
      kind: kind as SpaceKind | undefined,
      drafts: state === 'published' ? 'none' : wide.admin ? 'all' : adminOf,
      draftsOnly: state === 'draft',
      allPrivate: wide.staff,
      staffOf: grantedSpaces(identity, ['space-admin', 'moderator', 'evaluator']),
      userId: identity.userId,
      after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const active = await this.spaces.activePhases(
      identity.organizationId,
      page.map((s) => s.id),
    );
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? Buffer.from(JSON.stringify([new Date(last.sort_at).toISOString(), last.id])).toString(
            'base64url',
          )
        : null;
    // Shared caches get a page only when anyone would get the very same page.
    res.header('Cache-Control', page.every(isPublic) ? PUBLIC_CACHE : 'private, no-store');
    return {
      items: page.map((s) => summaryView(s, active.get(s.id), this.calendar.today())),
      nextCursor,
    };
  }

  @Post()
  @Roles('org-admin')
  @ApiOperation({
    summary: 'Create a space, as a draft (organization admins); its reference code is given once',
  })
  async create(@CurrentIdentity() identity: InternalIdentity, @Body() body: CreateSpaceDto) {
    const s = await this.service.create(identity, body);
    return landingView(s, [], [], this.calendar.today());
  }

  @Get(':idOrSlug')
  @ApiOperation({
    summary:
      "A space's landing data, by id or slug: content, side-panel facts, phases, active phase, components",
    description:
      'Public spaces are served with an ETag and Cache-Control: public, max-age=2, stale-while-revalidate=30.',
  })
  async get(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('idOrSlug') idOrSlug: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: FastifyReply,
  ) {
    sendRendered(res, await this.service.landing(identity, idOrSlug), ifNoneMatch);
  }

  @Get(':idOrSlug/card')
  @ApiOperation({
    summary:
      'What an embeddable card of the space shows (title, summary, image, active phase, path)',
  })
  async card(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('idOrSlug') idOrSlug: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: FastifyReply,
  ) {
    sendRendered(
      res,
      await this.service.card(identity, idOrSlug),
      ifNoneMatch,
      'public, max-age=30, stale-while-revalidate=300',
    );
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a space (its admins, organization admins)' })
  async update(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: UpdateSpaceDto,
  ) {
    await this.service.update(identity, id, body);
    return JSON.parse((await this.service.landing(identity, id)).json);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a space (its admins, organization admins)' })
  async publish(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', uuidParam('id')) id: string,
  ) {
    const s = await this.service.setState(identity, id, 'published');
    return { id: s.id, state: s.state };
  }

  @Post(':id/unpublish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a space back to draft (its admins, organization admins)' })
  async unpublish(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', uuidParam('id')) id: string,
  ) {
    const s = await this.service.setState(identity, id, 'draft');
    return { id: s.id, state: s.state };
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'Members of a private space (its admins)' })
  async members(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', uuidParam('id')) id: string,
  ) {
    const s = await this.service.administered(identity, id);
    return { items: await this.spaces.members(s.organization_id, s.id) };
  }

  @Put(':id/members/:userId')
  @ApiOperation({ summary: 'Invite an account (by id) into a private space (its admins)' })
  async addMember(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', uuidParam('id')) id: string,
    @Param('userId', uuidParam('userId')) userId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const added = await this.service.addMember(identity, id, userId);
    res.status(added ? 201 : 200);
    return { spaceId: id, userId, member: true };
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member from a private space (its admins)' })
  async removeMember(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', uuidParam('id')) id: string,
    @Param('userId', uuidParam('userId')) userId: string,
  ) {
    await this.service.removeMember(identity, id, userId);
  }
}
