import { Module } from '@nestjs/common';
import { ComponentAccess } from './components/component-access';
import { DrawsController } from './draws/draws.controller';
import { DrawsService } from './draws/draws.service';
import { DemoContent } from './maintenance/demo-content';
import { PoolRetentionJob } from './maintenance/pool-retention.job';
import { StatusModule } from './status/status.module';

@Module({
  imports: [StatusModule],
  controllers: [DrawsController],
  providers: [ComponentAccess, DrawsService, PoolRetentionJob, DemoContent],
})
export class SortitionsModule {}
