import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from '../errors/domain-error';

const DECIMAL = /^-?\d{1,18}(\.\d{1,8})?$/;

/** Exact decimal as a string on the wire ("125005", "38.01"): prices and money never travel as floats. */
export function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw badInput(`Decimal must be a string like "38.01", got ${JSON.stringify(value)}`);
  }
  return value;
}

export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'Exact decimal number encoded as a string, e.g. "125005" or "38.01".',
  serialize: (value) => {
    if (typeof value === 'string' && DECIMAL.test(value)) return value;
    if (typeof value === 'bigint') return value.toString();
    if (value !== null && typeof value === 'object' && 'toFixed' in value && typeof value.toString === 'function') {
      return value.toString(); // Prisma.Decimal and similar exact types
    }
    throw new TypeError(`Decimal cannot represent ${typeof value}`);
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badInput('Decimal literals must be strings, e.g. "38.01"');
    return parseDecimal(ast.value);
  },
});
