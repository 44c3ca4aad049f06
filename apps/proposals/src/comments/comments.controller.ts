import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentCaller, type Caller } from '../components/component-access';
import { UuidParam, cacheByCaller } from '../params';
import { CreateCommentDto, UpdateCommentDto } from './comment.dto';
import { CommentsService } from './comments.service';

@ApiTags('comments')
@Controller()
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get('proposals/:id/comments')
  @ApiOperation({ summary: 'Comments of a proposal, top-level with their replies' })
  list(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    cacheByCaller(res, caller.identity);
    return this.comments.list(caller, id);
  }

  @Post('proposals/:id/comments')
  @ApiOperation({
    summary: 'Comment on a proposal (or reply to a top-level comment), with a stance',
  })
  create(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: CreateCommentDto,
  ) {
    return this.comments.create(caller, id, body);
  }

  @Patch('comments/:id')
  @ApiOperation({ summary: 'Edit one’s comment (the previous text is kept in its history)' })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: UpdateCommentDto,
  ) {
    return this.comments.update(caller, id, body);
  }

  @Get('comments/:id/versions')
  @ApiOperation({ summary: 'A comment’s versions, oldest first, the current one last' })
  versions(@CurrentCaller() caller: Caller, @UuidParam('id') id: string) {
    return this.comments.versions(caller, id);
  }

  @Delete('comments/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one’s comment (its text and history go)' })
  async remove(@CurrentCaller() caller: Caller, @UuidParam('id') id: string) {
    await this.comments.remove(caller, id);
  }
}
