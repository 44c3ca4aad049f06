import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsUUID, MaxLength, ValidateIf } from 'class-validator';

/** The roles identity grants; "participant" is what every account is, not a grant. */
export const GRANTABLE_ROLES = [
  'platform-operator',
  'org-admin',
  'space-admin',
  'moderator',
  'evaluator',
] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

/** Roles that make sense only inside one participatory space. */
export const SPACE_ROLES: readonly GrantableRole[] = ['space-admin', 'evaluator'];
/** Roles over the whole organization (or platform), never narrowed to a space. */
export const ORGANIZATION_ROLES: readonly GrantableRole[] = ['platform-operator', 'org-admin'];

const present = ValidateIf((_: object, value: unknown) => value !== undefined);

/** The account to give a role to: by id or by email, in the organization of the grant. */
export class GranteeDto {
  @ApiProperty({ required: false, description: 'The account id (or give `email`)' })
  @present
  @IsUUID()
  userId?: string;

  @ApiProperty({ required: false, description: 'The account email (or give `userId`)' })
  @present
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string;
}

export class GrantRoleDto extends GranteeDto {
  @ApiProperty({
    enum: GRANTABLE_ROLES,
    description:
      'platform-operator: only a platform operator grants it. space-admin and evaluator need a spaceId; ' +
      'moderator is organization-wide without one; org-admin and platform-operator take none.',
  })
  @IsIn(GRANTABLE_ROLES)
  role!: GrantableRole;

  @ApiProperty({ required: false, description: 'The participatory space the role is limited to' })
  @present
  @IsUUID()
  spaceId?: string;
}

/** A child organization's administrators: org-admin only, for an account of the child. */
export class GrantChildAdminDto extends GranteeDto {
  @ApiProperty({ enum: ['org-admin'] })
  @IsIn(['org-admin'])
  role!: 'org-admin';
}
