import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class NewsletterConfirmDto {
  @ApiProperty({ description: 'The token of the mailed confirmation link' })
  @IsString()
  @Length(20, 200)
  token!: string;
}

/** `{ token }`, or the RFC 8058 one-click body with the token in the query string. */
export class NewsletterUnsubscribeDto {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @Length(20, 300)
  token?: string;

  @ApiProperty({ required: false, enum: ['One-Click'], name: 'List-Unsubscribe' })
  @IsOptional()
  @IsIn(['One-Click'])
  'List-Unsubscribe'?: string;
}
