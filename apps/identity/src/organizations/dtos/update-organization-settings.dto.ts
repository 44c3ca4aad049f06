import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  Length,
  ValidateIf,
} from 'class-validator';
import { SUPPORTED_LOCALES } from './create-organization.dto';

export const REGISTRATION_MODES = ['open', 'invitation', 'franceconnect'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];
export const IDENTITY_PROVIDERS = ['local', 'franceconnect'] as const;
export type IdentityProvider = (typeof IDENTITY_PROVIDERS)[number];
type Locale = (typeof SUPPORTED_LOCALES)[number];

/** Present means "change it"; absent means "keep it". `null` is refused, never stored. */
const present = ValidateIf((_: object, value: unknown) => value !== undefined);

export class UpdateOrganizationSettingsDto {
  @ApiProperty({ required: false, example: 'Ville de Démo' })
  @present
  @IsString()
  @Length(2, 200)
  name?: string;

  @ApiProperty({ required: false, enum: SUPPORTED_LOCALES, isArray: true, example: ['fr', 'en'] })
  @present
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SUPPORTED_LOCALES.length)
  @ArrayUnique()
  @IsIn(SUPPORTED_LOCALES, { each: true })
  locales?: Locale[];

  @ApiProperty({ required: false, enum: SUPPORTED_LOCALES, description: 'One of `locales`' })
  @present
  @IsIn(SUPPORTED_LOCALES)
  defaultLocale?: Locale;

  @ApiProperty({
    required: false,
    enum: REGISTRATION_MODES,
    description:
      'open: anyone registers; invitation: accounts are opened by the organization; franceconnect: FranceConnect only',
  })
  @present
  @IsIn(REGISTRATION_MODES)
  registrationMode?: RegistrationMode;

  @ApiProperty({ required: false, enum: IDENTITY_PROVIDERS, isArray: true })
  @present
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(IDENTITY_PROVIDERS, { each: true })
  identityProviders?: IdentityProvider[];
}
