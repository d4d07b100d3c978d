import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { DocsContext } from '../context';
import type { SystemId } from '../domain/system';
import type { SystemStatusChange } from '../services/system-events';
import { DocFileType, toDocFileType } from './doc-file.type';
import { RegisterSystemInput, SystemFilterInput, UpdateSystemInput } from './system.inputs';
import { SystemCheckType, SystemStatusChangeType, SystemStatusEnum, SystemType, toSystemCheckType, toSystemType } from './system.type';

/** Thin: arguments in, one service call, GraphQL types out. Roles come from @Authorized and the service. */
@Resolver(() => SystemType)
export class SystemResolver {
  @Query(() => [SystemType], { description: "The platform's own services, then registered systems, each by name; with their latest health" })
  async systems(@Ctx() ctx: DocsContext, @Arg('filter', () => SystemFilterInput, { nullable: true }) filter: SystemFilterInput | null): Promise<SystemType[]> {
    const systems = await ctx.registry.list({ type: filter?.type ?? undefined, status: filter?.status ?? undefined, tag: filter?.tag?.trim().toLowerCase() || undefined });
    return systems.map(toSystemType);
  }

  @Query(() => SystemType, { nullable: true })
  async system(@Arg('id', () => ID) id: string, @Ctx() ctx: DocsContext): Promise<SystemType | null> {
    const found = await ctx.loaders.system.load(id as SystemId);
    return found ? toSystemType(found) : null;
  }

  @FieldResolver(() => [SystemCheckType], { description: 'Recent checks, newest first' })
  async history(
    @Root() system: SystemType,
    @Ctx() ctx: DocsContext,
    @Arg('limit', () => Int, { defaultValue: 20, description: '1 to 100' }) limit: number,
  ): Promise<SystemCheckType[]> {
    return (await ctx.loaders.history.load({ id: system.record.id, limit })).map(toSystemCheckType);
  }

  @FieldResolver(() => [DocFileType], { description: 'Attached files; private ones only for signed-in viewers' })
  async files(@Root() system: SystemType, @Ctx() ctx: DocsContext): Promise<DocFileType[]> {
    const files = await ctx.loaders.filesBySystem.load(system.record.id);
    return files.filter((f) => f.public || ctx.viewer).map(toDocFileType);
  }

  @Authorized('admin')
  @Mutation(() => SystemType, { description: 'Adds a system to the registry (admin); CONFLICT when the name is taken' })
  async registerSystem(@Arg('input', () => RegisterSystemInput) input: RegisterSystemInput, @Ctx() ctx: DocsContext): Promise<SystemType> {
    return toSystemType(await ctx.registry.register(ctx.viewer, input));
  }

  @Authorized('admin')
  @Mutation(() => SystemType, { description: 'Changes a system (admin)' })
  async updateSystem(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateSystemInput) input: UpdateSystemInput, @Ctx() ctx: DocsContext): Promise<SystemType> {
    return toSystemType(await ctx.registry.update(ctx.viewer, id, input));
  }

  @Authorized('admin')
  @Mutation(() => Boolean, { description: "Removes a registered system with its history and files (admin); CONFLICT for the platform's own services" })
  deleteSystem(@Arg('id', () => ID) id: string, @Ctx() ctx: DocsContext): Promise<boolean> {
    return ctx.registry.remove(ctx.viewer, id);
  }

  @Subscription(() => SystemStatusChangeType, {
    description: "Each time a system's status differs from its previous check, optionally of one system (by name)",
    subscribe: ({ args, context }) => (context as DocsContext).events.statusChanges((args as { name?: string | null }).name ?? null),
  })
  systemStatusChanged(@Root() change: SystemStatusChange, @Arg('name', () => String, { nullable: true }) _name: string | null): SystemStatusChangeType {
    return Object.assign(new SystemStatusChangeType(), {
      system: toSystemType(change.system),
      previousStatus: change.previous as SystemStatusEnum,
      status: change.system.status as SystemStatusEnum,
      checkedAt: change.system.checkedAt ?? new Date(),
    });
  }
}
