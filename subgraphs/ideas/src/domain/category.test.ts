import { checkCategory, slugify, type Category } from './category';
import type { CategoryId } from './idea';

const existing: Category = {
  id: '1dea0000-0000-4000-8000-000000000002' as CategoryId,
  name: 'Estratégia',
  slug: 'estrategia',
  color: '#2563EB',
  icon: 'target',
  order: 10,
  active: true,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  updatedBy: 'migration',
};

describe('slugify', () => {
  it.each([
    ['Análise Técnica', 'analise-tecnica'],
    ['  Risco & Compliance!! ', 'risco-compliance'],
    ['Ações — B3', 'acoes-b3'],
    ['***', ''],
  ])('%s → %s', (name, slug) => expect(slugify(name)).toBe(slug));

  it('never ends in a dash after cutting to 48 characters', () => {
    const slug = slugify(`${'a'.repeat(47)} b`);
    expect(slug.length).toBeLessThanOrEqual(48);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('checkCategory', () => {
  it('fills a new category from its name, with a grey and the next order', () => {
    expect(checkCategory({ name: ' Opções ' }, undefined, 50)).toEqual({
      fields: { name: 'Opções', slug: 'opcoes', color: '#64748B', icon: null, order: 50, active: true },
      issues: [],
    });
  });

  it('keeps what an update leaves out, and "" clears the icon', () => {
    expect(checkCategory({ color: '#abcdef', icon: '' }, existing).fields).toEqual({ name: 'Estratégia', slug: 'estrategia', color: '#ABCDEF', icon: null, order: 10, active: true });
  });

  it('names every bad field', () => {
    const { issues } = checkCategory({ name: '', slug: 'Not A Slug', color: 'blue', icon: 'x y', order: -1 });
    expect(issues.map((i) => i.field)).toEqual(['name', 'slug', 'color', 'icon', 'order']);
  });

  it('needs a name to create, but not to update', () => {
    expect(checkCategory({}).issues.map((i) => i.field)).toEqual(['name', 'slug']);
    expect(checkCategory({}, existing).issues).toEqual([]);
  });
});
