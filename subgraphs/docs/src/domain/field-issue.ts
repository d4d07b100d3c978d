/** One broken rule of an input, named by its field (`tags[2]`, `fileIds[0]` for list items). */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** Trimmed text, or null when empty: optional text fields never store blanks. */
export function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
