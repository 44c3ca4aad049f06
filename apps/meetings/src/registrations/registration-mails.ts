import { Inject, Injectable } from '@nestjs/common';
import { pickText } from '@palabre/contracts';
import type { OutgoingMail } from '@palabre/mail';
import {
  accountContacts,
  OrganizationDirectory,
  SERVICE_RUNTIME,
  type OrganizationInfo,
  type ServiceRuntime,
} from '@palabre/service-kit';
import type { MeetingRow } from '../meetings/meeting.view';
import type { RegistrationRow } from './registration-writer';

/** Where a mail goes and in which language. */
interface Recipient {
  email: string;
  name: string | null;
}

const when = (m: MeetingRow, org: OrganizationInfo, locale: 'fr' | 'en') =>
  new Date(m.starts_at).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: m.time_zone || org.timeZone,
  });

const place = (m: MeetingRow, locale: 'fr' | 'en') => {
  if (m.type === 'online') return locale === 'fr' ? 'En ligne' : 'Online';
  const hybrid = m.type === 'hybrid' ? (locale === 'fr' ? ' (et en ligne)' : ' (and online)') : '';
  return `${m.address ?? ''}${hybrid}`;
};

/** The meeting's page on the site. */
export const meetingPage = (org: OrganizationInfo, m: MeetingRow) =>
  `${org.origin}/spaces/${m.space_id}/meetings/${m.component_id}/${m.id}`;

function about(m: MeetingRow, org: OrganizationInfo) {
  const title = (l: 'fr' | 'en') => pickText(m.title, l).text;
  return {
    fr: `« ${title('fr')} »\n${when(m, org, 'fr')}\n${place(m, 'fr')}\n${meetingPage(org, m)}`,
    en: `“${title('en')}”\n${when(m, org, 'en')}\n${place(m, 'en')}\n${meetingPage(org, m)}`,
  };
}

const bilingual = (to: string, subject: { fr: string; en: string }, fr: string, en: string) => ({
  to,
  subject: `${subject.fr} / ${subject.en}`,
  text: `${fr}\n\n---\n${en}`,
});

/**
 * Mail to registrants, French then English in one plain-text message (as
 * identity's account mail). Registrants without an account are written to
 * at the address they gave; accounts at the address identity gives for them
 * at the time (POST /internal/accounts/contacts, ADR 0035), which needs a
 * signed-in person's token: mails caused without one (an expiry, a guest's
 * cancellation that seats an account from the waiting list) reach only
 * registrants without an account; the newsletter and notifications service
 * will tell the others. Sent after the change committed; a failure is
 * logged (without the address) and never undoes the change.
 */
@Injectable()
export class RegistrationMails {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly organizations: OrganizationDirectory,
  ) {}

  private async send(mails: OutgoingMail[]): Promise<void> {
    const mailer = this.runtime.mailer;
    if (!mailer) {
      if (mails.length)
        this.runtime.logger.emit('warn', 'No mailer configured (SMTP_URL); meeting mail not sent', {
          count: mails.length,
        });
      return;
    }
    for (const mail of mails)
      try {
        await mailer.send(mail);
      } catch (error) {
        this.runtime.logger.emit('error', 'Meeting mail could not be sent', {
          error: String(error),
        });
      }
  }

  /** Where each registration's mail goes: its own address, or its account's (with a token). */
  private async recipients(
    rows: RegistrationRow[],
    token: string | null,
  ): Promise<Map<string, Recipient>> {
    const out = new Map<string, Recipient>();
    const accounts = rows.filter((r) => r.user_id);
    for (const r of rows)
      if (!r.user_id && r.email) out.set(r.id, { email: r.email, name: r.name });
    if (accounts.length && token) {
      try {
        const contacts = await accountContacts(
          this.runtime.internal,
          token,
          accounts.map((r) => r.user_id as string),
        );
        const byUser = new Map(contacts.map((c) => [c.userId, c]));
        for (const r of accounts) {
          const c = byUser.get(r.user_id as string);
          if (c) out.set(r.id, { email: c.email, name: c.name ?? r.name });
        }
      } catch (error) {
        this.runtime.logger.emit(
          'warn',
          'Account addresses unavailable; meeting mail to accounts not sent',
          {
            error: String(error),
          },
        );
      }
    }
    return out;
  }

  /** A registration without an account: confirm the address (the seat is held until `expires_at`). */
  async confirmAddress(m: MeetingRow, r: RegistrationRow, token: string): Promise<void> {
    if (!r.email) return;
    const org = await this.organizations.of(m.organization_id);
    const link = `${org.origin}/meetings/registration?token=${encodeURIComponent(token)}`;
    const a = about(m, org);
    const minutes = r.expires_at
      ? Math.max(1, Math.round((new Date(r.expires_at).getTime() - Date.now()) / 60_000))
      : 60;
    const waiting = r.status === 'waiting';
    await this.send([
      bilingual(
        r.email,
        { fr: 'Confirmez votre inscription', en: 'Confirm your registration' },
        `Bonjour${r.name ? ` ${r.name}` : ''},\n\nVous vous êtes inscrit·e à la réunion\n${a.fr}\n\n${
          waiting
            ? 'La réunion est complète : vous serez sur la liste d’attente.'
            : 'Une place vous est réservée.'
        } Pour confirmer votre adresse, ouvrez ce lien dans les ${minutes} minutes :\n${link}\n\nSans confirmation, l’inscription est annulée. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.`,
        `Hello${r.name ? ` ${r.name}` : ''},\n\nYou registered for the meeting\n${a.en}\n\n${
          waiting
            ? 'The meeting is full: you will be on the waiting list.'
            : 'A seat is held for you.'
        } To confirm your address, open this link within ${minutes} minutes:\n${link}\n\nWithout confirmation the registration is cancelled. If you did not ask for this, ignore this message.`,
      ),
    ]);
  }

  /** A registrant without an account registered again: what they have, at their address only. */
  async alreadyRegistered(m: MeetingRow, r: RegistrationRow, token: string | null): Promise<void> {
    if (!r.email) return;
    const org = await this.organizations.of(m.organization_id);
    const a = about(m, org);
    const link = token
      ? `${org.origin}/meetings/registration?token=${encodeURIComponent(token)}`
      : '';
    await this.send([
      bilingual(
        r.email,
        { fr: 'Votre inscription', en: 'Your registration' },
        `Bonjour,\n\nCette adresse est déjà inscrite à la réunion\n${a.fr}\n${link ? `\nVotre inscription : ${link}\n` : ''}`,
        `Hello,\n\nThis address is already registered for the meeting\n${a.en}\n${link ? `\nYour registration: ${link}\n` : ''}`,
      ),
    ]);
  }

  /** Registrations that now hold a seat: the code for the door. */
  async seated(
    m: MeetingRow,
    rows: RegistrationRow[],
    token: string | null,
    fromWaitingList: boolean,
  ): Promise<void> {
    if (!rows.length) return;
    const org = await this.organizations.of(m.organization_id);
    const to = await this.recipients(rows, token);
    const a = about(m, org);
    const ics = `${org.origin}/api/meetings/meetings/${m.id}/calendar.ics`;
    await this.send(
      rows.flatMap((r) => {
        const who = to.get(r.id);
        if (!who || !r.code) return [];
        return [
          bilingual(
            who.email,
            fromWaitingList
              ? {
                  fr: 'Une place s’est libérée : vous êtes inscrit·e',
                  en: 'A seat came free: you are registered',
                }
              : { fr: 'Inscription confirmée', en: 'Registration confirmed' },
            `Bonjour${who.name ? ` ${who.name}` : ''},\n\nVotre inscription à la réunion\n${a.fr}\nest confirmée. Votre code, à présenter à l’entrée : ${r.code}\n\nAjouter à votre agenda : ${ics}`,
            `Hello${who.name ? ` ${who.name}` : ''},\n\nYour registration for the meeting\n${a.en}\nis confirmed. Your code, to show at the door: ${r.code}\n\nAdd it to your calendar: ${ics}`,
          ),
        ];
      }),
    );
  }

  /** On the waiting list (an account registering when full). */
  async waiting(m: MeetingRow, r: RegistrationRow, position: number, token: string): Promise<void> {
    const org = await this.organizations.of(m.organization_id);
    const to = await this.recipients([r], token);
    const who = to.get(r.id);
    if (!who) return;
    const a = about(m, org);
    await this.send([
      bilingual(
        who.email,
        { fr: 'Vous êtes sur la liste d’attente', en: 'You are on the waiting list' },
        `Bonjour,\n\nLa réunion\n${a.fr}\nest complète. Vous êtes n° ${position} sur la liste d’attente ; si une place se libère, elle vous sera attribuée dans l’ordre d’inscription.`,
        `Hello,\n\nThe meeting\n${a.en}\nis full. You are number ${position} on the waiting list; seats that come free go to people in the order they registered.`,
      ),
    ]);
  }

  /** The registrant cancelled. */
  async cancelled(m: MeetingRow, r: RegistrationRow, token: string | null): Promise<void> {
    const org = await this.organizations.of(m.organization_id);
    const to = await this.recipients([r], token);
    const who = to.get(r.id);
    if (!who) return;
    const a = about(m, org);
    await this.send([
      bilingual(
        who.email,
        { fr: 'Inscription annulée', en: 'Registration cancelled' },
        `Bonjour,\n\nVotre inscription à la réunion\n${a.fr}\nest annulée.`,
        `Hello,\n\nYour registration for the meeting\n${a.en}\nis cancelled.`,
      ),
    ]);
  }

  /** The meeting changed (what registrants rely on) or was called off: every registrant. */
  async meetingNews(
    m: MeetingRow,
    rows: RegistrationRow[],
    token: string,
    news: { kind: 'changed'; changed: string[] } | { kind: 'cancelled' | 'withdrawn' },
  ): Promise<void> {
    if (!rows.length) return;
    const org = await this.organizations.of(m.organization_id);
    const to = await this.recipients(rows, token);
    const a = about(m, org);
    const LABELS: Record<string, { fr: string; en: string }> = {
      title: { fr: 'le titre', en: 'the title' },
      schedule: { fr: 'la date ou l’horaire', en: 'the date or time' },
      place: { fr: 'le lieu', en: 'the place' },
      online_link: { fr: 'le lien en ligne', en: 'the online link' },
      type: { fr: 'la forme (sur place, en ligne)', en: 'the format (in person, online)' },
      agenda: { fr: 'le programme', en: 'the agenda' },
      services: { fr: 'les services proposés', en: 'the services offered' },
      registrations: { fr: 'les inscriptions', en: 'registrations' },
    };
    const list = (l: 'fr' | 'en') =>
      news.kind === 'changed' ? news.changed.map((c) => LABELS[c]?.[l] ?? c).join(', ') : '';
    const reason = (l: 'fr' | 'en') => pickText(m.cancel_reason, l).text;
    const mails = [...to.values()].map((who) =>
      news.kind === 'changed'
        ? bilingual(
            who.email,
            { fr: 'La réunion a changé', en: 'The meeting changed' },
            `Bonjour,\n\nLa réunion à laquelle vous êtes inscrit·e a changé (${list('fr')}) :\n${a.fr}`,
            `Hello,\n\nThe meeting you registered for changed (${list('en')}):\n${a.en}`,
          )
        : bilingual(
            who.email,
            news.kind === 'cancelled'
              ? { fr: 'Réunion annulée', en: 'Meeting cancelled' }
              : { fr: 'Réunion retirée', en: 'Meeting withdrawn' },
            `Bonjour,\n\nLa réunion\n${a.fr}\nn’aura pas lieu. Votre inscription est annulée.${reason('fr') ? `\n\n${reason('fr')}` : ''}`,
            `Hello,\n\nThe meeting\n${a.en}\nwill not take place. Your registration is cancelled.${reason('en') ? `\n\n${reason('en')}` : ''}`,
          ),
    );
    await this.send(mails);
  }
}
