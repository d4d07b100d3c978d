import type { HttpRoute } from '@b3/kit';
import type { FileStorage } from '../adapters/file-storage';
import { FILES_PREFIX, type DocFile } from '../domain/doc-file';
import { HttpErrors } from '../errors';
import type { DocFileService } from '../services/doc-file.service';
import { replyRefusal } from './http-reply';

/** `attachment` always, with an ASCII fallback name and the exact one per RFC 6266 / 5987. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

const contentType = (file: DocFile): string => (file.mimeType.startsWith('text/') || file.mimeType === 'application/json' ? `${file.mimeType}; charset=utf-8` : file.mimeType);

/**
 * `GET /docs/files/<id>`: the stored bytes as an attachment, with the stored type (never sniffed by the
 * browser) and checksum. Public files for anyone, private ones for signed-in viewers (401 otherwise); an
 * unknown id, or an upload not attached yet that is not the viewer's, is 404. Each 200 counts a download;
 * a 304 (If-None-Match with the checksum) and HEAD do not.
 */
export function createDownloadRoute(deps: { files: DocFileService; storage: FileStorage }): HttpRoute {
  const { files, storage } = deps;
  return {
    method: 'GET',
    path: FILES_PREFIX,
    prefix: true,
    handler: async (req, res, ctx) => {
      let id: string;
      try {
        id = decodeURIComponent((req.url ?? '').split('?')[0].slice(FILES_PREFIX.length));
      } catch {
        return replyRefusal(req, res, HttpErrors.fileNotFound(), ctx.requestId);
      }
      const decision = await files.authorize(ctx.viewer, id);
      if (!decision.ok) {
        return replyRefusal(req, res, decision.reason === 'UNAUTHENTICATED' ? HttpErrors.unauthenticated('download private files') : HttpErrors.fileNotFound(), ctx.requestId);
      }
      const etag = `"${decision.file.sha256}"`;
      const cache = decision.file.public && decision.file.attachedAt ? 'public, max-age=300' : 'private, no-store';
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag, 'cache-control': cache }).end();
        return;
      }
      const size = await storage.sizeOf(decision.file.id);
      if (size === null) {
        ctx.logger.error({ file: decision.file.id }, 'file content missing on disk');
        return replyRefusal(req, res, HttpErrors.fileNotFound(), ctx.requestId);
      }
      const file = req.method === 'HEAD' ? decision.file : ((await files.countDownload(decision.file.id)) ?? decision.file);
      res.writeHead(200, {
        'content-type': contentType(file),
        'content-length': String(size),
        'content-disposition': contentDisposition(file.originalName),
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'x-checksum-sha256': file.sha256,
        etag,
        'cache-control': cache,
        'accept-ranges': 'none',
      });
      if (req.method === 'HEAD') return void res.end();
      const stream = storage.open(file.id);
      stream.on('error', (err) => {
        ctx.logger.error({ err, file: file.id }, 'file read failed mid-download');
        res.destroy();
      });
      stream.pipe(res);
    },
  };
}
