import { ApiProperty } from '@nestjs/swagger';

export class StatusDto {
  @ApiProperty({ example: 'surveys' })
  service!: string;

  @ApiProperty({ format: 'uuid', description: 'Organization (tenant) of the verified identity' })
  organizationId!: string;
}
