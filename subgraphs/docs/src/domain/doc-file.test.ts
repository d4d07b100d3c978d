import { checkFileName, mayDownload, type DocFile, type DocFileId } from './doc-file';
import type { DocIdeaId } from './doc-idea';

const file = (over: Partial<DocFile> = {}): DocFile => ({
  id: '00000000-0000-4000-8000-000000000001' as DocFileId,
  originalName: 'a.pdf',
  mimeType: 'application/pdf',
  sizeBytes: 10,
  sha256: 'f'.repeat(64),
  public: false,
  downloads: 0,
  uploadedBy: 'u-1',
  uploadedAt: new Date(0),
  ideaId: '00000000-0000-4000-8000-000000000002' as DocIdeaId,
  systemId: null,
  attachedAt: new Date(1),
  ...over,
});

describe('checkFileName', () => {
  it('keeps a plain name, NFC and trimmed', () => {
    expect(checkFileName(' Relato\u0301rio 2026.pdf ')).toEqual({ name: 'Relatório 2026.pdf' });
  });

  it.each([['../../etc/passwd'], ['C:\\temp\\x.png'], ['..'], [''], ['a\u0000.png'], ['evil\u202egnp.exe'], ['x'.repeat(256)]])('refuses %j', (name) => {
    expect(checkFileName(name)).toHaveProperty('problem');
  });
});

describe('mayDownload', () => {
  const anyone = null;
  const viewer = { id: 'u-2', roles: ['viewer'] as const };
  it('lets anyone have a public file and only signed-in viewers a private one', () => {
    expect(mayDownload(file({ public: true }), anyone)).toEqual({ allowed: true });
    expect(mayDownload(file(), anyone)).toEqual({ allowed: false, reason: 'UNAUTHENTICATED' });
    expect(mayDownload(file(), viewer)).toEqual({ allowed: true });
  });

  it('shows an upload not attached yet only to its uploader and admins', () => {
    const pending = file({ attachedAt: null, ideaId: null, public: true });
    expect(mayDownload(pending, viewer)).toEqual({ allowed: false, reason: 'NOT_FOUND' });
    expect(mayDownload(pending, anyone)).toEqual({ allowed: false, reason: 'NOT_FOUND' });
    expect(mayDownload(pending, { id: 'u-1', roles: ['trader'] })).toEqual({ allowed: true });
    expect(mayDownload(pending, { id: 'boss', roles: ['admin'] })).toEqual({ allowed: true });
  });
});
