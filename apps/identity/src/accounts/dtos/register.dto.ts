import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';

export class RegisterDto {
  @ApiProperty({ example: 'alice@example.org' })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 128 })
  @IsString()
  @Length(10, 128, { message: 'must be between 10 and 128 characters' })
  password!: string;

  @ApiProperty({ example: 'Alice M.' })
  @IsString()
  @Length(2, 80)
  displayName!: string;

  @ApiProperty({ description: 'Id of the question from GET /captcha' })
  @IsUUID()
  captchaId!: string;

  @ApiProperty({
    example: '7',
    required: false,
    description: 'The answer to the question; not needed with a solved `proof`',
  })
  @ValidateIf((o: RegisterDto) => !o.proof)
  @IsString()
  @Length(1, 40)
  captchaAnswer?: string;

  @ApiProperty({
    required: false,
    description:
      "The challenge's proof of work as the ALTCHA widget sends it (base64 JSON), instead of the answer",
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  proof?: string;

  @ApiProperty({ enum: ['fr', 'en'], required: false })
  @IsIn(['fr', 'en'])
  locale: 'fr' | 'en' = 'fr';

  @ApiProperty({
    required: false,
    description:
      'A field the registration form hides from people (a trap for scripts that fill every field): when filled, the answer is the same and nothing is created',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string;

  @ApiProperty({
    required: false,
    description:
      "Ask for the organization's newsletter: pending until the mailed link is confirmed (double opt-in)",
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  newsletter?: boolean;
}

export class TokenDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  token!: string;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;
}

export class PasswordResetDto extends TokenDto {
  @ApiProperty({ minLength: 10, maxLength: 128 })
  @IsString()
  @Length(10, 128, { message: 'must be between 10 and 128 characters' })
  password!: string;
}

export class SignInDto {
  @ApiProperty()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 128)
  password!: string;
}

export class AccountLookupDto {
  @ApiProperty({ example: 'camille@example.org' })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;
}

export class AccountNamesDto {
  @ApiProperty({ type: [String], example: ['6f1c2b9e-4a7d-4c1e-9f0a-2b3c4d5e6f70'], maxItems: 200 })
  @IsArray({ message: 'must be a list of account ids' })
  @ArrayMaxSize(200, { message: 'at most 200 ids at once' })
  @IsUUID('all', { each: true, message: 'each id must be a UUID' })
  ids!: string[];
}
