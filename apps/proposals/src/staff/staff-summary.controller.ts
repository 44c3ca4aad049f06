import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import { StaffSummaryService } from './staff-summary.service';

@ApiTags('moderation')
@Controller('staff')
export class StaffSummaryController {
  constructor(private readonly summary: StaffSummaryService) {}

  @Get('summary')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary:
      'What waits for the caller, per component: content to moderate (moderators) and proposals to answer (space admins; evaluators: the ones assigned to them). Null: not the caller’s to do.',
  })
  get(@CurrentIdentity() identity: InternalIdentity) {
    return this.summary.summary(identity);
  }
}
