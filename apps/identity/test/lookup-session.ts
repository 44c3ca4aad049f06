import request from 'supertest';

/** What the gateway learns about a session cookie (identity's internal lookup), or null. */
export async function lookupSession(server: Parameters<typeof request>[0], token: string) {
  const r = await request(server)
    .post('/internal/sessions/lookup')
    .send({ tokens: [token] })
    .expect(200);
  return r.body.sessions[0];
}
