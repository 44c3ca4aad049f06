import { I18n } from '../../shared/i18n/i18n';
import {
  composeValues,
  controlOf,
  newsletterValues,
  readCompose,
  readSend,
  readSettings,
  settingsControlOf,
} from './newsletter-form';

const fr = new I18n('fr');

/** A form as a browser posts it: a French subject and the blocks given, to everyone. */
const posted = (blocks: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  'fr-subject': 'La lettre de décembre',
  'fr-preheader': '',
  'en-subject': '',
  'en-preheader': '',
  audience: 'all',
  ...blocks,
  ...extra,
});

describe('the newsletter compose form', () => {
  const three = {
    'fr-block-0-kind': 'text',
    'fr-block-0-text': 'Bonjour,\r\n\r\nLes résultats sont publiés.',
    'fr-block-1-kind': 'image',
    'fr-block-1-url': 'https://images.example.org/parc.jpg',
    'fr-block-1-alt': 'Le parc au printemps',
    'fr-block-1-width': '',
    'fr-block-2-kind': 'button',
    'fr-block-2-label': 'Voir les résultats',
    'fr-block-2-url': 'https://demo.example.org/budgets',
  };

  it('gives the API body: blocks in their order, English left out when not written', () => {
    const { dto, errors } = readCompose(fr, posted(three), 'fr');
    expect(errors).toEqual([]);
    expect(dto).toEqual({
      contents: {
        fr: {
          subject: 'La lettre de décembre',
          preheader: '',
          blocks: [
            { kind: 'text', text: 'Bonjour,\n\nLes résultats sont publiés.' },
            {
              kind: 'image',
              url: 'https://images.example.org/parc.jpg',
              alt: 'Le parc au printemps',
            },
            {
              kind: 'button',
              label: 'Voir les résultats',
              url: 'https://demo.example.org/budgets',
            },
          ],
        },
      },
      audience: { kind: 'all', spaceIds: [] },
    });
  });

  it('adds, moves and removes blocks without checking or sending anything', () => {
    const added = readCompose(fr, posted(three, { op: 'add-image-en' }), 'fr');
    expect(added).toMatchObject({ edited: true, dto: null, errors: [] });
    expect(added.values).toMatchObject({ 'en-block-0-kind': 'image', 'en-block-0-url': '' });

    const up = composeValues(posted(three, { op: 'up-fr-2' }));
    expect([up['fr-block-0-kind'], up['fr-block-1-kind'], up['fr-block-2-kind']]).toEqual([
      'text',
      'button',
      'image',
    ]);
    expect(up['fr-block-1-label']).toBe('Voir les résultats');

    const removed = composeValues(posted(three, { op: 'remove-fr-0' }));
    expect(removed['fr-block-0-kind']).toBe('image');
    expect(removed['fr-block-2-kind']).toBeUndefined();
  });

  it('says each mistake next to its control, keeping what was typed', () => {
    const { dto, errors, values } = readCompose(
      fr,
      posted(
        { ...three, 'fr-block-1-url': 'http://images.example.org/parc.jpg', 'fr-block-1-alt': '' },
        { 'en-preheader': 'Results', audience: 'members' },
      ),
      'fr',
    );
    expect(dto).toBeNull();
    expect(values['fr-block-1-url']).toBe('http://images.example.org/parc.jpg');
    expect(errors.map((e) => e.field)).toEqual([
      'fr-block-1-url',
      'fr-block-1-alt',
      'en-subject',
      'en-blocks',
      'memberSpaces',
    ]);
  });

  it('puts the API’s refusals next to the control they name', () => {
    const v = composeValues(posted(three, { audience: 'members' }));
    expect(controlOf('contents.fr.blocks.1.url', v)).toBe('fr-block-1-url');
    expect(controlOf('contents.fr.blocks.2', v)).toBe('fr-block-2-label');
    expect(controlOf('contents.fr.blocks', v)).toBe('fr-blocks');
    expect(controlOf('contents.en', v)).toBe('en-subject');
    expect(controlOf('audience.spaceIds', v)).toBe('memberSpaces');
  });

  it('shows a stored newsletter back as the form that wrote it', () => {
    const { dto } = readCompose(fr, posted(three), 'fr');
    const again = newsletterValues({
      id: 'x',
      state: 'draft',
      contents: dto!.contents,
      audience: dto!.audience,
      scheduledAt: null,
      startedAt: null,
      finishedAt: null,
      createdAt: '',
      updatedAt: '',
      history: { recipients: 0, sent: 0, failed: 0, skipped: 0, pending: 0, unsubscribedSince: 0 },
    });
    expect(readCompose(fr, { ...again, 'en-subject': '' }, 'fr').dto).toEqual(dto);
  });
});

describe('sending and settings', () => {
  const now = Date.parse('2027-01-10T12:00:00Z');

  it('reads a schedule as Paris time, refusing the past', () => {
    expect(readSend(fr, { when: 'now' }, now).dto).toEqual({});
    expect(readSend(fr, { when: 'later', at: '2027-01-15T18:30' }, now).dto).toEqual({
      at: '2027-01-15T17:30:00Z',
    });
    expect(readSend(fr, { when: 'later', at: '2027-01-09T18:30' }, now).errors[0].field).toBe('at');
  });

  it('sends the SMTP password only when typed, and none for the platform’s server', () => {
    const own = {
      senderName: 'Ville de Démo',
      messagesPerSecond: '20',
      smtp: 'own',
      smtpHost: 'smtp.demo.example.org',
      smtpPort: '587',
      smtpUser: 'lettre',
    };
    expect(readSettings(fr, own).dto?.smtp).toEqual({
      host: 'smtp.demo.example.org',
      port: 587,
      secure: false,
      user: 'lettre',
    });
    expect(readSettings(fr, { ...own, smtpPassword: 's3cret' }).dto?.smtp?.password).toBe('s3cret');
    expect(readSettings(fr, { ...own, smtp: 'deployment' }).dto?.smtp).toBeNull();
    expect(readSettings(fr, { ...own, messagesPerSecond: '0' }).errors[0].field).toBe(
      'messagesPerSecond',
    );
    expect(settingsControlOf('smtp.host')).toBe('smtpHost');
  });
});
