import { buildFederatedSchema } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import type { SignalsContext } from './context';
import type { SignalId } from './domain/signal';
import { SignalResolver } from './graphql/signal.resolver';
import { toSignalType } from './graphql/signal.type';

export function buildSignalsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<SignalsContext>({
    resolvers: [SignalResolver],
    references: {
      Signal: async (ref, ctx) => {
        const signal = await ctx.loaders.signal.load(String(ref.id) as SignalId);
        return signal ? toSignalType(signal) : null;
      },
    },
  });
}
