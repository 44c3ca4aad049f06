import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

/** Most accounts asked at once: a service with more to write to asks in batches. */
export const MAX_CONTACTS_ASKED = 500;

export class AccountContactsDto {
  @ApiProperty({
    type: [String],
    example: ['6f1c2b9e-4a7d-4c1e-9f0a-2b3c4d5e6f70'],
    minItems: 1,
    maxItems: MAX_CONTACTS_ASKED,
  })
  @IsArray({ message: 'must be a list of account ids' })
  @ArrayMinSize(1, { message: 'at least one account id' })
  @ArrayMaxSize(MAX_CONTACTS_ASKED, {
    message: `at most ${MAX_CONTACTS_ASKED} account ids at once`,
  })
  @IsUUID('all', { each: true, message: 'each account id must be a UUID' })
  userIds!: string[];
}
