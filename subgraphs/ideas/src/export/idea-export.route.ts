import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoute, HttpRouteContext } from '@b3/kit';
import type { Category } from '../domain/category';
import type { FieldIssue, Idea } from '../domain/idea';
import type { CategoryService } from '../services/category.service';
import type { IdeaService } from '../services/idea.service';
import { parseExportParams, type ExportFormat } from './export-params';
import { csvHeader, csvLine, exportRecord } from './idea-export';

export const EXPORT_PATH = '/ideas/export';

/** A kit route whose handler says when it is done (tests await it). */
export interface IdeaExportRoute extends HttpRoute {
  readonly handler: (req: IncomingMessage, res: ServerResponse, ctx: HttpRouteContext) => Promise<void>;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
};

function sendJson(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));
}

const badRequest = (res: ServerResponse, issues: readonly FieldIssue[], requestId: string): void =>
  sendJson(res, 400, { error: `Invalid input: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`, code: 'BAD_USER_INPUT', field: issues[0]?.field, fields: issues, requestId });

/** 20261127T130500Z: sortable, and safe in a file name on every system. */
const stamp = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

/** Resolves once the client can take more, or is gone. */
async function drained(res: ServerResponse): Promise<void> {
  if (res.destroyed) return;
  await Promise.race([once(res, 'drain'), once(res, 'close')]);
}

/**
 * `GET /ideas/export?format=csv|json&<filter>`: the ideas the filter matches, streamed page by page from
 * the store (a page in memory at a time, waiting whenever the client is slower than the database) as
 * RFC 4180 CSV or a JSON array. Signed-in callers only: anonymous is 401, a bad parameter 400, both JSON.
 */
export function createIdeaExportRoute(deps: { ideas: IdeaService; categories: CategoryService; clock?: () => Date; pageSize?: number }): IdeaExportRoute {
  const clock = deps.clock ?? (() => new Date());
  return {
    method: 'GET',
    path: EXPORT_PATH,
    async handler(req, res, ctx) {
      if (!ctx.viewer) {
        sendJson(res, 401, { error: 'Authentication required', code: 'UNAUTHENTICATED', requestId: ctx.requestId }, { 'www-authenticate': 'Bearer' });
        return;
      }
      const parsed = parseExportParams(new URL(req.url ?? '/', 'http://localhost').searchParams);
      if (!parsed.ok) return badRequest(res, parsed.issues, ctx.requestId);
      const { format, filter, orderBy, bom } = parsed.request;

      const categories = new Map<string, Category>((await deps.categories.list(true)).map((c) => [c.id, c]));
      const pages = deps.ideas.exportPages(filter, orderBy, deps.pageSize);
      // The first page is read before any header goes out, so a failing database is still a clean 500.
      const first = await pages.next();
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[format],
        'content-disposition': `attachment; filename="ideas-${stamp(clock())}.${format}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      const encode = (ideas: readonly Idea[], firstRow: boolean): string => {
        const records = ideas.map((idea) => exportRecord(idea, categories.get(idea.categoryId)));
        if (format === 'csv') return records.map(csvLine).join('');
        return records.map((r, i) => (firstRow && i === 0 ? '\n' : ',\n') + JSON.stringify(r)).join('');
      };
      let rows = 0;
      const write = async (chunk: string): Promise<void> => {
        if (chunk && !res.write(chunk)) await drained(res);
      };
      await write(format === 'csv' ? (bom ? '\uFEFF' : '') + csvHeader() : '[');
      try {
        for (let page = first; !page.done; ) {
          await write(encode(page.value, rows === 0));
          rows += page.value.length;
          if (res.destroyed) break;
          page = await pages.next();
        }
      } finally {
        // A client that went away mid-stream: stop reading the store.
        await pages.return(undefined);
      }
      if (res.destroyed) {
        ctx.logger.info({ rows, format, requestId: ctx.requestId }, 'idea export abandoned by the client');
        return;
      }
      res.end(format === 'json' ? (rows > 0 ? '\n]\n' : ']\n') : undefined);
      ctx.logger.info({ rows, format, viewer: ctx.viewer.id, requestId: ctx.requestId }, 'ideas exported');
    },
  };
}
