import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type {
  CodeCheckView,
  MeetingRegistrationListView,
  MeetingRegistrationView,
  RegistrationByTokenView,
  RegistrationResultView,
} from '@palabre/contracts';
import { csvLine } from '@palabre/service-kit';
import { CurrentCaller, type Caller } from '../components/component-access';
import { meetingException, MeetingError } from '../meetings.exception';
import { AttendanceDto, CodeDto, InviteDto, RegisterDto, TokenDto } from './registration.dto';
import { RegistrationsService } from './registrations.service';

@ApiTags('registrations')
@Controller()
export class RegistrationsController {
  constructor(private readonly service: RegistrationsService) {}

  @Post('meetings/:id/registrations')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Register: with an account at once; without one (name, email) pending until the mailed link is followed. Twice the same person: the same registration',
  })
  register(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: RegisterDto,
  ): Promise<RegistrationResultView> {
    return this.service.register(caller, id, body);
  }

  @Delete('meetings/:id/registrations/mine')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Cancel my registration (an account); a freed seat goes to the first person waiting',
  })
  async cancelMine(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.service.cancelMine(caller, id);
  }

  @Get('registrations/by-token')
  @ApiOperation({ summary: 'A registration without an account, by the token of its mailed link' })
  byToken(
    @CurrentCaller() caller: Caller,
    @Query('token') token: unknown,
  ): Promise<RegistrationByTokenView> {
    if (typeof token !== 'string')
      throw meetingException(MeetingError.RegistrationNotFound, 'No such registration');
    return this.service.lookup(caller, token);
  }

  @Post('registrations/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the address of a registration without an account' })
  confirm(
    @CurrentCaller() caller: Caller,
    @Body() body: TokenDto,
  ): Promise<RegistrationByTokenView> {
    return this.service.confirmByToken(caller, body.token);
  }

  @Post('registrations/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a registration without an account, by its mailed link' })
  cancel(
    @CurrentCaller() caller: Caller,
    @Body() body: TokenDto,
  ): Promise<RegistrationByTokenView> {
    return this.service.cancelByToken(caller, body.token);
  }

  @Get('meetings/:id/registrations')
  @ApiOperation({ summary: 'The registrations, seated first, then waiting in order (organizers)' })
  list(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
  ): Promise<MeetingRegistrationListView> {
    return this.service.list(caller, id);
  }

  @Get('meetings/:id/registrations.csv')
  @ApiOperation({ summary: 'The registrations as CSV (organizers)' })
  async csv(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const { m, lines } = await this.service.csv(caller, id);
    res
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="registrations-${m.id}.csv"`)
      .header('Cache-Control', 'private, no-store')
      .send(`\ufeff${lines.map(csvLine).join('')}`);
  }

  @Post('meetings/:id/registrations/check')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A code shown at the door: whose registration it is; marks them present (organizers)',
  })
  check(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: CodeDto,
  ): Promise<CodeCheckView> {
    return this.service.checkCode(caller, id, body.code);
  }

  @Post('meetings/:id/registrations/:registrationId/attendance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark someone present or not (organizers)' })
  attendance(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Param('registrationId') registrationId: string,
    @Body() body: AttendanceDto,
  ): Promise<MeetingRegistrationView> {
    return this.service.attendance(caller, id, registrationId, body.attended);
  }

  @Post('meetings/:id/invitations')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Register someone by name and email (organizers; the way into a private meeting); mailed their code',
  })
  invite(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: InviteDto,
  ): Promise<MeetingRegistrationView> {
    return this.service.invite(caller, id, body);
  }
}
