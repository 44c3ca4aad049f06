import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  MEETING_SERVICES,
  MEETING_TYPES,
  ONLINE_VISIBILITIES,
  type MeetingServiceKind,
  type MeetingType,
  type OnlineVisibility,
} from '@palabre/contracts';
import { textDto } from '@palabre/service-kit';

export class MeetingTitleDto extends textDto(200, {
  fr: 'Atelier vélo du quartier Nord',
  en: 'North district cycling workshop',
}) {}
export class MeetingDescriptionDto extends textDto(20_000, {
  fr: 'Venez imaginer les pistes cyclables de demain.',
  en: 'Come and imagine tomorrow’s cycle lanes.',
}) {}
export class LocationHintsDto extends textDto(500, {
  fr: 'Salle 2, premier étage, entrée par la cour',
  en: 'Room 2, first floor, entrance through the courtyard',
}) {}
export class TermsDto extends textDto(5_000, {
  fr: 'J’accepte que mon nom figure sur la liste d’émargement.',
  en: 'I agree that my name appears on the attendance sheet.',
}) {}
export class AgendaTitleDto extends textDto(200, { fr: 'Accueil', en: 'Welcome' }) {}
export class AgendaDescriptionDto extends textDto(2_000, {
  fr: 'Présentation du projet',
  en: 'Presenting the project',
}) {}
export class AltDto extends textDto(300, {
  fr: 'Les participants autour de la carte du quartier',
  en: 'Participants around the map of the district',
}) {}
export class ReasonDto extends textDto(2_000, {
  fr: 'La salle n’est plus disponible.',
  en: 'The room is no longer available.',
}) {}
export class MinutesTextDto extends textDto(50_000, {
  fr: 'Trente personnes ont proposé douze itinéraires.',
  en: 'Thirty people proposed twelve routes.',
}) {}

export class AgendaItemDto {
  @ApiProperty({ type: () => AgendaTitleDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AgendaTitleDto)
  title!: AgendaTitleDto;

  @ApiPropertyOptional({ type: () => AgendaDescriptionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AgendaDescriptionDto)
  description?: AgendaDescriptionDto;

  @ApiProperty({ example: 30, description: 'Minutes, 1–1440' })
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes!: number;
}

export class PhotoDto {
  @ApiProperty({ example: 'https://images.example.org/atelier.jpg', description: 'https only' })
  @IsString()
  @MaxLength(2_000)
  url!: string;

  @ApiProperty({ type: () => AltDto, description: 'What the photo shows, per language' })
  @IsObject()
  @ValidateNested()
  @Type(() => AltDto)
  alt!: AltDto;
}

/** A meeting as its organizer writes it (times as wall-clock times in `timeZone`). */
export class CreateMeetingDto {
  @ApiProperty({ type: () => MeetingTitleDto, description: 'Per language; at least one' })
  @IsObject()
  @ValidateNested()
  @Type(() => MeetingTitleDto)
  title!: MeetingTitleDto;

  @ApiPropertyOptional({ type: () => MeetingDescriptionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MeetingDescriptionDto)
  description?: MeetingDescriptionDto;

  @ApiProperty({ enum: MEETING_TYPES })
  @IsIn(MEETING_TYPES)
  type!: MeetingType;

  @ApiProperty({
    example: '2027-01-15T18:30',
    description: 'Wall-clock time in timeZone (or RFC 3339 with an offset)',
  })
  @IsString()
  @MaxLength(40)
  startsAt!: string;

  @ApiProperty({ example: '2027-01-15T20:30' })
  @IsString()
  @MaxLength(40)
  endsAt!: string;

  @ApiProperty({ example: 'Europe/Paris', description: 'IANA time zone of the times given' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;

  @ApiPropertyOptional({
    example: '12 rue de la République, 69002 Lyon',
    description: 'Required in person and hybrid; null: none',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ type: () => LocationHintsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationHintsDto)
  locationHints?: LocationHintsDto;

  @ApiPropertyOptional({ example: 45.764, description: 'null: none', nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @ApiPropertyOptional({ example: 4.8357, description: 'null: none', nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @ApiPropertyOptional({
    example: 'https://visio.example.org/atelier-velo',
    description: 'https only; online and hybrid meetings; null: none',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  onlineUrl?: string | null;

  @ApiPropertyOptional({ enum: ONLINE_VISIBILITIES, description: 'Default: registered' })
  @IsOptional()
  @IsIn(ONLINE_VISIBILITIES)
  onlineVisibility?: OnlineVisibility;

  @ApiPropertyOptional({
    example: 30,
    description: 'The link is shown this many minutes before the start (0–10080)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_080)
  onlineShownMinutesBefore?: number;

  @ApiPropertyOptional({ type: () => [AgendaItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemDto)
  agenda?: AgendaItemDto[];

  @ApiPropertyOptional({ enum: MEETING_SERVICES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(MEETING_SERVICES, { each: true })
  services?: MeetingServiceKind[];

  @ApiPropertyOptional({ description: 'By invitation: organizers register the participants' })
  @IsOptional()
  @IsBoolean()
  private?: boolean;

  @ApiPropertyOptional({ description: 'Private but listed and shown to everyone' })
  @IsOptional()
  @IsBoolean()
  transparent?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  registrationsEnabled?: boolean;

  @ApiPropertyOptional({ example: 50, description: 'Seats; null or 0: no limit', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  capacity?: number | null;

  @ApiPropertyOptional({ example: 5, description: 'Seats kept aside, not offered here' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  reservedSeats?: number;

  @ApiPropertyOptional({ description: 'Default: true' })
  @IsOptional()
  @IsBoolean()
  waitingListEnabled?: boolean;

  @ApiPropertyOptional({ type: () => TermsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TermsDto)
  registrationTerms?: TermsDto;

  @ApiPropertyOptional({ type: () => [PhotoDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PhotoDto)
  photos?: PhotoDto[];
}

export class UpdateMeetingDto extends PartialType(CreateMeetingDto) {}

export class CancelMeetingDto {
  @ApiPropertyOptional({ type: () => ReasonDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReasonDto)
  reason?: ReasonDto;
}

export class ProposalLinkDto {
  @ApiProperty()
  @IsUUID()
  proposalId!: string;

  @ApiProperty({ enum: ['born', 'linked'] })
  @IsIn(['born', 'linked'])
  kind!: 'born' | 'linked';
}

/** Closing a meeting: its minutes (again to edit them). */
export class MinutesDto {
  @ApiProperty({ type: () => MinutesTextDto, description: 'Per language; at least one' })
  @IsObject()
  @ValidateNested()
  @Type(() => MinutesTextDto)
  text!: MinutesTextDto;

  @ApiProperty({ example: 32 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  attendeesCount!: number;

  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  contributionsCount!: number;

  @ApiPropertyOptional({ example: 'Association Vélo Lyon, Conseil de quartier Nord' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  organizations?: string;

  @ApiPropertyOptional({
    example: 'https://media.example.org/atelier.mp3',
    description: 'null: none',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  audioUrl?: string | null;

  @ApiPropertyOptional({
    example: 'https://media.example.org/atelier.mp4',
    description: 'null: none',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  videoUrl?: string | null;

  @ApiPropertyOptional({ type: () => [ProposalLinkDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ProposalLinkDto)
  proposals?: ProposalLinkDto[];

  @ApiPropertyOptional({ type: () => [PhotoDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PhotoDto)
  photos?: PhotoDto[];
}
