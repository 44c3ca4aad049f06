import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import type {
  PetitionReceiptCheckView,
  PetitionReceiptOnView,
  PetitionSignatureView,
  PetitionSignedView,
  PetitionState,
} from '@palabre/contracts';
import { returnedRows } from '@palabre/persistence';
import {
  DATA_SOURCE,
  GroupCommitOverloadedError,
  SERVICE_RUNTIME,
  type ServiceRuntime,
} from '@palabre/service-kit';
import { applyCountDeltas } from '../petitions/counters';
import { SignDto } from '../petitions/petition.dto';
import { PUBLIC_STATES } from '../petitions/petition.view';
import { PetitionsService, type SigningGate } from '../petitions/petitions.service';
import { PetitionError, petitionException, signInPath } from '../petitions.exception';
import { SignatureWriter } from './signature-writer';

/** A local account's signer key, where a petition type admits accounts. */
const accountSignerKey = (userId: string) => `account:${userId}`;

interface Signer {
  key: string;
  method: 'franceconnect' | 'account';
}

@ApiTags('signatures')
@Controller()
export class SignaturesController {
  constructor(
    private readonly writer: SignatureWriter,
    private readonly petitions: PetitionsService,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  private get logger() {
    return this.runtime.logger;
  }

  /** Who signs: a FranceConnect signer key, or a local account where the type allows it. */
  private signer(identity: InternalIdentity, gate: SigningGate, petitionId: string): Signer {
    if (identity.signerKey) {
      // FranceConnect's sign-in floor may be lower (a youth budget from 16): petitions are for adults.
      if (identity.age !== undefined && identity.age < 18)
        throw petitionException(
          PetitionError.Minor,
          'Petitions are signed by people aged 18 or more; you will be able to sign when you are 18',
        );
      return { key: identity.signerKey, method: 'franceconnect' };
    }
    if (identity.userId && gate.type.signers === 'franceconnect-or-account')
      return { key: accountSignerKey(identity.userId), method: 'account' };
    if (identity.userId)
      throw petitionException(
        PetitionError.FranceConnectRequired,
        'This petition is signed with FranceConnect, which proves each signer is a different adult: sign in with FranceConnect to sign',
        { signIn: signInPath(petitionId, 'signer') },
      );
    throw petitionException(
      PetitionError.SignInToSign,
      'Sign in with FranceConnect to sign this petition; nothing about you but a pseudonymous key is kept',
      { signIn: signInPath(petitionId, 'signer') },
    );
  }

  private async gate(identity: InternalIdentity, id: string): Promise<SigningGate> {
    const gate = await this.petitions.gate(identity.organizationId, id);
    if (!gate || !PUBLIC_STATES.includes(gate.state))
      throw petitionException(PetitionError.NotFound, 'No such petition');
    return gate;
  }

  private notOpen(gate: SigningGate): never {
    throw petitionException(
      PetitionError.NotOpen,
      gate.state === 'published'
        ? 'This petition has reached its deadline: signatures are closed'
        : `This petition is ${gate.state}: signatures are closed`,
      { state: gate.state },
    );
  }

  @Post(':id/signatures')
  @ApiOperation({
    summary: 'Sign (201 with a receipt the first time; 200 with the same receipt after)',
    description:
      'Signing twice, double clicks or two tabs give exactly one signature. Under a surge the service answers 503 with Retry-After rather than lose anything: a 2xx means the signature is stored.',
  })
  async sign(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SignDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<PetitionSignedView> {
    const gate = await this.gate(identity, id);
    const signer = this.signer(identity, gate, id);
    if (body.area !== undefined && !gate.type.areaBreakdown)
      throw petitionException(
        PetitionError.AreaNotAsked,
        'area: this petition does not ask for an area',
        {
          errors: [{ field: 'area', message: 'not asked by this petition' }],
        },
      );
    if (gate.state !== 'published' || (gate.closesAt !== null && gate.closesAt <= Date.now()))
      this.notOpen(gate);
    let outcome;
    try {
      outcome = await this.writer.sign({
        organizationId: identity.organizationId,
        petitionId: id,
        signerKey: signer.key,
        method: signer.method,
        area: body.area?.toUpperCase() ?? null,
      });
    } catch (error) {
      if (!(error instanceof GroupCommitOverloadedError)) {
        // The batch's transaction failed: nothing of it was stored. Say so, and when to retry.
        this.logger.emit('error', 'Signature batch failed', { error: String(error) });
        res.header('Retry-After', '2');
        throw petitionException(
          PetitionError.Overloaded,
          'Your signature could not be recorded just now; please try again in a moment',
        );
      }
      res.header('Retry-After', String(error.retryAfterSeconds));
      throw petitionException(
        PetitionError.Overloaded,
        'Many people are signing right now; your signature was not recorded yet, please try again in a moment',
      );
    }
    if (outcome.kind === 'not-open') {
      this.petitions.invalidate(id);
      this.notOpen((await this.petitions.gate(identity.organizationId, id)) ?? gate);
    }
    res.status(outcome.kind === 'created' ? 201 : 200);
    return {
      petitionId: id,
      receipt: outcome.receipt,
      signedAt: outcome.signedAt,
      message:
        outcome.kind === 'created'
          ? 'Thank you: your signature is recorded'
          : 'You have signed this petition',
    };
  }

  @Get('signatures/mine')
  @ApiOperation({ summary: 'The petitions I signed, with receipts' })
  async mine(
    @CurrentIdentity() identity: InternalIdentity,
  ): Promise<{ items: PetitionSignatureView[] }> {
    const keys = [identity.signerKey, identity.userId && accountSignerKey(identity.userId)].filter(
      Boolean,
    );
    if (keys.length === 0)
      throw petitionException(PetitionError.SignInToSign, 'Sign in to see your signatures');
    const rows: {
      petition_id: string;
      title: string;
      receipt: string;
      signed_at: Date;
      state: PetitionState;
    }[] = await this.ds.query(
      `SELECT s.petition_id, p.title, p.state, s.receipt, s.signed_at
           FROM petitions.signatures s JOIN petitions.petitions p ON p.id = s.petition_id
          WHERE s.organization_id = $1 AND s.signer_key = ANY($2::text[])
          ORDER BY s.signed_at DESC LIMIT 500`,
      [identity.organizationId, keys],
    );
    return {
      items: rows.map((r) => ({
        petitionId: r.petition_id,
        title: r.title,
        state: r.state,
        receipt: r.receipt,
        signedAt: new Date(r.signed_at).toISOString(),
      })),
    };
  }

  @Get('receipts/:receipt')
  @ApiOperation({
    summary: 'Check a signature receipt: the petition it counts in and the day it was signed',
    description:
      'Anyone holding a receipt may check it (a receipt is a random UUID handed to the signer only). ' +
      'The answer names the petition and the day (Europe/Paris), never the time or the signer. ' +
      '404 RECEIPT_UNKNOWN: no signature of this organization counts with it (withdrawn, or mistyped).',
  })
  async receipt(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('receipt', ParseUUIDPipe) receipt: string,
  ): Promise<PetitionReceiptCheckView> {
    const [row]: { petition_id: string; title: string; state: PetitionState; signed_at: Date }[] =
      await this.ds.query(
        `SELECT s.petition_id, p.title, p.state, s.signed_at
         FROM petitions.signatures s
         JOIN petitions.petitions p ON p.id = s.petition_id AND p.organization_id = s.organization_id
        WHERE s.organization_id = $1 AND s.receipt = $2`,
        [identity.organizationId, receipt],
      );
    if (!row || !PUBLIC_STATES.includes(row.state))
      throw petitionException(
        PetitionError.ReceiptUnknown,
        'No signature counts with this receipt: it was withdrawn, or the number is mistyped',
      );
    return {
      receipt,
      petition: { id: row.petition_id, title: row.title, state: row.state },
      signedOn: new Date(row.signed_at).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }),
    };
  }

  @Get(':id/signatures/mine')
  @ApiOperation({
    summary: 'Whether I signed this petition, with my receipt (404 if not)',
    description:
      'With the counts as they are now: the public detail may be a second old, and a signer expects to see the count with their signature.',
  })
  async mineOn(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PetitionReceiptOnView> {
    const gate = await this.gate(identity, id);
    const signer = this.signer(identity, gate, id);
    const [row] = await this.ds.query(
      `SELECT s.receipt, s.signed_at, p.signature_count, p.offline_count, p.total_count
         FROM petitions.signatures s
         JOIN petitions.petitions p ON p.id = s.petition_id AND p.organization_id = s.organization_id
        WHERE s.organization_id = $1 AND s.petition_id = $2 AND s.signer_key = $3`,
      [identity.organizationId, id, signer.key],
    );
    if (!row) throw petitionException(PetitionError.NotSigned, 'You have not signed this petition');
    return {
      petitionId: id,
      receipt: row.receipt,
      signedAt: new Date(row.signed_at).toISOString(),
      counts: {
        online: Number(row.signature_count),
        offline: Number(row.offline_count),
        total: Number(row.total_count),
      },
    };
  }

  @Delete(':id/signatures/mine')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Withdraw my signature, where the petition type allows it and the petition is open',
  })
  async withdraw(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    const gate = await this.gate(identity, id);
    const signer = this.signer(identity, gate, id);
    if (!gate.type.withdrawalAllowed)
      throw petitionException(
        PetitionError.WithdrawalNotAllowed,
        'Signatures on this type of petition cannot be withdrawn',
      );
    await this.ds.transaction(async (m) => {
      // The petition row lock orders this after any batch writing to the same petition.
      const [p] = await m.query(
        `SELECT state, closes_at > now() AS open FROM petitions.petitions
          WHERE organization_id = $1 AND id = $2 FOR NO KEY UPDATE`,
        [identity.organizationId, id],
      );
      if (!p || p.state !== 'published' || !p.open)
        this.notOpen({ ...gate, state: p?.state ?? gate.state });
      const removed = returnedRows<{ area: string | null }>(
        await m.query(
          `DELETE FROM petitions.signatures
            WHERE organization_id = $1 AND petition_id = $2 AND signer_key = $3 RETURNING area`,
          [identity.organizationId, id, signer.key],
        ),
      );
      if (removed.length === 0)
        throw petitionException(PetitionError.NotSigned, 'You have not signed this petition');
      const area = removed[0].area;
      await applyCountDeltas(m, [
        { petitionId: id, online: -1, offline: 0, areas: area ? new Map([[area, -1]]) : undefined },
      ]);
    });
    this.petitions.invalidate(id);
  }
}
