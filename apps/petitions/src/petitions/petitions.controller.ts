import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentIdentity, Roles, hasRole, type InternalIdentity } from '@palabre/auth';
import type { PetitionCountsByStateView, PetitionPageView } from '@palabre/contracts';
import { PetitionError, petitionException } from '../petitions.exception';
import { PetitionTypesRepository } from '../types/petition-types.repository';
import {
  AnswerDto,
  CloseDto,
  CreatePetitionDto,
  OfflineCountDto,
  ReviewDto,
  UpdatePetitionDto,
} from './petition.dto';
import { PETITION_STATES, PUBLIC_STATES, summaryOf, type PetitionState } from './petition.view';
import { PetitionsRepository, type SortOrder } from './petitions.repository';
import { PetitionsService } from './petitions.service';

const SORTS: SortOrder[] = ['most-signed', 'newest', 'closing-soon', 'oldest'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function badQuery(field: string, message: string) {
  return petitionException(PetitionError.Invalid, `${field}: ${message}`, {
    errors: [{ field, message }],
  });
}

@ApiTags('petitions')
@Controller()
export class PetitionsController {
  constructor(
    private readonly service: PetitionsService,
    private readonly petitions: PetitionsRepository,
    private readonly types: PetitionTypesRepository,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List petitions (public ones; authors add author=me, admins any state)',
  })
  @ApiQuery({ name: 'state', required: false, description: 'Comma-separated, default "published"' })
  @ApiQuery({ name: 'type', required: false })
  @ApiQuery({ name: 'sort', required: false, enum: SORTS })
  @ApiQuery({ name: 'author', required: false, enum: ['me'] })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–100, default 20' })
  async list(
    @CurrentIdentity() identity: InternalIdentity,
    @Query() query: Record<string, string | undefined>,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<PetitionPageView> {
    const states = (query.state ?? 'published').split(',').map((s) => s.trim()) as PetitionState[];
    const unknown = states.filter((s) => !PETITION_STATES.includes(s));
    if (unknown.length)
      throw badQuery('state', `unknown state "${unknown[0]}"; use ${PETITION_STATES.join(', ')}`);
    const sort = (query.sort ?? 'most-signed') as SortOrder;
    if (!SORTS.includes(sort)) throw badQuery('sort', `use one of ${SORTS.join(', ')}`);
    if (query.type !== undefined && !UUID.test(query.type))
      throw badQuery('type', 'must be a petition type id');
    if (query.author !== undefined && query.author !== 'me')
      throw badQuery('author', 'only "me" is supported');
    const limit = query.limit === undefined ? 20 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw badQuery('limit', 'must be an integer from 1 to 100');
    const mine = query.author === 'me';
    if (mine && !identity.userId)
      throw petitionException(PetitionError.SignInToAuthor, 'Sign in to see your petitions');
    const admin = hasRole(identity, 'org-admin');
    if (!mine && !admin && states.some((s) => !PUBLIC_STATES.includes(s)))
      throw badQuery('state', `only ${PUBLIC_STATES.join(', ')} petitions are public`);
    let after: { v: string | null; id: string } | undefined;
    if (query.cursor) {
      try {
        const parsed = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'));
        if (!Array.isArray(parsed) || parsed[0] !== sort || !UUID.test(parsed[2]))
          throw new Error('shape');
        after = { v: parsed[1], id: parsed[2] };
      } catch {
        throw petitionException(
          PetitionError.BadCursor,
          'cursor: not a cursor of this list (it must come from nextCursor, with the same sort)',
        );
      }
    }
    const rows = await this.petitions.list({
      organizationId: identity.organizationId,
      states,
      typeId: query.type,
      authorId: mine ? identity.userId : undefined,
      sort,
      after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const types = new Map(
      (await this.types.list(identity.organizationId, false)).map((t) => [t.id, t]),
    );
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? Buffer.from(JSON.stringify([sort, this.petitions.sortValue(last), last.id])).toString(
            'base64url',
          )
        : null;
    const personal = mine || !states.every((s) => PUBLIC_STATES.includes(s));
    res.header(
      'Cache-Control',
      personal ? 'private, no-store' : 'public, max-age=2, stale-while-revalidate=30',
    );
    return {
      items: page.map((p) => {
        const summary = summaryOf(p, types.get(p.type_id) ?? { id: p.type_id, name: {} });
        // The author's own list says why a petition was rejected (the public lists never do).
        return mine
          ? { ...summary, rejectionReason: p.state === 'rejected' ? p.rejection_reason : null }
          : summary;
      }),
      nextCursor,
    };
  }

  @Get('counts')
  @Roles('org-admin')
  @ApiOperation({
    summary: 'How many petitions are in each state (admins: the review queue at a glance)',
  })
  async counts(
    @CurrentIdentity() identity: InternalIdentity,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<PetitionCountsByStateView> {
    res.header('Cache-Control', 'private, no-store');
    return { states: await this.petitions.countByState(identity.organizationId) };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One petition: count, milestones, deadline, breakdown, timeline, answer',
    description:
      'Public petitions are served with an ETag and Cache-Control: public, max-age=1, stale-while-revalidate=30; counts lag by at most a few seconds.',
  })
  async get(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: FastifyReply,
  ) {
    const d = await this.service.detail(identity, id);
    res.header('ETag', d.etag);
    res.header(
      'Cache-Control',
      d.public ? 'public, max-age=1, stale-while-revalidate=30' : 'private, no-store',
    );
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === d.etag))
      return void res.status(304).send();
    res.status(200).type('application/json').send(d.json);
  }

  @Post()
  @ApiOperation({
    summary:
      'Draft a petition (signed-in author; identified with FranceConnect where the type says so)',
  })
  async create(@CurrentIdentity() identity: InternalIdentity, @Body() body: CreatePetitionDto) {
    const p = await this.service.create(identity, body);
    return { id: p.id, state: p.state };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft (author)' })
  async edit(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePetitionDto,
  ) {
    const p = await this.service.edit(identity, id, body);
    return { id: p.id, state: p.state, title: p.title };
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a draft to the admissibility review (author)' })
  async submit(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    const p = await this.service.submit(identity, id);
    return { id: p.id, state: p.state };
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('org-admin')
  @ApiOperation({
    summary: 'Admissibility review: publish, or reject with a reason the author sees',
  })
  async review(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReviewDto,
  ) {
    const p = await this.service.review(identity, id, body);
    return { id: p.id, state: p.state, closesAt: p.closes_at };
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('org-admin')
  @ApiOperation({ summary: 'Close a published petition early, with a reason' })
  async close(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CloseDto,
  ) {
    const p = await this.service.close(identity, id, body.reason.trim());
    return { id: p.id, state: p.state };
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Roles('org-admin')
  @ApiOperation({ summary: "Publish (or amend) the institution's answer; closes the petition" })
  async answer(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AnswerDto,
  ) {
    const p = await this.service.answer(identity, id, body);
    return { id: p.id, state: p.state };
  }

  @Post(':id/offline-counts')
  @Roles('org-admin')
  @ApiOperation({
    summary: 'Record paper/offline signatures (audited; counted apart from online ones)',
  })
  addOffline(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OfflineCountDto,
  ) {
    return this.service.addOfflineCount(identity, id, body);
  }

  @Get(':id/offline-counts')
  @Roles('org-admin')
  @ApiOperation({ summary: 'The audit log of offline counts: who recorded what, when, from where' })
  async offline(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    const p = await this.petitions.find(identity.organizationId, id);
    if (!p) throw petitionException(PetitionError.NotFound, 'No such petition');
    return { items: await this.petitions.offlineCounts(identity.organizationId, id) };
  }
}
