import { registerEnumType } from 'type-graphql';

/**
 * A GraphQL enum straight from a domain's `as const` list: a value added there appears in the schema without
 * a second list to keep in step, and resolvers pass domain values through unmapped.
 */
export function domainEnum<T extends string>(
  values: readonly T[],
  config: { name: string; description?: string; valuesConfig?: Partial<Record<T, { description?: string; deprecationReason?: string }>> },
): { [K in T]: K } {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
  registerEnumType(enumObject, config);
  return enumObject;
}
