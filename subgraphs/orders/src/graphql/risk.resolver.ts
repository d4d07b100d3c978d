import { Arg, Authorized, Ctx, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { OrdersContext, RiskServices } from '../context';
import { RISK_LIMIT_FIELDS, type RiskLimitsInput as DomainLimitsInput } from '../domain/risk';
import type { RiskEvent } from '../services/risk.service';
import type { StoredKillSwitch } from '../store/risk.store';
import {
  KillSwitchType,
  RiskDecisionType,
  RiskLimitsChangeType,
  RiskLimitsInput,
  RiskLimitsType,
  RiskPreviewInput,
  RiskPreviewType,
  toKillSwitchType,
  toRiskDecisionType,
  toRiskLimitsChangeType,
  toRiskLimitsType,
} from './risk.types';

/** A missing risk side is a wiring mistake (app.ts always sets it), not something a client can cause. */
function riskOf(ctx: OrdersContext): RiskServices {
  if (!ctx.riskServices) throw new Error('The risk services are not configured in this context');
  return ctx.riskServices;
}

/** GraphQL sends null for a field set to null; the domain's "leave unchanged" is a missing field. */
function toDomainInput(input: RiskLimitsInput): DomainLimitsInput {
  const entries = RISK_LIMIT_FIELDS.flatMap((field) => (input[field] === null || input[field] === undefined ? [] : [[field, input[field]]]));
  return Object.fromEntries(entries) as DomainLimitsInput;
}

/** Thin like OrderResolver: roles from @Authorized, reason and limits checked by the services. */
@Resolver()
export class RiskResolver {
  @Authorized('viewer')
  @Query(() => KillSwitchType, { description: 'The kill switch as it is now' })
  async killSwitch(@Ctx() ctx: OrdersContext): Promise<KillSwitchType> {
    return toKillSwitchType(await riskOf(ctx).killSwitch.state());
  }

  @Authorized('admin')
  @Mutation(() => KillSwitchType, { description: 'Admin only: refuses every new order and cancels every working one. reason: 3–500 characters' })
  async activateKillSwitch(@Arg('reason') reason: string, @Ctx() ctx: OrdersContext): Promise<KillSwitchType> {
    return toKillSwitchType((await riskOf(ctx).killSwitch.activate(ctx.viewer!, reason)).state);
  }

  @Authorized('admin')
  @Mutation(() => KillSwitchType, { description: 'Admin only: lets orders through again (cancelled orders stay cancelled). reason: 3–500 characters' })
  async deactivateKillSwitch(@Arg('reason') reason: string, @Ctx() ctx: OrdersContext): Promise<KillSwitchType> {
    return toKillSwitchType(await riskOf(ctx).killSwitch.deactivate(ctx.viewer!, reason));
  }

  @Authorized('viewer')
  @Subscription(() => KillSwitchType, {
    // Same name as the query (the issue asks for both); the method needs another name within this class.
    name: 'killSwitch',
    description: 'The current state at once, then every change',
    subscribe: ({ context }) => {
      const ctx = context as OrdersContext;
      return riskOf(ctx).killSwitch.subscribe(ctx.viewer);
    },
  })
  killSwitchChanges(@Root() state: StoredKillSwitch): KillSwitchType {
    return toKillSwitchType(state);
  }

  @Authorized('viewer')
  @Query(() => RiskLimitsType, { description: "An account's limits: a trader sees their own, an admin any account's" })
  async riskLimits(@Arg('account', () => String, { nullable: true }) account: string | null, @Ctx() ctx: OrdersContext): Promise<RiskLimitsType> {
    return toRiskLimitsType(await riskOf(ctx).risk.riskLimits(ctx.viewer!, account ?? ctx.viewer!.id));
  }

  @Authorized('viewer')
  @Query(() => [RiskLimitsChangeType], { description: "Every edit of an account's limits, newest first" })
  async riskLimitsHistory(@Arg('account', () => String, { nullable: true }) account: string | null, @Ctx() ctx: OrdersContext): Promise<RiskLimitsChangeType[]> {
    return (await riskOf(ctx).risk.riskLimitsHistory(ctx.viewer!, account ?? ctx.viewer!.id)).map(toRiskLimitsChangeType);
  }

  @Authorized('viewer')
  @Query(() => RiskPreviewType, { description: 'Every pre-trade rule for an order you are considering, without placing it (own account; admin: any)' })
  async riskPreview(@Arg('input', () => RiskPreviewInput) input: RiskPreviewInput, @Ctx() ctx: OrdersContext): Promise<RiskPreviewType> {
    const preview = await riskOf(ctx).risk.preview(ctx.viewer!, input);
    return { approved: preview.approved, checks: preview.checks.map((c) => ({ rule: c.rule, passed: c.passed, limit: c.limit, actual: c.actual, message: c.message ?? null })) };
  }

  @Authorized('admin')
  @Mutation(() => RiskLimitsType, { description: "Admin only: changes an account's limits and records why; returns the limits now in force" })
  async setRiskLimits(
    @Arg('account') account: string,
    @Arg('input', () => RiskLimitsInput) input: RiskLimitsInput,
    @Arg('reason') reason: string,
    @Ctx() ctx: OrdersContext,
  ): Promise<RiskLimitsType> {
    return toRiskLimitsType(await riskOf(ctx).risk.setRiskLimits(ctx.viewer!, account, toDomainInput(input), reason));
  }

  @Authorized('viewer')
  @Subscription(() => RiskDecisionType, {
    description: "Every pre-trade decision on the caller's account (an admin's: every account)",
    subscribe: ({ context }) => {
      const ctx = context as OrdersContext;
      return riskOf(ctx).risk.riskEvents(ctx.viewer);
    },
  })
  riskEvents(@Root() event: RiskEvent): RiskDecisionType {
    return toRiskDecisionType(event);
  }
}
