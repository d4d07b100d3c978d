import { Arg, Authorized, Ctx, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { OrdersContext } from '../context';
import type { PositionService, PositionView } from '../services/position.service';
import { AccountPnlType, PositionType, toAccountPnlType, toPositionType } from './position.types';

/** A missing position service is a wiring mistake (app.ts always sets it), not something a client can cause. */
export function positionsOf(ctx: OrdersContext): PositionService {
  if (!ctx.positions) throw new Error('The position service is not configured in this context');
  return ctx.positions;
}

/** Thin like RiskResolver: roles from @Authorized, whose account it is decided by the service. */
@Resolver()
export class PositionResolver {
  @Authorized('viewer')
  @Query(() => [PositionType], { description: "The caller's open positions and those traded today (an admin may name an account)" })
  async positions(@Arg('account', () => String, { nullable: true }) account: string | null, @Ctx() ctx: OrdersContext): Promise<PositionType[]> {
    return (await positionsOf(ctx).positionsFor(ctx.viewer, account)).map(toPositionType);
  }

  @Authorized('viewer')
  @Query(() => AccountPnlType, { description: "The caller's P&L today (an admin may name an account)" })
  async pnl(@Arg('account', () => String, { nullable: true }) account: string | null, @Ctx() ctx: OrdersContext): Promise<AccountPnlType> {
    return toAccountPnlType(await positionsOf(ctx).pnlFor(ctx.viewer, account));
  }

  @Authorized('viewer')
  @Subscription(() => PositionType, {
    // Same name as the query; the method needs another name within this class.
    name: 'positions',
    description: 'The current positions at once, then each change: new fills at once, new market prices at most once a second per position',
    subscribe: ({ args, context }) => {
      const ctx = context as OrdersContext;
      return positionsOf(ctx).positionUpdates(ctx.viewer, (args as { account?: string | null }).account);
    },
  })
  positionUpdates(@Arg('account', () => String, { nullable: true }) _account: string | null, @Root() view: PositionView): PositionType {
    return toPositionType(view);
  }
}
