import { Prisma } from '@b3/prisma';
import type { IdeaFilter, IdeaOrder } from '../domain/idea-filter';
import type { IdeaCursor } from './idea.store';

/**
 * The raw SQL behind listing, counting and statistics. Raw because the full-text column (a generated
 * tsvector) and row-value keyset comparisons are beyond Prisma's query builder. Every value is a bound
 * parameter; column names and sort directions come only from the constant tables below.
 */

/** Timestamps go over as ISO text with its Z and are cast, so no driver or session time zone can shift them. */
const ts = (d: Date): Prisma.Sql => Prisma.sql`${d.toISOString()}::timestamptz`;

/** `%`, `_` and the escape itself are literal in an ILIKE fallback pattern. */
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/** The conditions of a filter on the `ideas` table, to be AND-ed. */
export function filterConditions(f: IdeaFilter): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (f.statuses) parts.push(Prisma.sql`ideas.status IN (${Prisma.join(f.statuses.map((s) => Prisma.sql`${s}::idea_status`))})`);
  if (f.priorities) parts.push(Prisma.sql`ideas.priority IN (${Prisma.join(f.priorities.map((p) => Prisma.sql`${p}::idea_priority`))})`);
  if (f.categoryId) parts.push(Prisma.sql`ideas.category_id = ${f.categoryId}::uuid`);
  if (f.tag) parts.push(Prisma.sql`ideas.tags @> ARRAY[${f.tag}::text]`);
  if (f.ticker) parts.push(Prisma.sql`ideas.ticker = ${f.ticker}`);
  if (f.authorId) parts.push(Prisma.sql`ideas.author_id = ${f.authorId}`);
  if (f.createdFrom) parts.push(Prisma.sql`ideas.created_at >= ${ts(f.createdFrom)}`);
  if (f.createdTo) parts.push(Prisma.sql`ideas.created_at < ${ts(f.createdTo)}`);
  if (f.text) {
    // websearch_to_tsquery reads any input (quotes, OR, -word) without a syntax error. A query of stop
    // words only ("de", "a") has no lexemes and would match nothing: then a plain substring match.
    const query = Prisma.sql`websearch_to_tsquery('portuguese', ${f.text}::text)`;
    const like = likePattern(f.text);
    parts.push(Prisma.sql`(ideas.search @@ ${query} OR (numnode(${query}) = 0 AND (ideas.title ILIKE ${like} ESCAPE '\\' OR ideas.description ILIKE ${like} ESCAPE '\\')))`);
  }
  return parts;
}

export function whereClause(conditions: readonly Prisma.Sql[]): Prisma.Sql {
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
}

interface Keyset {
  readonly orderBy: Prisma.Sql;
  /** Rows strictly after the cursor in this order. */
  readonly after: (c: IdeaCursor) => Prisma.Sql;
}

const createdKey = (c: IdeaCursor) => Prisma.sql`(${ts(c.createdAt)}, ${c.id}::uuid)`;
const updatedKey = (c: IdeaCursor) => Prisma.sql`(${ts(c.updatedAt)}, ${c.id}::uuid)`;
const priorityKey = (c: IdeaCursor) => Prisma.sql`(${c.priority}::idea_priority, ${ts(c.createdAt)}, ${c.id}::uuid)`;

/**
 * Each order is total (the id breaks ties), so a row comparison on the same columns continues a list
 * exactly where the previous page stopped, whatever was inserted meanwhile.
 */
export const KEYSETS: Readonly<Record<IdeaOrder, Keyset>> = {
  CREATED_AT_DESC: { orderBy: Prisma.sql`ideas.created_at DESC, ideas.id DESC`, after: (c) => Prisma.sql`(ideas.created_at, ideas.id) < ${createdKey(c)}` },
  CREATED_AT_ASC: { orderBy: Prisma.sql`ideas.created_at ASC, ideas.id ASC`, after: (c) => Prisma.sql`(ideas.created_at, ideas.id) > ${createdKey(c)}` },
  UPDATED_AT_DESC: { orderBy: Prisma.sql`ideas.updated_at DESC, ideas.id DESC`, after: (c) => Prisma.sql`(ideas.updated_at, ideas.id) < ${updatedKey(c)}` },
  UPDATED_AT_ASC: { orderBy: Prisma.sql`ideas.updated_at ASC, ideas.id ASC`, after: (c) => Prisma.sql`(ideas.updated_at, ideas.id) > ${updatedKey(c)}` },
  PRIORITY_DESC: {
    orderBy: Prisma.sql`ideas.priority DESC, ideas.created_at DESC, ideas.id DESC`,
    after: (c) => Prisma.sql`(ideas.priority, ideas.created_at, ideas.id) < ${priorityKey(c)}`,
  },
  PRIORITY_ASC: {
    orderBy: Prisma.sql`ideas.priority ASC, ideas.created_at ASC, ideas.id ASC`,
    after: (c) => Prisma.sql`(ideas.priority, ideas.created_at, ideas.id) > ${priorityKey(c)}`,
  },
};

/** Every column of an idea, named as the domain names them (uuids and enums as text). */
export const IDEA_COLUMNS = Prisma.sql`ideas.id::text AS "id", ideas.title, ideas.description, ideas.category_id::text AS "categoryId",
  ideas.priority::text AS "priority", ideas.status::text AS "status", ideas.tags, ideas.ticker, ideas.signal_id::text AS "signalId",
  ideas.author_id AS "authorId", ideas.created_at AS "createdAt", ideas.updated_at AS "updatedAt", ideas.version`;

/** Monday of the UTC week, as YYYY-MM-DD text (text, so no driver turns it into a local-time Date). */
export const weekOf = (column: Prisma.Sql): Prisma.Sql => Prisma.sql`to_char(date_trunc('week', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;

export { ts as timestampParam };
