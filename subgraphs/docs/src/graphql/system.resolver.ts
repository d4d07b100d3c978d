import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { DocsContext } from '../context';
import { RegisterSystemInput } from './system.inputs';
import { SystemType, toSystemType } from './system.type';

@Resolver(() => SystemType)
export class SystemResolver {
  @Query(() => [SystemType], { description: "The platform's own services, then registered systems by name" })
  async systems(@Ctx() ctx: DocsContext): Promise<SystemType[]> {
    return (await ctx.registry.list()).map(toSystemType);
  }

  @Authorized('admin')
  @Mutation(() => SystemType, { description: 'Adds a system to the registry (admin role); DOCS_DUPLICATE_SYSTEM when the name is taken' })
  async registerSystem(@Arg('input') input: RegisterSystemInput, @Ctx() ctx: DocsContext): Promise<SystemType> {
    return toSystemType(await ctx.registry.register(input));
  }
}
