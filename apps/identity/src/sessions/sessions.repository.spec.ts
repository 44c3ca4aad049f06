import type { DataSource } from 'typeorm';
import { SessionsRepository, type SessionRow } from './sessions.repository';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const row = (id: string, kind: SessionRow['kind'], minutesAgo: number) =>
  ({ id, kind, last_seen_at: new Date(NOW - minutesAgo * 60_000) }) as SessionRow;

describe('SessionsRepository.touchStale', () => {
  const queries: unknown[][] = [];
  const repository = new SessionsRepository({
    query: async (_sql: string, params: unknown[]) => void queries.push(params),
  } as unknown as DataSource);
  beforeEach(() => (queries.length = 0));

  it('writes nothing when every account session was seen in the last 5 minutes, or is a signer', async () => {
    await repository.touchStale(
      [row('a', 'account', 4), row('s', 'signer', 60), row('t', 'signer', 0)],
      NOW,
    );
    expect(queries).toEqual([]);
  });

  it('moves the stale account sessions only, in one statement', async () => {
    await repository.touchStale(
      [
        row('a', 'account', 6),
        row('b', 'account', 1),
        row('s', 'signer', 60),
        row('c', 'account', 30),
      ],
      NOW,
    );
    expect(queries).toEqual([[['a', 'c']]]);
  });
});
