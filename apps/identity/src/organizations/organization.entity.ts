import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Plain text by language code ("fr", "en"). */
export type LocalizedText = Partial<Record<string, string>>;

@Entity({ name: 'organizations' })
export class Organization {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid', insert: false, update: false })
  organizationId!: string;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'default_locale', type: 'text' }) defaultLocale!: string;
  @Column({ type: 'text', array: true }) locales!: string[];
  @Column({ name: 'registration_mode', type: 'text', default: 'open' })
  registrationMode!: 'open' | 'invitation' | 'franceconnect';
  @Column({
    name: 'identity_providers',
    type: 'text',
    array: true,
    default: ['local', 'franceconnect'],
  })
  identityProviders!: string[];
  /** Branding: an https address of the logo, or none. */
  @Column({ name: 'logo_url', type: 'text', nullable: true }) logoUrl!: string | null;
  /** #rrggbb, dark enough for white text on it (WCAG AA), or none (the site's own blue). */
  @Column({ name: 'primary_color', type: 'text', nullable: true }) primaryColor!: string | null;
  /** Plain text per language shown on the home page; a missing language shows nothing. */
  @Column({ name: 'welcome_text', type: 'jsonb' }) welcomeText!: LocalizedText;
  /** Plain text per language shown above the navigation of every page. */
  @Column({ type: 'jsonb' }) announcement!: LocalizedText;
  /** IANA zone (Europe/Paris): calendar feeds and times in mails are given in it. */
  @Column({ name: 'time_zone', type: 'text', default: 'Europe/Paris' }) timeZone!: string;
  /** An https tile URL template with {z}, {x} and {y}; none: pages show the address and a link. */
  @Column({ name: 'map_tile_url', type: 'text', nullable: true }) mapTileUrl!: string | null;
  /** Shown on every map drawn from those tiles; set whenever a tile server is. */
  @Column({ name: 'map_attribution', type: 'text', nullable: true }) mapAttribution!: string | null;
  /** The organization that created this one (a metropolis above its communes); null at the top. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
