import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsUUID } from 'class-validator';

export const RECIPIENT_PURPOSES = ['newsletter', 'notification'] as const;
export type RecipientPurpose = (typeof RECIPIENT_PURPOSES)[number];

export class RecipientsDto {
  @ApiProperty({ type: [String], description: '1 to 1,000 account ids' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  userIds!: string[];

  @ApiProperty({
    enum: RECIPIENT_PURPOSES,
    description: 'newsletter: consenting accounts only, with their unsubscribe link',
  })
  @IsIn(RECIPIENT_PURPOSES)
  purpose!: RecipientPurpose;
}

export class AccountSignalsDto {
  @ApiProperty({ type: [String], description: '1 to 500 account ids' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  userIds!: string[];
}
