import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class SmtpDto {
  @ApiPropertyOptional({ example: 'smtp.ville.example' })
  @IsString()
  @Length(1, 253)
  @Matches(/^[a-z0-9.-]+$/i, { message: 'host must be a host name' })
  host!: string;

  @ApiPropertyOptional({ example: 587 })
  @IsInt()
  @Min(1)
  @Max(65535)
  port!: number;

  @ApiPropertyOptional({ description: 'TLS from the start (465); false: STARTTLS when offered' })
  @IsBoolean()
  secure!: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  user?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Write-only; absent keeps the one stored, null removes it',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  password?: string | null;
}

export class SettingsDto {
  @ApiPropertyOptional({ nullable: true, example: 'Ville de Montreuil' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/^[^\r\n"<>]*$/, { message: 'senderName must be one line without quotes or <>' })
  senderName?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'lettre@ville.example' })
  @IsOptional()
  @IsEmail()
  senderAddress?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsEmail()
  replyTo?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 2000, default: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2000)
  messagesPerSecond?: number;

  @ApiPropertyOptional({ type: SmtpDto, nullable: true, description: "null: the deployment's" })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => SmtpDto)
  smtp?: SmtpDto | null;
}
