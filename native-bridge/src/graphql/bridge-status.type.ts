import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import type { BridgeStatusSnapshot } from '../services/bridge-status.service';

@ObjectType('BridgeSubscription', { description: 'An instrument the bridge takes from the DLL' })
export class BridgeSubscriptionType {
  @Field()
  symbol!: string;

  @Field({ description: 'Single-letter exchange code: B (Bovespa), F (BMF)…' })
  exchange!: string;

  @Field({ description: 'Whether the price-depth book is taken as well as trades' })
  book!: boolean;
}

@ObjectType('BridgeStatus', { description: 'Connection state and flow of the ProfitDLL bridge' })
export class BridgeStatusType {
  @Field({ description: 'OK, DEGRADED (a channel down or reconnecting) or DOWN (login or activation refused)' })
  health!: string;

  @Field({ description: 'Login channel: PENDING, CONNECTED or FAILED' })
  login!: string;

  @Field({ description: 'PENDING, VALID or INVALID' })
  activation!: string;

  @Field({ description: 'Market-data channel: CONNECTED when trades flow, DEGRADED when the DLL reports back-pressure' })
  marketData!: string;

  @Field({ description: 'DISABLED for a market-data-only login, BROKER_CONNECTED when orders can be routed' })
  routing!: string;

  @Field({ description: 'SIMULATOR or the path of the real DLL' })
  library!: string;

  @Field({ description: 'shim (native ring) or direct (a JS callback per trade)' })
  tradePath!: string;

  @Field(() => Int)
  tradesReceived!: number;

  @Field(() => Int)
  tradesPublished!: number;

  @Field(() => Float, { description: 'Trades per second over the last second' })
  tradesPerSecond!: number;

  @Field(() => Int, { description: 'Trades waiting in the native ring' })
  queueDepth!: number;

  @Field(() => Int)
  ringCapacity!: number;

  @Field(() => Int, { description: 'Trades lost because the ring was full' })
  ringDropped!: number;

  @Field(() => Float, { description: "p99 of the time the DLL's thread spent in the shim's callback, µs" })
  callbackP99Micros!: number;

  @Field(() => Float, { description: 'p99 of DLL callback → drained, ms' })
  drainLatencyP99Ms!: number;

  @Field(() => Int, { description: 'Trades dropped as already delivered (replays after a reconnect)' })
  duplicatesDropped!: number;

  @Field(() => Int, { description: 'Times the session was logged in again because a channel stayed down' })
  reinitializations!: number;

  @Field(() => Int, { nullable: true, description: 'Milliseconds to the next re-login attempt, null when none is due' })
  nextReconnectInMs!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => [BridgeSubscriptionType])
  subscriptions!: BridgeSubscriptionType[];

  @Field({ description: 'UTC ISO-8601' })
  updatedAt!: string;
}

export function toBridgeStatus(snapshot: BridgeStatusSnapshot): BridgeStatusType {
  return Object.assign(new BridgeStatusType(), snapshot, {
    subscriptions: snapshot.subscriptions.map((s) => Object.assign(new BridgeSubscriptionType(), s)),
  });
}

@InputType('BridgeSymbolInput')
export class BridgeSymbolInput {
  @Field({ description: 'B3 ticker, e.g. PETR4, WINZ26' })
  symbol!: string;

  @Field({ description: 'Exchange letter: B for Bovespa equities, F for BMF futures' })
  exchange!: string;
}
