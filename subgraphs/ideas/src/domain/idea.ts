/** An idea in the idea bank: a trader's thesis about one instrument. */
export type IdeaId = string & { readonly __brand: 'IdeaId' };

export interface Idea {
  id: IdeaId;
  title: string;
  body: string;
  symbol: string;
  tags: string[];
  authorId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewIdea {
  title: string;
  body: string;
  symbol: string;
  tags: string[];
}

export interface IdeaIssue {
  field: keyof NewIdea;
  message: string;
}

const SYMBOL = /^[A-Z0-9]{4,12}$/;
const TAG = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** Normalises an idea and lists every rule it breaks, so the client can fix all fields at once. */
export function checkNewIdea(input: NewIdea): { idea: NewIdea; issues: IdeaIssue[] } {
  const idea: NewIdea = {
    title: input.title.trim(),
    body: input.body.trim(),
    symbol: input.symbol.trim().toUpperCase(),
    tags: [...new Set(input.tags.map((t) => t.trim().toLowerCase()).filter(Boolean))],
  };
  const issues: IdeaIssue[] = [];
  if (idea.title.length < 3 || idea.title.length > 140) issues.push({ field: 'title', message: 'must be 3 to 140 characters' });
  if (idea.body.length > 10_000) issues.push({ field: 'body', message: 'must be at most 10000 characters' });
  if (!SYMBOL.test(idea.symbol)) issues.push({ field: 'symbol', message: 'must be a B3 ticker like PETR4 or WINZ26' });
  if (idea.tags.length > 10) issues.push({ field: 'tags', message: 'at most 10 tags' });
  if (idea.tags.some((t) => !TAG.test(t))) issues.push({ field: 'tags', message: 'tags are lower-case words or dashes, up to 32 characters' });
  return { idea, issues };
}
