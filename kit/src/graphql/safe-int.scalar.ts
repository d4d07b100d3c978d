import { GraphQLSafeInt } from 'graphql-scalars';

/** Counts that outgrow GraphQL's 32-bit Int (a day's traded volume, row totals): integers up to 2^53 − 1. */
export const SafeIntScalar = GraphQLSafeInt;
