import type { KillSwitchState, RiskAuditRecord, RiskLimits } from '../domain/risk';

/**
 * What the risk and kill-switch services need from storage. The services own this interface;
 * prisma-risk.store.ts is the one implementation and the only code that touches the risk tables.
 */

export interface RiskLimitsChangeRecord {
  readonly account: string;
  /** Null when the account still had the defaults before this edit. */
  readonly before: RiskLimits | null;
  readonly after: RiskLimits;
  readonly changedBy: string;
  readonly reason: string;
  readonly at: Date;
}

export interface KillSwitchChange {
  readonly scope: string;
  readonly active: boolean;
  readonly reason: string;
  /** An admin's id, or the rule's name for an automatic activation. */
  readonly changedBy: string;
  readonly at: Date;
}

/** The stored state plus who changed it last; `reason`/`changedBy` are null while it was never touched. */
export interface StoredKillSwitch extends KillSwitchState {
  readonly scope: string;
  readonly changedBy: string | null;
}

/** The whole platform shares one switch: an admin stops everything at once (issue 6 item 4). */
export const GLOBAL_SCOPE = 'GLOBAL';

export interface RiskStore {
  /** The account's own limits, or null when it has none stored (the caller applies the defaults). */
  limits(account: string): Promise<RiskLimits | null>;
  /** Writes the new limits and the history row in one transaction, so no edit goes unrecorded. */
  setLimits(change: RiskLimitsChangeRecord): Promise<void>;
  /** Newest first. */
  limitsHistory(account: string): Promise<RiskLimitsChangeRecord[]>;
  /** Every decision, approved or refused; `orderId` is the id the order got or would have got. */
  recordDecision(record: RiskAuditRecord, orderId: string | null): Promise<void>;
  killSwitch(scope: string): Promise<StoredKillSwitch>;
  /** Writes the state and its event row in one transaction. */
  setKillSwitch(change: KillSwitchChange): Promise<StoredKillSwitch>;
  /** Newest first. */
  killSwitchEvents(scope: string): Promise<KillSwitchChange[]>;
}
