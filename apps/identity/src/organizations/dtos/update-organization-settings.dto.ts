import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ANNOUNCEMENT_MAX,
  HEX_COLOR,
  MIN_CONTRAST_WITH_WHITE,
  PLAIN_TEXT,
  WELCOME_TEXT_MAX,
  contrastWithWhite,
} from '../branding';
import {
  MAP_ATTRIBUTION_MAX,
  ONE_LINE,
  TIME_ZONE_MAX,
  isTimeZone,
  tileTemplateProblem,
} from '../time-zone-and-map';
import { SUPPORTED_LOCALES } from './create-organization.dto';

export const REGISTRATION_MODES = ['open', 'invitation', 'franceconnect'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];
export const IDENTITY_PROVIDERS = ['local', 'franceconnect'] as const;
export type IdentityProvider = (typeof IDENTITY_PROVIDERS)[number];
type Locale = (typeof SUPPORTED_LOCALES)[number];

/** Present means "change it"; absent means "keep it". `null` is refused, never stored. */
const present = ValidateIf((_: object, value: unknown) => value !== undefined);
/** For what may be removed: `null` means "none". */
const presentNotNull = ValidateIf(
  (_: object, value: unknown) => value !== undefined && value !== null,
);

/** A colour that white text can sit on (and that reads as text on white): 4.5:1 at least. */
const DarkEnoughForWhiteText = () =>
  ValidateBy({
    name: 'darkEnoughForWhiteText',
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'string' ||
        !HEX_COLOR.test(value.trim()) ||
        contrastWithWhite(value) >= MIN_CONTRAST_WITH_WHITE,
      defaultMessage: (args) =>
        `contrast with white text is ${contrastWithWhite(String(args?.value)).toFixed(2)}:1, under ` +
        `${MIN_CONTRAST_WITH_WHITE}:1 (WCAG 2.1 AA); choose a darker colour`,
    },
  });

const IsTimeZone = () =>
  ValidateBy({
    name: 'isTimeZone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isTimeZone(value.trim()),
      defaultMessage: () => 'must be an IANA time zone such as Europe/Paris or America/Cayenne',
    },
  });

const IsTileTemplate = () =>
  ValidateBy({
    name: 'isTileTemplate',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && tileTemplateProblem(value.trim()) === null,
      defaultMessage: (args) =>
        tileTemplateProblem(String(args?.value ?? '').trim()) ?? 'must be a tile URL template',
    },
  });

const plainText = (max: number) => (target: object, key: string) => {
  IsOptional()(target, key);
  IsString()(target, key);
  MaxLength(max, { message: `must be at most ${max} characters` })(target, key);
  Matches(PLAIN_TEXT, { message: 'must be plain text (no control characters)' })(target, key);
};

/** Plain text per language; a language left out (or empty) shows nothing. */
export class WelcomeTextDto {
  @ApiProperty({ required: false, nullable: true, maxLength: WELCOME_TEXT_MAX })
  @plainText(WELCOME_TEXT_MAX)
  fr?: string | null;

  @ApiProperty({ required: false, nullable: true, maxLength: WELCOME_TEXT_MAX })
  @plainText(WELCOME_TEXT_MAX)
  en?: string | null;
}

export class AnnouncementDto {
  @ApiProperty({ required: false, nullable: true, maxLength: ANNOUNCEMENT_MAX })
  @plainText(ANNOUNCEMENT_MAX)
  fr?: string | null;

  @ApiProperty({ required: false, nullable: true, maxLength: ANNOUNCEMENT_MAX })
  @plainText(ANNOUNCEMENT_MAX)
  en?: string | null;
}

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

  @ApiProperty({
    required: false,
    nullable: true,
    example: 'https://www.ville-demo.fr/logo.png',
    description:
      'An https address of the logo (shown in the header, the name as its text); null: none',
  })
  @presentNotNull
  @IsString()
  @MaxLength(2000)
  @IsUrl(
    { protocols: ['https'], require_protocol: true },
    { message: 'must be an https:// address of an image' },
  )
  logoUrl?: string | null;

  @ApiProperty({
    required: false,
    nullable: true,
    example: '#1d4ed8',
    description:
      'Hex colour of buttons and links; white text on it must reach a contrast of 4.5:1 (WCAG AA). null: the default',
  })
  @presentNotNull
  @IsString()
  @Matches(HEX_COLOR, { message: 'must be a hex colour like #1d4ed8' })
  @DarkEnoughForWhiteText()
  primaryColor?: string | null;

  @ApiProperty({
    required: false,
    type: WelcomeTextDto,
    description:
      'Home page text per language (replaces every language; one left out shows nothing)',
  })
  @present
  @IsObject()
  @ValidateNested()
  @Type(() => WelcomeTextDto)
  welcomeText?: WelcomeTextDto;

  @ApiProperty({
    required: false,
    type: AnnouncementDto,
    description: 'Shown above the navigation on every page, per language (replaces every language)',
  })
  @present
  @IsObject()
  @ValidateNested()
  @Type(() => AnnouncementDto)
  announcement?: AnnouncementDto;

  @ApiProperty({
    required: false,
    example: 'Europe/Paris',
    maxLength: TIME_ZONE_MAX,
    description:
      'IANA time zone of the organization: calendar feeds and times in mails are given in it',
  })
  @present
  @IsString()
  @IsTimeZone()
  timeZone?: string;

  @ApiProperty({
    required: false,
    nullable: true,
    example: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    description:
      'An https tile URL template with {z}, {x} and {y} for maps (needs mapAttribution); null: no map, pages show the address and a link',
  })
  @presentNotNull
  @IsString()
  @IsTileTemplate()
  mapTileUrl?: string | null;

  @ApiProperty({
    required: false,
    nullable: true,
    maxLength: MAP_ATTRIBUTION_MAX,
    example: '© OpenStreetMap contributors',
    description:
      'Shown on every map, as the tile server asks; required while mapTileUrl is set. null or empty: none',
  })
  @presentNotNull
  @IsString()
  @MaxLength(MAP_ATTRIBUTION_MAX, { message: `must be at most ${MAP_ATTRIBUTION_MAX} characters` })
  @Matches(ONE_LINE, { message: 'must be one line of plain text' })
  mapAttribution?: string | null;
}
