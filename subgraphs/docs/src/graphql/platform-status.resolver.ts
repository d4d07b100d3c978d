import { Ctx, Query, Resolver } from 'type-graphql';
import type { DocsContext } from '../context';
import { PlatformStatusType, toPlatformStatusType } from './platform-status.type';

@Resolver(() => PlatformStatusType)
export class PlatformStatusResolver {
  @Query(() => PlatformStatusType, { description: 'Health of every platform service, from the launcher when it runs, else by probing' })
  async platformStatus(@Ctx() ctx: DocsContext): Promise<PlatformStatusType> {
    return toPlatformStatusType(await ctx.platformStatus.status());
  }
}
