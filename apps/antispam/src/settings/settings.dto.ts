import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsNumber, Max, Min } from 'class-validator';

export class SpamSettingsDto {
  @ApiProperty({ description: 'Above it, reported to moderators', example: 0.7 })
  @IsNumber()
  @Min(0.01)
  @Max(0.999)
  flagThreshold!: number;

  @ApiProperty({ description: 'Above it, blocked (where autoBlock is on)', example: 0.99 })
  @IsNumber()
  @Min(0.02)
  @Max(0.9999)
  blockThreshold!: number;

  @ApiProperty({ description: 'Block accounts above blockThreshold (off by default)' })
  @IsBoolean()
  autoBlock!: boolean;
}

export class SpamSettingsView extends SpamSettingsDto {
  @ApiProperty({ description: 'The model in use' })
  model!: string;
}
