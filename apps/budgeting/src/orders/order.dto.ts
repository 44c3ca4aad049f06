import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, Matches } from 'class-validator';

export class CheckoutDto {
  @ApiPropertyOptional({
    type: [String],
    description:
      'The projects voted for, replacing the cart (a form without JavaScript posts its checkboxes here); absent: the cart as it is',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  projectIds?: string[];

  @ApiPropertyOptional({
    example: 'Nord',
    description:
      'Self-declared district of residence, for the "my district plus one other" workflow',
  })
  @IsOptional()
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} '’.-]{0,59}$/u, {
    message: 'residence must be a short district name (letters, digits, spaces)',
  })
  residence?: string;
}
