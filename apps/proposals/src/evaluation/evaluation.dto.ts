import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class LabelDto {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  fr?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  en?: string;
}

export class CreateStateDto {
  @ApiProperty({ example: 'feasible', description: 'lowercase, digits, - or _, 2–40 characters' })
  @Matches(/^[a-z][a-z0-9_-]{1,39}$/, {
    message: 'key must be 2–40 lowercase letters, digits, - or _, starting with a letter',
  })
  key!: string;

  @ApiProperty({ type: LabelDto })
  @ValidateNested()
  @Type(() => LabelDto)
  label!: LabelDto;
}

export class AnswerDto {
  @ApiProperty({
    example: 'accepted',
    description: 'evaluating, accepted, rejected or a state of the component',
  })
  @IsString()
  @MaxLength(40)
  state!: string;

  @ApiProperty({ required: false, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  answer?: string;

  @ApiProperty({ required: false, description: 'Estimated cost in euro cents' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000_000)
  costCents?: number;
}

export class SendToBudgetDto {
  @ApiProperty({ required: false, description: 'The budgets component it goes to' })
  @IsOptional()
  @IsUUID()
  budgetComponentId?: string;
}
