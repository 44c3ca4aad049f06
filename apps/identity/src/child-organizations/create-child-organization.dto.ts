import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, ValidateIf } from 'class-validator';
import {
  CreateOrganizationDto,
  SUPPORTED_LOCALES,
} from '../organizations/dtos/create-organization.dto';

export class CreateChildOrganizationDto extends CreateOrganizationDto {
  @ApiProperty({ required: false, enum: SUPPORTED_LOCALES, isArray: true, example: ['fr'] })
  @ValidateIf((_: object, value: unknown) => value !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SUPPORTED_LOCALES, { each: true })
  locales?: (typeof SUPPORTED_LOCALES)[number][];
}
