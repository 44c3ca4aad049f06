import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** palabre.spaces.v1.AuthorizeRequest (proto/palabre/spaces/v1/internal.proto). */
export class AuthorizeDto {
  @ApiProperty()
  @IsUUID()
  componentId!: string;

  @ApiProperty({ example: 'vote' })
  @IsString()
  @MaxLength(60)
  @Matches(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, {
    message: 'action must be an action name such as vote',
  })
  action!: string;
}
