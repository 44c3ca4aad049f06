import { Readable } from 'node:stream';
import {
  Controller,
  Get,
  Header,
  StreamableFile,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Roles, type InternalIdentity } from '@palabre/auth';
import type { SpamFlagListView, SpamFlagView } from '@palabre/contracts';
import { badInput, DATA_SOURCE } from '@palabre/service-kit';
import { Inject } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ReviewWorker, type FlagRow } from './review.worker';

const PAGE = 50;
const STATUSES = ['open', 'blocked', 'decided'] as const;

export function flagView(f: FlagRow): SpamFlagView {
  return {
    id: f.id,
    subjectType: f.subject_type,
    subjectId: f.subject_id,
    userId: f.user_id,
    score: Math.round(Number(f.score) * 10_000) / 10_000,
    reasons: f.reasons,
    model: f.model,
    title: f.title,
    text: f.body,
    path: f.path,
    status: f.status,
    automatic: f.status === 'blocked' && f.decided_by === null,
    createdAt: new Date(f.created_at).toISOString(),
    decidedAt: f.decided_at ? new Date(f.decided_at).toISOString() : null,
    contest:
      f.contest && f.contested_at
        ? { message: f.contest, at: new Date(f.contested_at).toISOString() }
        : null,
  };
}

/** One label as `npm run antispam:train -- --labels <file>` reads it (the shape of tools/antispam/data). */
function labelLine(l: LabelRow): string {
  const common = { id: `label-${l.id}`, label: l.label, decision: l.decision, hard: false };
  return JSON.stringify(
    l.subject_type === 'account'
      ? {
          set: 'accounts',
          ...common,
          nickname: l.title,
          about: '',
          personalUrl: null,
          emailDomain: l.body.replace(/^@/, ''),
          contributions: l.contributions ?? 0,
          // Accounts are mostly judged in their first days: their age then is not kept.
          accountAgeDays: 0,
        }
      : { set: 'contents', ...common, kind: l.subject_type, title: l.title, text: l.body },
  );
}

interface LabelRow {
  id: string;
  subject_type: string;
  label: 'spam' | 'ham';
  decision: string;
  title: string;
  body: string;
  contributions: number | null;
}

/** The organization's reported and blocked accounts and contributions, and what people decide on them. */
@ApiTags('flags')
@Controller('flags')
export class FlagsController {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly worker: ReviewWorker,
  ) {}

  @Get()
  @Roles('org-admin')
  @ApiOperation({
    summary: 'Reported (open), blocked or decided flags, newest first (administrators)',
  })
  @ApiQuery({ name: 'status', enum: STATUSES, required: false })
  @ApiQuery({ name: 'before', required: false, description: 'Cursor: the `next` of a page' })
  async list(
    @CurrentIdentity() identity: InternalIdentity,
    @Query('status') status = 'open',
    @Query('before') before?: string,
  ): Promise<SpamFlagListView> {
    if (!(STATUSES as readonly string[]).includes(status))
      throw badInput([
        { field: 'status', message: `status is one of ${STATUSES.join(', ')}`, rule: 'isIn' },
      ]);
    // A cursor is a time this list gave: anything else (a year PostgreSQL has not, a word) is 400.
    const cursor = before === undefined ? null : new Date(before);
    if (
      cursor !== null &&
      (Number.isNaN(cursor.getTime()) ||
        cursor.getUTCFullYear() < 2000 ||
        cursor.getUTCFullYear() > 9999)
    )
      throw badInput([
        { field: 'before', message: 'before is a cursor from `next`', rule: 'isDate' },
      ]);
    const statuses = status === 'decided' ? ['dismissed', 'unblocked', 'hidden'] : [status];
    const rows: FlagRow[] = await this.ds.query(
      `SELECT * FROM antispam.flags
        WHERE organization_id = $1 AND status = ANY($2::text[]) AND ($3::timestamptz IS NULL OR created_at < $3)
        ORDER BY created_at DESC LIMIT ${PAGE + 1}`,
      [identity.organizationId, statuses, cursor?.toISOString() ?? null],
    );
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n FROM antispam.flags WHERE organization_id = $1 AND status = 'open'`,
      [identity.organizationId],
    );
    const page = rows.slice(0, PAGE);
    return {
      items: page.map(flagView),
      open: n,
      next: rows.length > PAGE ? new Date(page[page.length - 1].created_at).toISOString() : null,
    };
  }

  @Get(':id')
  @Roles('org-admin')
  @ApiOperation({ summary: 'One flag (administrators)' })
  async one(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<SpamFlagView> {
    const [row] = await this.ds.query(
      `SELECT * FROM antispam.flags WHERE organization_id = $1 AND id = $2`,
      [identity.organizationId, id],
    );
    if (!row) throw new NotFoundException('No flag with this id in this organization');
    return flagView(row as FlagRow);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @Roles('org-admin')
  @ApiOperation({
    summary:
      'Not spam: the flag is closed and its author not flagged again for the same signals (administrators)',
  })
  async dismiss(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<{ id: string; status: 'dismissed' }> {
    if (!(await this.worker.dismiss(identity.organizationId, id, identity.userId ?? null)))
      throw new NotFoundException('No open flag with this id in this organization');
    return { id, status: 'dismissed' };
  }

  @Post(':id/block')
  @HttpCode(200)
  @Roles('org-admin')
  @ApiOperation({
    summary:
      'Spam: the author’s account is blocked (identity) and its contributions hidden (administrators)',
  })
  async block(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<{ id: string; status: 'blocked' }> {
    if (!(await this.worker.confirm(identity.organizationId, id, identity.userId ?? null)))
      throw new NotFoundException('No open flag with this id in this organization');
    return { id, status: 'blocked' };
  }
}

/** People's decisions, exported for the next training (ADR 0041). */
@ApiTags('flags')
@Controller('labels')
export class LabelsController {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  @Get()
  @Roles('org-admin')
  @Header('Content-Type', 'application/x-ndjson; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="antispam-labels.jsonl"')
  @ApiOperation({
    summary:
      "People's decisions as labelled examples, one JSON per line, for retraining (administrators)",
  })
  labels(@CurrentIdentity() identity: InternalIdentity): StreamableFile {
    const ds = this.ds;
    const org = identity.organizationId;
    // Read by pages of 1,000 in id order: memory stays flat whatever the count.
    async function* lines() {
      let after = 0;
      for (;;) {
        const rows: LabelRow[] = await ds.query(
          `SELECT l.id, l.subject_type, l.label, l.decision, l.title, l.body, a.contributions
             FROM antispam.labels l
             LEFT JOIN antispam.accounts a ON a.organization_id = l.organization_id AND a.user_id = l.user_id
            WHERE l.organization_id = $1 AND l.id > $2 ORDER BY l.id LIMIT 1000`,
          [org, after],
        );
        if (rows.length === 0) return;
        yield rows.map((r) => `${labelLine(r)}\n`).join('');
        after = Number(rows[rows.length - 1].id);
      }
    }
    return new StreamableFile(Readable.from(lines()));
  }
}
