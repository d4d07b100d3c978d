import { forbidden, hasRole, unauthenticated } from '@b3/kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { B3ImportProgress } from '../domain/b3/import-job';
import type { B3ImportFormat, B3ImportKind } from '../domain/b3/import-kinds';
import type { B3ResolverContext } from './b3.context';
import { B3ImportFormatEnum, B3ImportJobType, B3ImportKindEnum, B3ImportProgressType, toImportJobType, toImportProgressType } from './b3.types';

/** Subscriptions start their stream before any field resolves, so the role is checked here as well. */
function requireAdmin(ctx: B3ResolverContext): void {
  if (!ctx.viewer) throw unauthenticated();
  if (!hasRole(ctx.viewer, 'admin')) throw forbidden('Requires role admin');
}

@Resolver()
export class B3ImportResolver {
  @Authorized('admin')
  @Mutation(() => B3ImportJobType, {
    description:
      'Checks every row of a B3 data file, then imports it in the background (follow b3ImportProgress). An invalid file is refused with BAD_USER_INPUT listing `row N, field F: reason` and nothing is stored. Re-importing a file changes nothing.',
  })
  importB3Data(
    @Arg('kind', () => B3ImportKindEnum) kind: B3ImportKind,
    @Arg('format', () => B3ImportFormatEnum) format: B3ImportFormat,
    @Arg('content', { description: 'The whole file: CSV with a header row, or a JSON array of objects' }) content: string,
    @Ctx() ctx: B3ResolverContext,
  ): B3ImportJobType {
    return toImportJobType(ctx.b3Import.start(kind, format, content));
  }

  @Authorized('admin')
  @Mutation(() => ID, {
    description: "Starts an upload for a file larger than the gateway's request limit: send it with appendB3UploadPart, then commitB3Upload. Idle uploads expire after 10 minutes.",
  })
  beginB3Upload(
    @Arg('kind', () => B3ImportKindEnum) kind: B3ImportKind,
    @Arg('format', () => B3ImportFormatEnum) format: B3ImportFormat,
    @Ctx() ctx: B3ResolverContext,
  ): string {
    return ctx.b3Upload.begin(kind, format);
  }

  @Authorized('admin')
  @Mutation(() => Int, { description: 'Adds the next part of the file (parts are joined in order, as text); returns the characters received so far' })
  appendB3UploadPart(@Arg('uploadId', () => ID) uploadId: string, @Arg('content') content: string, @Ctx() ctx: B3ResolverContext): number {
    return ctx.b3Upload.append(uploadId, content);
  }

  @Authorized('admin')
  @Mutation(() => B3ImportJobType, { description: 'Imports the uploaded file exactly as importB3Data would (checked as a whole, refused as a whole)' })
  commitB3Upload(@Arg('uploadId', () => ID) uploadId: string, @Ctx() ctx: B3ResolverContext): B3ImportJobType {
    return toImportJobType(ctx.b3Upload.commit(uploadId));
  }

  @Authorized('admin')
  @Query(() => B3ImportJobType, { nullable: true, description: 'A running or recently finished import' })
  b3ImportJob(@Arg('id', () => ID) id: string, @Ctx() ctx: B3ResolverContext): B3ImportJobType | null {
    const job = ctx.b3Import.job(id);
    return job ? toImportJobType(job) : null;
  }

  @Authorized('admin')
  @Subscription(() => B3ImportProgressType, {
    description: "The job's progress now, then after every chunk, without loss; the stream ends after DONE or FAILED",
    subscribe: ({ args, context }) => {
      const ctx = context as B3ResolverContext;
      requireAdmin(ctx);
      return ctx.b3Import.stream((args as { jobId: string }).jobId);
    },
  })
  b3ImportProgress(@Root() progress: B3ImportProgress, @Arg('jobId', () => ID) _jobId: string): B3ImportProgressType {
    return toImportProgressType(progress);
  }
}
