import { MailCatcher, parseMail } from './mail-catcher';
import { Mailer } from './mailer';

describe('mail over real SMTP', () => {
  it('delivers a French message to the catcher, accents intact', async () => {
    const catcher = new MailCatcher();
    const url = await catcher.start();
    const mailer = new Mailer(url, 'Ville de Démo <ne-pas-repondre@palabre.local>');
    try {
      await mailer.send({
        to: 'alice@example.org',
        subject: 'Confirmez votre adresse électronique',
        text: 'Bonjour, cliquez ici : https://x/é?token=abc',
      });
      const m = await catcher.waitFor('alice@example.org', /Confirmez/);
      expect(m.subject).toBe('Confirmez votre adresse électronique');
      expect(m.text).toContain('https://x/é?token=abc');
    } finally {
      mailer.close();
      await catcher.stop();
    }
  });

  it('parses quoted-printable multipart bodies', () => {
    const raw =
      'Subject: =?UTF-8?Q?R=C3=A9initialiser?=\r\nContent-Type: multipart/alternative; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCl=C3=A9 =\r\nsuite\r\n--b1--\r\n';
    const mail = parseMail(raw);
    expect(mail).toMatchObject({ subject: 'Réinitialiser', text: 'Clé suite', html: undefined });
    expect(mail.headers['content-type']).toBe('multipart/alternative; boundary="b1"');
  });
});
