import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { InternalIdentity } from '@palabre/auth';
import {
  type CodeCheckView,
  type MeetingRegistrationListView,
  type MeetingRegistrationView,
  type RegistrationByTokenView,
  type RegistrationResultView,
} from '@palabre/contracts';
import { returnedRows } from '@palabre/persistence';
import { badInput, DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { ComponentAccess, type Caller, type Component } from '../components/component-access';
import {
  meetingException,
  MeetingError,
  meetingNotFound,
  registrationRefused,
} from '../meetings.exception';
import { isoOrNull, iso, seatsOf, summaryView, type MeetingRow } from '../meetings/meeting.view';
import { MeetingsRepository } from '../meetings/meetings.repository';
import { MeetingsService } from '../meetings/meetings.service';
import { InviteDto, RegisterDto } from './registration.dto';
import { RegistrationMails } from './registration-mails';
import { RegistrationWriter, type RegistrationRow } from './registration-writer';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** Runs a mail in the background: the answer does not wait for SMTP. */
function later(runtime: ServiceRuntime, what: Promise<unknown>) {
  what.catch((error: unknown) =>
    runtime.logger.emit('error', 'Meeting mail failed', { error: String(error) }),
  );
}

/**
 * Registering for a meeting (with an account, or without one: name and
 * email, confirmed by a mailed link), cancelling, and what organizers do
 * with registrations (the list, its CSV, codes at the door, attendance).
 * Seats are only ever taken or freed by the RegistrationWriter.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly access: ComponentAccess,
    private readonly meetings: MeetingsService,
    private readonly repo: MeetingsRepository,
    private readonly writer: RegistrationWriter,
    private readonly mails: RegistrationMails,
  ) {}

  /** The component lets this person register: spaces' answer, or, without an account, the guest rule. */
  private async mayRegister(
    caller: Caller,
    m: MeetingRow,
    c: Component,
  ): Promise<'account' | 'guest'> {
    const no = await this.access.refusalFor(caller, c, 'register');
    if (caller.identity.userId) {
      if (no) throw this.access.refusal(no, c);
      return 'account';
    }
    if (no && no.reason !== 'SIGN_IN_REQUIRED') throw this.access.refusal(no, c);
    if (!this.meetings.guestsAllowed(m, c)) throw registrationRefused('GUESTS_NOT_ALLOWED');
    return 'guest';
  }

  async register(
    caller: Caller,
    meetingId: string,
    dto: RegisterDto,
  ): Promise<RegistrationResultView> {
    const { m, c } = await this.meetings.visible(caller, meetingId);
    const refusal = this.meetings.refusalFor(m, c, caller.identity);
    // Full without a waiting list and guests not allowed are decided below, with the seats.
    if (refusal && refusal !== 'FULL' && refusal !== 'GUESTS_NOT_ALLOWED')
      throw registrationRefused(refusal);
    const as = await this.mayRegister(caller, m, c);
    const terms = Object.values(m.registration_terms).some((t) => t?.trim());
    if (terms && dto.acceptTerms !== true)
      throw badInput(
        [
          {
            field: 'acceptTerms',
            message: 'accept the registration terms to register',
            rule: 'equals',
          },
        ],
        'INVALID',
      );
    const lang = dto.lang ?? 'fr';
    if (as === 'account') {
      const userId = caller.identity.userId as string;
      const {
        registration: r,
        created,
        promoted,
      } = await this.writer.submit({
        kind: 'register',
        organizationId: m.organization_id,
        meetingId: m.id,
        personKey: `account:${userId}`,
        userId,
        name: caller.identity.displayName ?? null,
        email: null,
        lang,
        pending: false,
        expiresAt: null,
        tokenHash: null,
        byOrganizer: false,
      });
      if (!r) throw meetingNotFound();
      const view = await this.meetings.myRegistration(r);
      if (created)
        later(
          this.runtime,
          r.status === 'confirmed'
            ? this.mails.seated(m, [r], caller.token, false)
            : this.mails.waiting(m, r, view.position ?? 1, caller.token),
        );
      this.tellSeated(m, promoted, caller.token);
      return { registration: view, confirmationMailSent: false };
    }

    const errors = [];
    const name = dto.name?.trim();
    const email = dto.email?.trim().toLowerCase();
    if (!name)
      errors.push({
        field: 'name',
        message: 'is required to register without an account',
        rule: 'isNotEmpty',
      });
    if (!email)
      errors.push({
        field: 'email',
        message: 'is required to register without an account',
        rule: 'isNotEmpty',
      });
    if (errors.length) throw badInput(errors, 'INVALID');
    const token = randomBytes(32).toString('base64url');
    const { registration: r, created } = await this.writer.submit({
      kind: 'register',
      organizationId: m.organization_id,
      meetingId: m.id,
      personKey: `email:${sha256(email as string)}`,
      userId: null,
      name: name as string,
      email: email as string,
      lang,
      pending: true,
      expiresAt: new Date(Date.now() + c.settings.guestConfirmationMinutes * 60_000),
      tokenHash: sha256(token),
      byOrganizer: false,
    });
    if (!r) throw meetingNotFound();
    if (created) later(this.runtime, this.mails.confirmAddress(m, r, token));
    else {
      // Registered already at this address: a fresh link to it, sent to that address only
      // (the answer says the same either way: no one learns who registered).
      await this.ds.query(
        `UPDATE meetings.registrations SET token_hash = $3 WHERE organization_id = $1 AND id = $2`,
        [m.organization_id, r.id, sha256(token)],
      );
      later(
        this.runtime,
        r.mail_confirmed_at
          ? this.mails.alreadyRegistered(m, r, token)
          : this.mails.confirmAddress(m, r, token),
      );
    }
    return {
      registration: {
        id: r.id,
        status: 'pending',
        code: null,
        position: null,
        registeredAt: iso(r.registered_at),
      },
      confirmationMailSent: true,
    };
  }

  /** An account cancels its own registration. */
  async cancelMine(caller: Caller, meetingId: string): Promise<void> {
    const { m } = await this.meetings.visible(caller, meetingId);
    if (!caller.identity.userId)
      throw meetingException(MeetingError.RegistrationNotFound, 'You have no registration here');
    const [r]: RegistrationRow[] = await this.ds.query(
      `SELECT * FROM meetings.registrations WHERE organization_id = $1 AND meeting_id = $2
          AND user_id = $3 AND status IN ('confirmed', 'waiting')`,
      [m.organization_id, m.id, caller.identity.userId],
    );
    if (!r)
      throw meetingException(MeetingError.RegistrationNotFound, 'You have no registration here');
    await this.cancelAndTell(m, r, caller.token);
  }

  private async cancelAndTell(m: MeetingRow, r: RegistrationRow, token: string | null) {
    const { registration: after, promoted } = await this.writer.submit({
      kind: 'cancel',
      organizationId: m.organization_id,
      meetingId: m.id,
      registrationId: r.id,
    });
    if (after && r.status !== after.status)
      later(this.runtime, this.mails.cancelled(m, after, token));
    this.tellSeated(m, promoted, token);
  }

  /** People seated from the waiting list: their code (accounts only with a token to ask identity). */
  private tellSeated(m: MeetingRow, promoted: RegistrationRow[], token: string | null) {
    const known = promoted.filter((p) => p.user_id || p.mail_confirmed_at);
    if (known.length) later(this.runtime, this.mails.seated(m, known, token, true));
  }

  /** After the organizer changed the seats: whom the change lets in, told. */
  async settle(caller: Caller, m: MeetingRow): Promise<void> {
    const { promoted } = await this.writer.submit({
      kind: 'settle',
      organizationId: m.organization_id,
      meetingId: m.id,
    });
    this.tellSeated(m, promoted, caller.token);
  }

  private async byToken(token: string): Promise<{ r: RegistrationRow; m: MeetingRow }> {
    if (!TOKEN.test(token))
      throw meetingException(MeetingError.RegistrationNotFound, 'No such registration');
    const [r]: RegistrationRow[] = await this.ds.query(
      `SELECT * FROM meetings.registrations WHERE token_hash = $1`,
      [sha256(token)],
    );
    if (!r) throw meetingException(MeetingError.RegistrationNotFound, 'No such registration');
    const m = await this.repo.find(r.organization_id, r.meeting_id);
    if (!m) throw meetingNotFound();
    return { r, m };
  }

  /** Scoped to the caller's organization: a link works only on its own site. */
  private async ownToken(identity: InternalIdentity, token: string) {
    const found = await this.byToken(token);
    if (found.r.organization_id !== identity.organizationId)
      throw meetingException(MeetingError.RegistrationNotFound, 'No such registration');
    return found;
  }

  async lookup(caller: Caller, token: string): Promise<RegistrationByTokenView> {
    const { r, m } = await this.ownToken(caller.identity, token);
    const ended =
      r.status === 'cancelled' ? 'cancelled' : r.status === 'expired' ? 'expired' : null;
    return {
      meeting: summaryView(m, null),
      registration: ended
        ? {
            id: r.id,
            status: 'pending',
            code: null,
            position: null,
            registeredAt: iso(r.registered_at),
          }
        : await this.meetings.myRegistration(r),
      ended,
    };
  }

  async confirmByToken(caller: Caller, token: string): Promise<RegistrationByTokenView> {
    const { r, m } = await this.ownToken(caller.identity, token);
    const { registration: after, promoted } = await this.writer.submit({
      kind: 'confirm-mail',
      organizationId: m.organization_id,
      meetingId: m.id,
      registrationId: r.id,
    });
    if (after && !r.mail_confirmed_at && after.status === 'confirmed')
      later(this.runtime, this.mails.seated(m, [after], null, false));
    this.tellSeated(m, promoted, null);
    return this.lookup(caller, token);
  }

  async cancelByToken(caller: Caller, token: string): Promise<RegistrationByTokenView> {
    const { r, m } = await this.ownToken(caller.identity, token);
    if (r.status === 'confirmed' || r.status === 'waiting') await this.cancelAndTell(m, r, null);
    return this.lookup(caller, token);
  }

  // --- organizers ------------------------------------------------------------

  private async organized(caller: Caller, meetingId: string): Promise<MeetingRow> {
    const { m } = await this.meetings.visible(caller, meetingId);
    if (!this.meetings.mayOrganize(caller.identity, m))
      throw meetingException(
        MeetingError.NotAllowed,
        'Only the organizers of this meeting may do this',
      );
    return m;
  }

  private registrationView(r: RegistrationRow, position: number | null): MeetingRegistrationView {
    const pending = r.user_id === null && r.mail_confirmed_at === null;
    return {
      id: r.id,
      name: r.name,
      email: r.user_id ? null : r.email,
      withAccount: r.user_id !== null,
      status:
        pending && (r.status === 'confirmed' || r.status === 'waiting') ? 'pending' : r.status,
      // A seat's code, once its registrant is known (an address not yet confirmed has none).
      code: r.status === 'confirmed' && !pending ? r.code : null,
      position,
      registeredAt: iso(r.registered_at),
      confirmedAt: isoOrNull(r.confirmed_at),
      attendedAt: isoOrNull(r.attended_at),
    };
  }

  private async rows(m: MeetingRow): Promise<RegistrationRow[]> {
    return this.ds.query(
      `SELECT * FROM meetings.registrations WHERE organization_id = $1 AND meeting_id = $2
        ORDER BY CASE status WHEN 'confirmed' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, arrival`,
      [m.organization_id, m.id],
    );
  }

  async list(caller: Caller, meetingId: string): Promise<MeetingRegistrationListView> {
    return this.listOf(await this.organized(caller, meetingId));
  }

  private async listOf(m: MeetingRow): Promise<MeetingRegistrationListView> {
    const rows = await this.rows(m);
    let waiting = 0;
    return {
      items: rows.map((r) => this.registrationView(r, r.status === 'waiting' ? ++waiting : null)),
      seats: seatsOf(m),
      attended: rows.filter((r) => r.attended_at).length,
    };
  }

  /** The list as CSV (organizers): what the door and the organizer's spreadsheet need. */
  async csv(caller: Caller, meetingId: string): Promise<{ m: MeetingRow; lines: string[][] }> {
    const m = await this.organized(caller, meetingId);
    const list = await this.listOf(m);
    return {
      m,
      lines: [
        [
          'name',
          'email',
          'with_account',
          'status',
          'code',
          'waiting_position',
          'registered_at',
          'confirmed_at',
          'attended_at',
        ],
        ...list.items.map((r) => [
          r.name ?? '',
          r.email ?? '',
          r.withAccount ? 'yes' : 'no',
          r.status,
          r.code ?? '',
          r.position === null ? '' : String(r.position),
          r.registeredAt,
          r.confirmedAt ?? '',
          r.attendedAt ?? '',
        ]),
      ],
    };
  }

  /** A code shown at the door: whose registration it is, marked present. */
  async checkCode(caller: Caller, meetingId: string, code: string): Promise<CodeCheckView> {
    const m = await this.organized(caller, meetingId);
    const normalized = code.trim().toUpperCase().replace(/[\s-]/g, '');
    const [r] = returnedRows<RegistrationRow & { before: Date | null }>(
      await this.ds.query(
        `UPDATE meetings.registrations r SET attended_at = coalesce(r.attended_at, now())
           FROM (SELECT id, attended_at AS before FROM meetings.registrations
                  WHERE organization_id = $1 AND meeting_id = $2 AND code = $3 AND status = 'confirmed'
                  AND (user_id IS NOT NULL OR mail_confirmed_at IS NOT NULL)
                  FOR UPDATE) x
          WHERE r.id = x.id RETURNING r.*, x.before`,
        [m.organization_id, m.id, normalized],
      ),
    );
    if (!r) return { valid: false, registration: null, alreadyAttended: false };
    return {
      valid: true,
      registration: this.registrationView(r, null),
      alreadyAttended: r.before !== null,
    };
  }

  async attendance(
    caller: Caller,
    meetingId: string,
    registrationId: string,
    attended: boolean,
  ): Promise<MeetingRegistrationView> {
    const m = await this.organized(caller, meetingId);
    const [r] = returnedRows<RegistrationRow>(
      await this.ds.query(
        `UPDATE meetings.registrations SET attended_at = CASE WHEN $4 THEN coalesce(attended_at, now()) END
          WHERE organization_id = $1 AND meeting_id = $2 AND id = $3 AND status = 'confirmed' RETURNING *`,
        [m.organization_id, m.id, registrationId, attended],
      ),
    );
    if (!r)
      throw meetingException(
        MeetingError.RegistrationNotFound,
        'No registration holding a seat with this id in this meeting',
      );
    return this.registrationView(r, null);
  }

  /** An organizer registers someone (private meetings are by invitation): seated or waiting, mailed. */
  async invite(
    caller: Caller,
    meetingId: string,
    dto: InviteDto,
  ): Promise<MeetingRegistrationView> {
    const m = await this.organized(caller, meetingId);
    const email = dto.email.trim().toLowerCase();
    const token = randomBytes(32).toString('base64url');
    const { registration: r, created } = await this.writer.submit({
      kind: 'register',
      organizationId: m.organization_id,
      meetingId: m.id,
      personKey: `email:${sha256(email)}`,
      userId: null,
      name: dto.name.trim(),
      email,
      lang: dto.lang ?? 'fr',
      pending: false,
      expiresAt: null,
      tokenHash: sha256(token),
      byOrganizer: true,
    });
    if (!r) throw meetingNotFound();
    if (created && r.status === 'confirmed')
      later(this.runtime, this.mails.seated(m, [r], null, false));
    return this.registrationView(r, null);
  }

  /** Every live registration of a meeting, for the news mails. */
  async registrants(m: MeetingRow, ended: boolean): Promise<RegistrationRow[]> {
    return this.ds.query(
      `SELECT * FROM meetings.registrations WHERE organization_id = $1 AND meeting_id = $2
          AND ${ended ? `status = 'cancelled' AND ended_by = 'meeting'` : `status IN ('confirmed', 'waiting')`}
          AND (user_id IS NOT NULL OR mail_confirmed_at IS NOT NULL)`,
      [m.organization_id, m.id],
    );
  }

  /** After an organizer's change: registrants told (with the organizer's token, for accounts). */
  async tellRegistrants(
    caller: Caller,
    m: MeetingRow,
    news: { kind: 'changed'; changed: string[] } | { kind: 'cancelled' | 'withdrawn' },
  ): Promise<void> {
    const rows = await this.registrants(m, news.kind !== 'changed');
    if (rows.length) later(this.runtime, this.mails.meetingNews(m, rows, caller.token, news));
  }
}
