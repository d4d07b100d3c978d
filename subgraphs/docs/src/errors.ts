import { DomainError, forbidden } from '@b3/kit';
import type { FieldIssue } from './domain/field-issue';

/** Every DOCS_* code and every way this subgraph says BAD_USER_INPUT, FORBIDDEN or CONFLICT, declared once. */
export const DocsErrors = {
  /** `fields` names every problem, so a client can mark all of them at once; `field` is the first. */
  invalid: (issues: readonly FieldIssue[]) =>
    new DomainError('BAD_USER_INPUT', `Invalid input: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`, { fields: issues, field: issues[0]?.field }),
  pageSizeOutOfRange: (max: number) => DocsErrors.invalid([{ field: 'first', message: `must be a whole number from 1 to ${max}` }]),
  invalidCursor: () => DocsErrors.invalid([{ field: 'after', message: 'must be an endCursor this API returned' }]),
  duplicateSystem: (name: string) => new DomainError('CONFLICT', `A system named ${name} is already registered`, { field: 'name', name }),
  builtInSystem: (name: string) => new DomainError('CONFLICT', `${name} is one of the platform's own services and cannot be deleted`, { name }),
  systemNotFound: (id: string) => new DomainError('DOCS_SYSTEM_NOT_FOUND', `No system ${id}`, { id }),
  ideaNotFound: (id: string) => new DomainError('DOCS_IDEA_NOT_FOUND', `No documentation idea ${id}`, { id }),
  fileNotFound: (id: string) => new DomainError('DOCS_FILE_NOT_FOUND', `No file ${id}`, { id }),
  fileAttached: (field: string, id: string) => new DomainError('CONFLICT', `File ${id} is attached already`, { field, id }),
  notYourFile: (id: string) => forbidden(`Only the uploader or an admin may change file ${id}`),
  role: (role: string, what: string) => forbidden(`Only a ${role} may ${what}`),
} as const;

/** An upload or download refused before anything is stored: the HTTP status and the body's code. */
export interface HttpRefusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** The part of the request at fault: `files[1]`, `public`, … */
  readonly field?: string;
}

const refusal = (status: number, code: string, message: string, field?: string): HttpRefusal => ({ status, code, message, ...(field ? { field } : {}) });

/** Every answer of `POST /docs/uploads` and `GET /docs/files/<id>` other than success, declared once. */
export const HttpErrors = {
  unauthenticated: (what: string) => refusal(401, 'UNAUTHENTICATED', `Sign in to ${what}`),
  forbidden: (what: string) => refusal(403, 'FORBIDDEN', `Only a trader or an admin may ${what}`),
  notMultipart: () => refusal(415, 'DOCS_NOT_MULTIPART', 'Send the files as multipart/form-data'),
  bodyTooLarge: (max: number) => refusal(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds the limit of ${max} bytes`),
  tooManyFiles: (max: number) => refusal(413, 'DOCS_TOO_MANY_FILES', `At most ${max} files per request`, 'files'),
  fileTooLarge: (field: string, name: string, max: number) => refusal(413, 'DOCS_FILE_TOO_LARGE', `${name} is larger than ${max} bytes`, field),
  emptyFile: (field: string, name: string) => refusal(400, 'DOCS_EMPTY_FILE', `${name} is empty`, field),
  unsupportedType: (field: string, name: string, problem: string) => refusal(415, 'DOCS_UNSUPPORTED_FILE_TYPE', `${name} ${problem}`, field),
  badFileName: (field: string, problem: string) => refusal(400, 'BAD_USER_INPUT', `The file ${problem}`, field),
  badField: (field: string, message: string) => refusal(400, 'BAD_USER_INPUT', `${field} ${message}`, field),
  noFiles: () => refusal(400, 'BAD_USER_INPUT', 'No file in the request: send one to five file parts', 'files'),
  malformed: () => refusal(400, 'DOCS_MALFORMED_UPLOAD', 'The multipart body could not be read'),
  fileNotFound: () => refusal(404, 'DOCS_FILE_NOT_FOUND', 'No such file'),
} as const;
