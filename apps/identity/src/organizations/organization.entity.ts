import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

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
  /** The organization that created this one (a metropolis above its communes); null at the top. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
