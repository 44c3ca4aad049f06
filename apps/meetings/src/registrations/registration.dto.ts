import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';

export class RegisterDto {
  @ApiPropertyOptional({
    example: 'Camille Martin',
    description: 'Without an account: the name on the list of registrants',
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({
    example: 'camille@example.org',
    description: 'Without an account: where the confirmation link and the code are sent',
  })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'The registration terms, when the meeting has some' })
  @IsOptional()
  @IsBoolean()
  acceptTerms?: boolean;

  @ApiPropertyOptional({ enum: ['fr', 'en'], description: 'Language of the mails' })
  @IsOptional()
  @IsIn(['fr', 'en'])
  lang?: 'fr' | 'en';
}

/** An organizer registering someone (private meetings are by invitation). */
export class InviteDto {
  @ApiProperty({ example: 'Camille Martin' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ example: 'camille@example.org' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ enum: ['fr', 'en'], description: 'Language of the mails' })
  @IsOptional()
  @IsIn(['fr', 'en'])
  lang?: 'fr' | 'en';
}

export class TokenDto {
  @ApiProperty({ description: 'The token of the mailed link' })
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  token!: string;
}

export class CodeDto {
  @ApiProperty({ example: 'K7QX2MPA' })
  @IsString()
  @MinLength(4)
  @MaxLength(20)
  code!: string;
}

export class AttendanceDto {
  @ApiProperty()
  @IsBoolean()
  attended!: boolean;
}
