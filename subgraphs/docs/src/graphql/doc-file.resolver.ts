import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Resolver, Root } from 'type-graphql';
import type { DocsContext } from '../context';
import { DocFileType, toDocFileType } from './doc-file.type';
import { DocIdeaType, toDocIdeaType } from './doc-idea.type';
import { SystemType, toSystemType } from './system.type';

@InputType('AttachDocFilesInput', { description: 'Uploads (POST /docs/uploads) to attach to one idea or one system' })
export class AttachDocFilesInput {
  @Field(() => [ID], { description: '1 to 20 ids from the upload answer' })
  fileIds!: string[];

  @Field(() => ID, { nullable: true })
  ideaId?: string | null;

  @Field(() => ID, { nullable: true })
  systemId?: string | null;
}

@Resolver(() => DocFileType)
export class DocFileResolver {
  @FieldResolver(() => DocIdeaType, { nullable: true })
  async idea(@Root() file: DocFileType, @Ctx() ctx: DocsContext): Promise<DocIdeaType | null> {
    const idea = file.record.ideaId ? await ctx.loaders.idea.load(file.record.ideaId) : null;
    return idea ? toDocIdeaType(idea) : null;
  }

  @FieldResolver(() => SystemType, { nullable: true })
  async system(@Root() file: DocFileType, @Ctx() ctx: DocsContext): Promise<SystemType | null> {
    const system = file.record.systemId ? await ctx.loaders.system.load(file.record.systemId) : null;
    return system ? toSystemType(system) : null;
  }

  @Authorized('trader')
  @Mutation(() => [DocFileType], { description: 'Attaches your uploads to an idea or a system (trader); unattached uploads are removed after a day' })
  async attachDocFiles(@Arg('input', () => AttachDocFilesInput) input: AttachDocFilesInput, @Ctx() ctx: DocsContext): Promise<DocFileType[]> {
    return (await ctx.files.attach(ctx.viewer, input)).map(toDocFileType);
  }

  @Authorized('viewer')
  @Mutation(() => Boolean, { description: 'Deletes a file (its uploader or an admin)' })
  deleteDocFile(@Arg('id', () => ID) id: string, @Ctx() ctx: DocsContext): Promise<boolean> {
    return ctx.files.remove(ctx.viewer, id);
  }
}
