import request from 'supertest';
import type { InternalIdentity } from '@palabre/auth';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { identityService } from '../src/identity.definition';

describe.each(testDatabaseTargets())('organization settings on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  let admin: InternalIdentity;
  const operator: InternalIdentity = {
    organizationId: '00000000-0000-4000-8000-000000000001',
    grants: [{ role: 'platform-operator' }],
  };

  beforeAll(async () => {
    booted = await bootService(identityService, { database: target.open });
    server = booted.service.app.getHttpServer();
    const created = await request(server)
      .post('/organizations')
      .set(...(await booted.as(operator)))
      .send({
        slug: 'ville-s',
        name: 'Ville S',
        hosts: ['participer.ville-s.fr'],
        defaultLocale: 'fr',
      })
      .expect(201);
    admin = { organizationId: created.body.id, grants: [{ role: 'org-admin' }] };
  });
  afterAll(() => booted.close());

  async function patch(body: object, status?: number) {
    const r = await request(server)
      .patch('/organization')
      .set(...(await booted.as(admin)))
      .send(body);
    if (status) expect({ status: r.status, body: r.body }).toMatchObject({ status });
    return r;
  }
  beforeEach(() =>
    booted.db.query(
      `UPDATE identity.organizations SET name = 'Ville S', locales = ARRAY['fr', 'en'], default_locale = 'fr',
         registration_mode = 'open', identity_providers = ARRAY['local', 'franceconnect'],
         logo_url = NULL, primary_color = NULL, welcome_text = '{}', announcement = '{}',
         time_zone = 'Europe/Paris', map_tile_url = NULL, map_attribution = NULL WHERE slug = 'ville-s'`,
    ),
  );
  const stored = async () =>
    (
      await booted.db.query(
        `SELECT name, locales, default_locale, registration_mode, identity_providers,
                logo_url, primary_color, welcome_text, announcement, time_zone, map_tile_url, map_attribution
           FROM identity.organizations WHERE id = $1`,
        [admin.organizationId],
      )
    )[0];

  it('shows the settings to an administrator', async () => {
    const r = await request(server)
      .get('/organization')
      .set(...(await booted.as(admin)))
      .expect(200);
    expect(r.body).toEqual({
      id: admin.organizationId,
      slug: 'ville-s',
      name: 'Ville S',
      hosts: ['participer.ville-s.fr'],
      primaryHost: 'participer.ville-s.fr',
      locales: ['fr', 'en'],
      defaultLocale: 'fr',
      registrationMode: 'open',
      identityProviders: ['local', 'franceconnect'],
      parentId: null,
      logoUrl: null,
      primaryColor: null,
      welcomeText: {},
      announcement: {},
      timeZone: 'Europe/Paris',
      mapTileUrl: null,
      mapAttribution: null,
    });
  });

  it('changes only what is sent, and the change applies at once', async () => {
    const r = await patch({ name: '  Ville S renommée ', registrationMode: 'invitation' }, 200);
    expect(r.body).toMatchObject({
      name: 'Ville S renommée',
      registrationMode: 'invitation',
      locales: ['fr', 'en'],
    });
    const register = await request(server)
      .post('/registrations')
      .set(...(await booted.as({ organizationId: admin.organizationId, grants: [] })))
      .send({
        email: 'late@example.org',
        password: 'correct horse battery',
        displayName: 'Late',
        captchaId: '00000000-0000-4000-8000-000000000000',
        captchaAnswer: '1',
      });
    expect(register.status).toBe(403);
    expect(register.body.code).toBe('REGISTRATION_CLOSED');
    await patch(
      {
        locales: ['en'],
        defaultLocale: 'en',
        registrationMode: 'franceconnect',
        identityProviders: ['franceconnect'],
      },
      200,
    );
    expect(await stored()).toEqual({
      name: 'Ville S renommée',
      locales: ['en'],
      default_locale: 'en',
      registration_mode: 'franceconnect',
      identity_providers: ['franceconnect'],
      logo_url: null,
      primary_color: null,
      welcome_text: {},
      announcement: {},
      time_zone: 'Europe/Paris',
      map_tile_url: null,
      map_attribution: null,
    });
    await patch(
      {
        locales: ['fr', 'en'],
        defaultLocale: 'fr',
        registrationMode: 'open',
        identityProviders: ['local', 'franceconnect'],
      },
      200,
    );
  });

  it.each([
    [{ name: 'X' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: null }, 'name'],
    [{ locales: [] }, 'locales'],
    [{ locales: ['fr', 'fr'] }, 'locales'],
    [{ locales: ['de'] }, 'locales'],
    [{ locales: ['en'] }, 'locales'], // would leave the default "fr" out
    [{ defaultLocale: 'de' }, 'defaultLocale'],
    [{ locales: ['en'], defaultLocale: 'fr' }, 'defaultLocale'],
    [{ registrationMode: 'closed' }, 'registrationMode'],
    [{ registrationMode: 'franceconnect', identityProviders: ['local'] }, 'identityProviders'],
    [{ identityProviders: [] }, 'identityProviders'],
    [{ identityProviders: ['google'] }, 'identityProviders'],
    [{ slug: 'ville-z' }, 'slug'],
    [{ hosts: ['evil.example'] }, 'hosts'],
    [{ primaryColor: '#ffcc00' }, 'primaryColor'], // white text on it: 1.6:1
    [{ primaryColor: '#777777' }, 'primaryColor'], // 4.48:1, just under AA
    [{ primaryColor: 'blue' }, 'primaryColor'],
    [{ primaryColor: '#12345' }, 'primaryColor'],
    [{ logoUrl: 'http://ville-s.fr/logo.png' }, 'logoUrl'],
    [{ logoUrl: 'javascript:alert(1)' }, 'logoUrl'],
    [{ logoUrl: `https://ville-s.fr/${'a'.repeat(2000)}.png` }, 'logoUrl'],
    [{ welcomeText: 'Bienvenue' }, 'welcomeText'],
    [{ welcomeText: { fr: 'x'.repeat(2001) } }, 'welcomeText.fr'],
    [{ welcomeText: { de: 'Willkommen' } }, 'welcomeText.de'],
    [{ welcomeText: null }, 'welcomeText'],
    [{ announcement: { en: 'y'.repeat(301) } }, 'announcement.en'],
    [{ announcement: { fr: 'Travaux\u0007' } }, 'announcement.fr'],
    [{ announcement: { fr: 42 } }, 'announcement.fr'],
    [{ timeZone: 'Europe/Lutece' }, 'timeZone'],
    [{ timeZone: '+01:00' }, 'timeZone'],
    [{ timeZone: '' }, 'timeZone'],
    [{ timeZone: null }, 'timeZone'],
    [{ timeZone: 3600 }, 'timeZone'],
    [
      { mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}.png', mapAttribution: 'OSM' },
      'mapTileUrl',
    ],
    [
      { mapTileUrl: 'http://tile.openstreetmap.org/{z}/{x}/{y}.png', mapAttribution: 'OSM' },
      'mapTileUrl',
    ],
    [{ mapTileUrl: 'javascript:alert(1)//{z}/{x}/{y}', mapAttribution: 'OSM' }, 'mapTileUrl'],
    [
      { mapTileUrl: 'https://{s}.tile.example/{z}/{x}/{y}.png', mapAttribution: 'OSM' },
      'mapTileUrl',
    ],
    [{ mapTileUrl: '', mapAttribution: 'OSM' }, 'mapTileUrl'],
    [{ mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }, 'mapAttribution'],
    [
      { mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', mapAttribution: '  ' },
      'mapAttribution',
    ],
    [
      { mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', mapAttribution: null },
      'mapAttribution',
    ],
    [{ mapAttribution: 'x'.repeat(301) }, 'mapAttribution'],
    [{ mapAttribution: '© OSM\ncontributors' }, 'mapAttribution'],
  ])('refuses %j with a 400 naming %s, and writes nothing', async (body, field) => {
    const before = await stored();
    const r = await patch({
      ...body,
      registrationMode: (body as { registrationMode?: string }).registrationMode ?? 'invitation',
    });
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body.errors?.map((e: { field: string }) => e.field) ?? []).toContain(field);
    expect(r.body.detail).toContain(field);
    expect(await stored()).toEqual(before);
  });

  it('refuses registrationMode "franceconnect" while FranceConnect is not accepted', async () => {
    await patch({ identityProviders: ['local'] }, 200);
    const r = await patch({ registrationMode: 'franceconnect' }, 400);
    expect(r.body.errors).toEqual([{ field: 'registrationMode', message: expect.any(String) }]);
  });

  it('stores branding and an announcement, shows them publicly, and removes them with null or empty text', async () => {
    const r = await patch(
      {
        logoUrl: 'https://www.ville-s.fr/logo.png',
        primaryColor: '#1D4ED8',
        welcomeText: {
          fr: '  Bienvenue à Ville S.\r\n\nParticipez !  ',
          en: 'Welcome to Ville S.',
        },
        announcement: { fr: 'Maintenance samedi de 8 h à 10 h.', en: '' },
      },
      200,
    );
    expect(r.body).toMatchObject({
      logoUrl: 'https://www.ville-s.fr/logo.png',
      primaryColor: '#1d4ed8',
      welcomeText: { fr: 'Bienvenue à Ville S.\n\nParticipez !', en: 'Welcome to Ville S.' },
      announcement: { fr: 'Maintenance samedi de 8 h à 10 h.' },
    });
    // Any visitor (no grant) reads them with the organization.
    const visitor = await request(server)
      .get('/organizations/current')
      .set(...(await booted.as({ organizationId: admin.organizationId, grants: [] })))
      .expect(200);
    expect(visitor.body).toMatchObject({
      name: 'Ville S',
      registrationMode: 'open',
      identityProviders: ['local', 'franceconnect'],
      logoUrl: 'https://www.ville-s.fr/logo.png',
      primaryColor: '#1d4ed8',
      welcomeText: { fr: 'Bienvenue à Ville S.\n\nParticipez !', en: 'Welcome to Ville S.' },
      announcement: { fr: 'Maintenance samedi de 8 h à 10 h.' },
    });
    // The darkest grey that passes, and the short form of a colour.
    expect((await patch({ primaryColor: '#767676' }, 200)).body.primaryColor).toBe('#767676');
    expect((await patch({ primaryColor: '#009' }, 200)).body.primaryColor).toBe('#000099');
    // Other settings leave the branding alone; null and empty texts remove it.
    await patch({ name: 'Ville S' }, 200);
    const cleared = await patch(
      { logoUrl: null, primaryColor: null, welcomeText: {}, announcement: { fr: '   ' } },
      200,
    );
    expect(cleared.body).toMatchObject({
      logoUrl: null,
      primaryColor: null,
      welcomeText: {},
      announcement: {},
    });
  });

  it('stores the time zone and the map, shows them publicly and to services, and removes the map with null', async () => {
    const r = await patch(
      {
        timeZone: 'america/cayenne',
        mapTileUrl: ' https://tile.openstreetmap.org/{z}/{x}/{y}.png ',
        mapAttribution: ' © OpenStreetMap contributors ',
      },
      200,
    );
    expect(r.body).toMatchObject({
      timeZone: 'America/Cayenne',
      mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      mapAttribution: '© OpenStreetMap contributors',
      registrationMode: 'open',
    });
    expect(await stored()).toMatchObject({
      time_zone: 'America/Cayenne',
      map_tile_url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      map_attribution: '© OpenStreetMap contributors',
    });
    const place = {
      timeZone: 'America/Cayenne',
      mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      mapAttribution: '© OpenStreetMap contributors',
    };
    const read = await request(server)
      .get('/organization')
      .set(...(await booted.as(admin)))
      .expect(200);
    expect(read.body).toMatchObject(place);
    const visitor = await request(server)
      .get('/organizations/current')
      .set(...(await booted.as({ organizationId: admin.organizationId, grants: [] })))
      .expect(200);
    expect(visitor.body).toMatchObject(place);
    // A service asking for nobody (a calendar feed, a scheduled mail) reads the same, without a token.
    const internal = await request(server)
      .get(`/internal/organizations/${admin.organizationId}`)
      .expect(200);
    expect(internal.body).toEqual({
      id: admin.organizationId,
      name: 'Ville S',
      origin: 'https://participer.ville-s.fr',
      defaultLocale: 'fr',
      ...place,
    });
    // Other settings leave them alone; the attribution alone may change.
    await patch({ name: 'Ville S' }, 200);
    expect(
      (await patch({ mapAttribution: '© les contributeurs d’OpenStreetMap' }, 200)).body,
    ).toMatchObject({ ...place, mapAttribution: '© les contributeurs d’OpenStreetMap' });
    // null removes the map; the attribution, alone, may go too.
    const cleared = await patch({ mapTileUrl: null, mapAttribution: null, timeZone: 'UTC' }, 200);
    expect(cleared.body).toMatchObject({ timeZone: 'UTC', mapTileUrl: null, mapAttribution: null });
  });

  it('names the contrast it measured when a colour is too light for white text', async () => {
    const r = await patch({ primaryColor: '#ffcc00' }, 400);
    expect(r.body.errors).toEqual([
      {
        field: 'primaryColor',
        message: expect.stringMatching(/contrast.*1\.\d\d:1.*4\.5:1/),
        rule: 'darkEnoughForWhiteText',
      },
    ]);
  });

  it('refuses an empty change', async () => {
    const r = await patch({}, 400);
    expect(r.body.detail).toMatch(/Nothing to change/);
  });
});
