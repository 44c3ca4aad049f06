import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';

/** An organization's thresholds and whether it blocks automatically. */
export interface SpamSettings {
  flagThreshold: number;
  blockThreshold: number;
  autoBlock: boolean;
  /** Domains whose links are reported whatever the model says (lower case). */
  refusedDomains: string[];
}

export const DEFAULT_SETTINGS: SpamSettings = {
  flagThreshold: 0.7,
  blockThreshold: 0.99,
  autoBlock: false,
  refusedDomains: [],
};

/**
 * What the organization's settings would do with a score (strictly above a
 * threshold): block only where automatic blocking is on, else report.
 */
/**
 * A contribution linking to a domain the organization refused (or one of its
 * subdomains): reported whatever the model says, with at least the block
 * threshold's score (blocked where automatic blocking is on), and the reason.
 */
export function withRefusedDomains(
  scored: { score: number; reasons: string[] },
  domains: string[],
  s: SpamSettings,
): void {
  const hits = domains.filter((d) => s.refusedDomains.some((r) => d === r || d.endsWith(`.${r}`)));
  if (hits.length === 0) return;
  scored.score = Math.max(scored.score, Math.min(0.9999, s.blockThreshold + 1e-4));
  scored.reasons.push(`refused-domain: ${hits.slice(0, 3).join(', ')}`);
}

export function verdictOf(score: number, s: SpamSettings): 'ok' | 'flag' | 'block' {
  if (score > s.blockThreshold && s.autoBlock) return 'block';
  if (score > s.flagThreshold) return 'flag';
  return 'ok';
}

@Injectable()
export class SettingsRepository {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async of(organizationId: string): Promise<SpamSettings> {
    const [row] = await this.runtime.dataSource.query(
      `SELECT flag_threshold, block_threshold, auto_block, refused_domains FROM antispam.settings
        WHERE organization_id = $1`,
      [organizationId],
    );
    if (!row) return DEFAULT_SETTINGS;
    return {
      flagThreshold: Number(row.flag_threshold),
      blockThreshold: Number(row.block_threshold),
      autoBlock: row.auto_block === true,
      refusedDomains: (row.refused_domains as string[] | null) ?? [],
    };
  }

  async save(organizationId: string, s: SpamSettings): Promise<SpamSettings> {
    await this.runtime.dataSource.query(
      `INSERT INTO antispam.settings (organization_id, flag_threshold, block_threshold, auto_block, refused_domains)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id) DO UPDATE
         SET flag_threshold = EXCLUDED.flag_threshold, block_threshold = EXCLUDED.block_threshold,
             auto_block = EXCLUDED.auto_block, refused_domains = EXCLUDED.refused_domains,
             updated_at = now()`,
      [organizationId, s.flagThreshold, s.blockThreshold, s.autoBlock, s.refusedDomains],
    );
    return s;
  }
}
