import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { MeetingListView, MeetingView } from '@palabre/contracts';
import { CurrentCaller, type Caller } from '../components/component-access';
import { CancelMeetingDto, CreateMeetingDto, MinutesDto, UpdateMeetingDto } from './meeting.dto';
import { RegistrationsService } from '../registrations/registrations.service';
import { listQuery, MeetingsService } from './meetings.service';

const ListQueries = () =>
  applyDecorators(
    ...[
      {
        name: 'when',
        required: false,
        enum: ['upcoming', 'past', 'all'],
        description: 'Default upcoming',
      },
      { name: 'type', required: false, enum: ['in_person', 'online', 'hybrid'] },
      { name: 'from', required: false, description: 'Starting on or after (2027-01-15)' },
      { name: 'to', required: false, description: 'Starting before' },
      { name: 'cursor', required: false },
      { name: 'limit', required: false, description: '1–100, default 20' },
    ].map((q) => ApiQuery(q)),
  );

@ApiTags('meetings')
@Controller()
export class MeetingsController {
  constructor(
    private readonly service: MeetingsService,
    private readonly registrations: RegistrationsService,
  ) {}

  @Get('components/:componentId/meetings')
  @ApiOperation({
    summary:
      "A meetings component's meetings the caller may see: upcoming soonest first, past latest first",
  })
  @ListQueries()
  list(
    @CurrentCaller() caller: Caller,
    @Param('componentId') componentId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<MeetingListView> {
    return this.service.list(caller, componentId, listQuery(query));
  }

  @Get('directory')
  @ApiOperation({
    summary:
      "The organization's published meetings in spaces open to all, filtered by date, type, space and area",
  })
  @ListQueries()
  @ApiQuery({ name: 'spaceId', required: false })
  @ApiQuery({ name: 'area', required: false })
  directory(
    @CurrentCaller() caller: Caller,
    @Query() query: Record<string, unknown>,
  ): Promise<MeetingListView> {
    const q = listQuery(query, ['spaceId', 'area']);
    return this.service.directory(caller, {
      ...q,
      spaceId: q.spaceId as string | undefined,
      area: (q.area as string | undefined)?.trim() || undefined,
    });
  }

  @Post('components/:componentId/meetings')
  @ApiOperation({
    summary:
      'Create a meeting as a draft (space administrators; participants where the phase lets them)',
  })
  async create(
    @CurrentCaller() caller: Caller,
    @Param('componentId') componentId: string,
    @Body() body: CreateMeetingDto,
  ): Promise<MeetingView> {
    const { m, c } = await this.service.create(caller, componentId, body);
    return this.service.view(caller, m, c);
  }

  @Get('meetings/:id')
  @ApiOperation({
    summary:
      'One meeting: its agenda, place, online link when the caller may see it, seats, minutes, and the caller’s registration',
  })
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<MeetingView> {
    const { m, c } = await this.service.visible(caller, id);
    return this.service.view(caller, m, c);
  }

  @Patch('meetings/:id')
  @ApiOperation({
    summary:
      'Edit a meeting (its organizers); a published meeting’s registrants are told what changed',
  })
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: UpdateMeetingDto,
  ): Promise<MeetingView> {
    const { row, relied } = await this.service.update(caller, id, body);
    // More seats, or the waiting list switched off: the people waiting get what there is now.
    if (relied.includes('registrations')) await this.registrations.settle(caller, row);
    if (relied.length)
      await this.registrations.tellRegistrants(caller, row, { kind: 'changed', changed: relied });
    return this.get(caller, id);
  }

  @Delete('meetings/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft (its organizers)' })
  async remove(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.service.remove(caller, id);
  }

  @Post('meetings/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft (its organizers)' })
  async publish(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<MeetingView> {
    await this.service.publish(caller, id);
    return this.get(caller, id);
  }

  @Post('meetings/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Call off a published meeting; its registrations end (its organizers)' })
  async cancel(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: CancelMeetingDto,
  ): Promise<MeetingView> {
    const row = await this.service.cancel(caller, id, 'cancelled', body);
    await this.registrations.tellRegistrants(caller, row, { kind: 'cancelled' });
    return this.get(caller, id);
  }

  @Post('meetings/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a published meeting; its registrations end (its organizers)' })
  async withdraw(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: CancelMeetingDto,
  ): Promise<MeetingView> {
    const row = await this.service.cancel(caller, id, 'withdrawn', body);
    await this.registrations.tellRegistrants(caller, row, { kind: 'withdrawn' });
    return this.get(caller, id);
  }

  @Post('meetings/:id/minutes')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Close a meeting that took place with its minutes, linked proposals and photos (again: edit them)',
  })
  async close(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: MinutesDto,
  ): Promise<MeetingView> {
    await this.service.close(caller, id, body);
    return this.get(caller, id);
  }
}
