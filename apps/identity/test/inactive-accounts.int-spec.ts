import request from 'supertest';
import { randomBytes } from 'node:crypto';
import type { InternalIdentity } from '@palabre/auth';
import { Topics } from '@palabre/contracts';
import { MailCatcher, Mailer } from '@palabre/mail';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { identityService } from '../src/identity.definition';
import { InactiveAccountsJob } from '../src/privacy/inactive-accounts.job';

const DAY = 86_400_000;
/** A date `months` months and `days` days from now, as the job computes them. */
const later = (months: number, days = 0) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + months);
  return new Date(d.getTime() + days * DAY);
};

/**
 * Accounts unused for 24 months (the default) are warned 30 days before and
 * then deleted through the erasure every service hears of; signing in after
 * the warning keeps the account; staff accounts are never deleted this way.
 */
describe.each(testDatabaseTargets())('inactive accounts on $name', (target) => {
  let booted: BootedService;
  let catcher: MailCatcher;
  let mailer: Mailer;
  let job: InactiveAccountsJob;
  let org: string;
  const operator: InternalIdentity = {
    organizationId: '00000000-0000-4000-8000-000000000001',
    grants: [{ role: 'platform-operator' }],
  };

  beforeAll(async () => {
    catcher = new MailCatcher();
    mailer = new Mailer(await catcher.start(), 'Palabre <test@palabre.local>');
    booted = await bootService(identityService, { database: target.open, mailer });
    job = booted.service.app.get(InactiveAccountsJob);
    org = (
      await request(booted.service.app.getHttpServer())
        .post('/organizations')
        .set(...(await booted.as(operator)))
        .send({
          slug: 'ville-dormante',
          name: 'Ville dormante',
          hosts: ['participer.ville-dormante.fr'],
          defaultLocale: 'fr',
        })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await booted?.close();
    mailer?.close();
    await catcher?.stop();
  });

  /** An account of `org` last seen now (one session), with these roles. */
  async function account(roles: string[] = []) {
    const email = `i-${randomBytes(4).toString('hex')}@example.org`;
    const [u] = await booted.db.query<{ id: string }>(
      `INSERT INTO identity.users (organization_id, email, display_name, email_confirmed_at)
       VALUES ($1, $2, 'Dormeur', now()) RETURNING id`,
      [org, email],
    );
    await booted.db.query(
      `INSERT INTO identity.sessions (token_hash, organization_id, user_id, kind, expires_at)
       VALUES ($1, $2, $3, 'account', now() + interval '1 day')`,
      [randomBytes(16).toString('hex'), org, u.id],
    );
    for (const role of roles)
      await booted.db.query(
        `INSERT INTO identity.grants (organization_id, user_id, role) VALUES ($1, $2, $3)`,
        [org, u.id, role],
      );
    return { id: u.id, email };
  }

  const statusOf = async (id: string) =>
    (
      await booted.db.query<{ status: string; email: string | null }>(
        `SELECT status, email FROM identity.users WHERE organization_id = $1 AND id = $2`,
        [org, id],
      )
    )[0];

  /** The erasure events published for this account: still in the outbox, or relayed to the log. */
  const erasedEvents = async (id: string) =>
    booted.db.query<{ payload: unknown }>(
      `SELECT DISTINCT ON (event_id) payload FROM (
         SELECT event_id, payload FROM identity.outbox WHERE topic = $1 AND key = $2
         UNION ALL
         SELECT event_id, payload FROM palabre_bus.events WHERE topic = $1 AND key = $2) e`,
      [Topics.IdentityUserErasedV1, id],
    );

  it('warns by mail 30 days before, then deletes through the erasure event if still unused', async () => {
    const sleeper = await account();
    const admin = await account(['org-admin']);
    const moderator = await account(['moderator']);

    // 22 months on: not yet due.
    expect(await job.run(later(22))).toEqual({ warned: 0, deleted: 0 });
    // 23 months and 5 days: within the last 30 days of the 24 months.
    const warnedAt = later(23, 5);
    const first = await job.run(warnedAt);
    expect(first.warned).toBe(1);
    const mail = await catcher.waitFor(sleeper.email, /supprimé faute d’utilisation/);
    expect(mail.text).toContain('https://participer.ville-dormante.fr/sign-in');
    expect(mail.text).toContain('will be deleted');
    // Warned once, not at every run.
    expect((await job.run(later(23, 6))).warned).toBe(0);
    // Not deleted before the warning's 30 days have passed.
    expect((await job.run(new Date(warnedAt.getTime() + 29 * DAY))).deleted).toBe(0);
    expect((await statusOf(sleeper.id)).status).toBe('active');

    const after = await job.run(new Date(warnedAt.getTime() + 31 * DAY));
    expect(after.deleted).toBe(1);
    expect(await statusOf(sleeper.id)).toEqual({ status: 'deleted', email: null });
    expect(await erasedEvents(sleeper.id)).toEqual([
      { payload: { userId: sleeper.id, organizationId: org, reason: 'inactivity' } },
    ]);
    // Administrators and moderators are never deleted for inactivity, nor even warned.
    expect(await statusOf(admin.id)).toMatchObject({ status: 'active' });
    expect(await statusOf(moderator.id)).toMatchObject({ status: 'active' });
    expect(catcher.list(admin.email)).toHaveLength(0);
  });

  it('keeps an account signed in to after the warning, and warns it again after a new inactivity', async () => {
    const returning = await account();
    const warnedAt = later(23, 5);
    expect((await job.run(warnedAt)).warned).toBe(1);
    await catcher.waitFor(returning.email, /supprimé faute d’utilisation/);
    // The person signs in a week after the warning.
    const back = new Date(warnedAt.getTime() + 7 * DAY);
    await booted.db.query(
      `UPDATE identity.sessions SET last_seen_at = $3 WHERE organization_id = $1 AND user_id = $2`,
      [org, returning.id, back.toISOString()],
    );
    await job.run(new Date(warnedAt.getTime() + 31 * DAY));
    expect((await statusOf(returning.id)).status).toBe('active');
    expect(await erasedEvents(returning.id)).toHaveLength(0);
    // 24 months after that sign-in, the cycle starts again: a new warning, then deletion.
    const again = new Date(back.getTime() + (later(23, 5).getTime() - Date.now()));
    expect((await job.run(again)).warned).toBe(1);
    expect(catcher.list(returning.email)).toHaveLength(2);
    expect((await job.run(new Date(again.getTime() + 31 * DAY))).deleted).toBe(1);
    expect((await statusOf(returning.id)).status).toBe('deleted');
  });
});
