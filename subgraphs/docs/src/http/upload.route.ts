import { hasRole, type HttpRoute } from '@b3/kit';
import type { FileStorage } from '../adapters/file-storage';
import { downloadPathOf, UNATTACHED_TTL_MS, UPLOADS_PATH, type DocFile } from '../domain/doc-file';
import { HttpErrors } from '../errors';
import type { DocFileService } from '../services/doc-file.service';
import { replyJson, replyRefusal } from './http-reply';
import { receiveUploads, type UploadLimits } from './upload-receiver';

/** What the upload answers for each stored file: enough to attach it and to show it. */
export function uploadedView(file: DocFile) {
  return {
    id: file.id,
    name: file.originalName,
    mimeType: file.mimeType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    public: file.public,
    downloadPath: downloadPathOf(file.id),
    /** Removed unless attached (mutation attachDocFiles) before then. */
    attachBefore: new Date(file.uploadedAt.getTime() + UNATTACHED_TTL_MS).toISOString(),
  };
}

function parsePublic(value: string | undefined): boolean | null {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' || v === '' ? false : null;
}

/**
 * `POST /docs/uploads` (multipart/form-data: up to five file parts of at most 10 MB each, and an optional
 * `public` field, default false), served on the docs subgraph and forwarded by the gateway from its origin.
 * Traders and admins only. Answers 201 `{ files: [...] }`; any refusal is a 4xx JSON error naming the
 * part at fault, and nothing is kept.
 */
export function createUploadRoute(deps: { files: DocFileService; storage: FileStorage; limits: UploadLimits }): HttpRoute {
  const { files, storage, limits } = deps;
  return {
    method: 'POST',
    path: UPLOADS_PATH,
    handler: async (req, res, ctx) => {
      const refuse = (refusal: Parameters<typeof replyRefusal>[2]): void => replyRefusal(req, res, refusal, ctx.requestId);
      if (!ctx.viewer) return refuse(HttpErrors.unauthenticated('upload files'));
      if (!hasRole(ctx.viewer, 'trader')) return refuse(HttpErrors.forbidden('upload files'));
      if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) return refuse(HttpErrors.notMultipart());
      if (Number(req.headers['content-length'] ?? 0) > limits.maxBodyBytes) return refuse(HttpErrors.bodyTooLarge(limits.maxBodyBytes));

      const received = await receiveUploads(req, limits, () => storage.newIncomingPath());
      if (!received.ok) {
        ctx.logger.info({ code: received.refusal.code, field: received.refusal.field }, 'upload refused');
        return refuse(received.refusal);
      }
      const isPublic = parsePublic(received.fields.public);
      if (isPublic === null) {
        await Promise.all(received.files.map((f) => storage.discard(f.incomingPath)));
        return refuse(HttpErrors.badField('public', 'must be true or false'));
      }
      const saved = await files.saveUploads(ctx.viewer, received.files, isPublic);
      ctx.logger.info({ files: saved.map((f) => ({ id: f.id, bytes: f.sizeBytes, type: f.mimeType })) }, 'files uploaded');
      replyJson(req, res, 201, { files: saved.map(uploadedView) });
    },
  };
}
