import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  Length,
  Matches,
} from 'class-validator';

export const SUPPORTED_LOCALES = ['fr', 'en'] as const;

export class CreateOrganizationDto {
  @ApiProperty({ example: 'ville-demo' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, {
    message: 'must be 2–63 lowercase letters, digits or dashes',
  })
  slug!: string;

  @ApiProperty({ example: 'Ville de Démo' })
  @IsString()
  @Length(2, 200)
  name!: string;

  @ApiProperty({ example: ['participer.ville-demo.fr'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(
    /^(localhost|127\.0\.0\.1|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)$/,
    {
      each: true,
      message: 'each host must be a lowercase host name without port',
    },
  )
  hosts!: string[];

  @ApiProperty({ enum: SUPPORTED_LOCALES })
  @IsIn(SUPPORTED_LOCALES)
  defaultLocale!: (typeof SUPPORTED_LOCALES)[number];
}
