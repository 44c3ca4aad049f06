/**
 * A statement that each database connection parses and plans once (a named
 * prepared statement of PostgreSQL's extended protocol, ADR 0028), for the
 * statements a hot path runs hundreds of times a second: after five
 * executions PostgreSQL keeps a generic plan, so a batch of signatures no
 * longer pays ~0.2 ms of planning per statement. node-postgres prepares it on
 * a connection the first time it is used there; PGlite runs it as any query.
 */
export interface NamedStatement {
  readonly name: string;
  readonly text: string;
}

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const declared = new Map<string, string>();

/**
 * Declares `text` under `name`, once per process: a name is a connection's
 * key for its prepared statement, so one name never stands for two texts.
 */
export function namedStatement(name: string, text: string): NamedStatement {
  if (!NAME.test(name)) throw new Error(`Invalid statement name "${name}"`);
  const known = declared.get(name);
  if (known !== undefined && known !== text)
    throw new Error(`Statement "${name}" is already declared with another text`);
  declared.set(name, text);
  return { name, text };
}

/** Runs `statement` with `params` through a TypeORM manager, data source or query runner. */
export function queryNamed<T>(
  runner: { query(query: string, parameters?: unknown[]): Promise<unknown> },
  statement: NamedStatement,
  params: unknown[],
): Promise<T> {
  // TypeORM hands its first argument to the driver as it is (pg takes a { name, text }
  // config); the text is what its logs and errors show.
  const config = { name: statement.name, text: statement.text, toString: () => statement.text };
  return runner.query(config as unknown as string, params) as Promise<T>;
}
