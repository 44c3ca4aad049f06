import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Roles, type InternalIdentity } from '@palabre/auth';
import type {
  AudienceCountView,
  NewsletterListView,
  NewsletterPreviewView,
  NewsletterTestView,
  NewsletterView,
} from '@palabre/contracts';
import { AudienceDto, NewsletterDto, SendDto } from './newsletter.dto';
import { NewslettersService } from './newsletters.service';

const lang = (v: unknown) => (v === 'fr' || v === 'en' ? v : undefined);

@ApiTags('newsletter')
@Controller()
@Roles('org-admin')
export class NewslettersController {
  constructor(private readonly service: NewslettersService) {}

  @Get('newsletters')
  @ApiOperation({ summary: "The organization's newsletters, latest first, with their history" })
  async list(@CurrentIdentity() identity: InternalIdentity): Promise<NewsletterListView> {
    return { items: await this.service.list(identity) };
  }

  @Post('newsletters')
  @ApiOperation({ summary: 'A new draft newsletter' })
  create(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: NewsletterDto,
  ): Promise<NewsletterView> {
    return this.service.create(identity, body);
  }

  @Post('audiences/count')
  @HttpCode(200)
  @ApiOperation({ summary: 'How many would receive a newsletter sent to this audience now' })
  async countAudience(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: AudienceDto,
  ): Promise<AudienceCountView> {
    return { recipients: await this.service.countAudience(identity, body) };
  }

  @Get('newsletters/:id')
  get(@CurrentIdentity() identity: InternalIdentity, @Param('id') id: string) {
    return this.service.get(identity, id);
  }

  @Put('newsletters/:id')
  @ApiOperation({ summary: 'Change a draft (409 once scheduled or sent)' })
  update(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id') id: string,
    @Body() body: NewsletterDto,
  ): Promise<NewsletterView> {
    return this.service.update(identity, id, body);
  }

  @Delete('newsletters/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft (409 once scheduled or sent)' })
  async remove(@CurrentIdentity() identity: InternalIdentity, @Param('id') id: string) {
    await this.service.remove(identity, id);
  }

  @Get('newsletters/:id/audience')
  @ApiOperation({ summary: 'How many would receive it if it were sent now' })
  async audience(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id') id: string,
  ): Promise<AudienceCountView> {
    return { recipients: await this.service.count(identity, id) };
  }

  @Get('newsletters/:id/preview')
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  @ApiOperation({ summary: 'The mail (subject, HTML, text) as a reader of that language gets it' })
  preview(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id') id: string,
    @Query('lang') l?: string,
  ): Promise<NewsletterPreviewView> {
    return this.service.preview(identity, id, lang(l));
  }

  @Post('newsletters/:id/test')
  @HttpCode(200)
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  @ApiOperation({ summary: 'Send it to my own address, subject marked as a test' })
  test(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id') id: string,
    @Query('lang') l?: string,
  ): Promise<NewsletterTestView> {
    return this.service.test(identity, id, lang(l));
  }

  @Post('newsletters/:id/send')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send now, or schedule with `at`',
    description:
      '409 NEWSLETTER_ALREADY_SENT unless a draft; 422 AUDIENCE_EMPTY when nobody of the audience consented.',
  })
  send(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id') id: string,
    @Body() body: SendDto,
  ): Promise<NewsletterView> {
    return this.service.send(identity, id, body.at);
  }

  @Post('newsletters/:id/stop')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A scheduled newsletter back to draft; one being sent stops where it is',
  })
  stop(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id') id: string,
  ): Promise<NewsletterView> {
    return this.service.stop(identity, id);
  }
}
