import type {
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindManyOptions,
  FindOptionsWhere,
  ObjectLiteral,
} from 'typeorm';

/** Every table carries its organization; this is the column's name everywhere. */
export const ORGANIZATION_COLUMN = 'organization_id';

export class TenantMismatchError extends Error {
  constructor() {
    super('Entity belongs to another organization');
    this.name = 'TenantMismatchError';
  }
}

type Tenanted = ObjectLiteral & { organizationId: string };

/**
 * A repository view that can only see and write one organization's rows.
 * Services use it instead of a raw Repository so that forgetting the tenant
 * filter is not possible by construction.
 */
export class TenantScope<T extends Tenanted> {
  constructor(
    private readonly manager: EntityManager,
    private readonly entity: EntityTarget<T>,
    readonly organizationId: string,
  ) {}

  private where(where?: FindOptionsWhere<T> | FindOptionsWhere<T>[]) {
    const org = { organizationId: this.organizationId } as FindOptionsWhere<T>;
    if (!where) return org;
    return Array.isArray(where) ? where.map((w) => ({ ...w, ...org })) : { ...where, ...org };
  }

  find(options: FindManyOptions<T> = {}): Promise<T[]> {
    return this.manager.find(this.entity, {
      ...options,
      where: this.where(options.where as FindOptionsWhere<T>),
    });
  }

  findOneBy(where: FindOptionsWhere<T>): Promise<T | null> {
    return this.manager.findOneBy(this.entity, this.where(where));
  }

  count(where?: FindOptionsWhere<T>): Promise<number> {
    return this.manager.countBy(this.entity, this.where(where));
  }

  async save(entity: DeepPartial<T>): Promise<T> {
    const e = entity as DeepPartial<T> & { organizationId?: string };
    if (e.organizationId && e.organizationId !== this.organizationId)
      throw new TenantMismatchError();
    return this.manager.save(this.entity, { ...entity, organizationId: this.organizationId });
  }
}

/**
 * Rows of an `UPDATE … RETURNING` / `DELETE … RETURNING` run through TypeORM's
 * `query()`, which wraps them as `[rows, rowCount]` (other statements return rows).
 */
export function returnedRows<T = Record<string, unknown>>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
