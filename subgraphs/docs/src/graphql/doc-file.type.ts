import { Field, ID, Int, ObjectType } from 'type-graphql';
import { downloadPathOf, type DocFile } from '../domain/doc-file';

@ObjectType('DocFile', { description: 'A file attached to a documentation idea or a system' })
export class DocFileType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The name it was uploaded with (metadata only)' })
  name!: string;

  @Field({ description: 'From the content, not the name: PDF, PNG, JPEG, GIF, WEBP, plain text, Markdown, CSV or JSON' })
  mimeType!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field({ description: 'Hex SHA-256 of the content' })
  sha256!: string;

  @Field({ description: 'Public: anyone may download it; private: signed-in viewers only' })
  public!: boolean;

  @Field(() => Int)
  downloads!: number;

  @Field()
  uploadedBy!: string;

  @Field()
  uploadedAt!: Date;

  @Field(() => Date, { nullable: true })
  attachedAt!: Date | null;

  @Field({ description: "GET it from the gateway's origin: /docs/files/<id>" })
  downloadPath!: string;

  /** Kept for the field resolvers; not in the schema. */
  record!: DocFile;
}

export function toDocFileType(file: DocFile): DocFileType {
  return Object.assign(new DocFileType(), { ...file, name: file.originalName, downloadPath: downloadPathOf(file.id), record: file });
}
