/** Generic codes owned by the kit; each subgraph declares its own `<SUBGRAPH>_*` codes in its errors.ts. */
export const GENERIC_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INTERNAL'] as const;
export type GenericCode = (typeof GENERIC_CODES)[number];
