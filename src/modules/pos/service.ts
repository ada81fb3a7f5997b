import type { Context } from "@medusajs/framework/types"
import {
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { PosApproval } from "./models/approval"
import { PosAuditLog } from "./models/audit-log"
import { PosCashMovement } from "./models/cash-movement"
import { PosInventoryDiscrepancy } from "./models/inventory-discrepancy"
import { PosOfflineSale } from "./models/offline-sale"
import { PosRefund } from "./models/refund"
import { PosReturn } from "./models/return"
import { PosSetting } from "./models/setting"
import { PosStoreTask } from "./models/store-task"
import { PosStockCount, PosStockCountLine } from "./models/stock-count"
import { PosVariantCost } from "./models/variant-cost"
import { PosInventorySnapshot } from "./models/inventory-snapshot"
import { PosCustomerConsent } from "./models/customer-consent"
import { PosCustomerNote } from "./models/customer-note"
import { PosProductView } from "./models/product-view"
import { PosRoutingDecision } from "./models/routing-decision"
import { PosSale } from "./models/sale"
import { PosTender } from "./models/tender"
import { PosRegister } from "./models/register"
import { PosShift } from "./models/shift"
import { PosStaff } from "./models/staff"
import { PosStaffMembership } from "./models/staff-membership"
import { StaffRole } from "./models/staff-membership"
import { PosStore } from "./models/store"
import type { RuleSet } from "../../lib/routing"
import { resolvePosSettings, type PosModuleOptions, type PosSettings } from "./options"

const ROUTING_RULE_SET_KEY = "routing.rule_set"
import { APPROVAL_TTL_SECONDS } from "./utils/manager-actions"
import {
  nextPinAttemptState,
  pinLockedUntil,
  verifyPin,
  type PinLockPolicy,
} from "./utils/pin"

export type PinApprovalResult =
  | { status: "approved"; approval: { id: string; action: string; store_id: string; approved_by: string; expires_at: Date } }
  | { status: "wrong_pin"; attempts_left: number }
  | { status: "locked"; locked_until: Date }

type PinRefusal = { status: "wrong_pin"; attempts_left: number } | { status: "locked"; locked_until: Date }
export type PinSwitchResult = { status: "switched"; staff_id: string } | PinRefusal
type PinCheckResult = { status: "matched"; staff_id: string } | PinRefusal

type ConsumeApprovalInput = {
  id: string
  store_id: string
  requested_by: string
  action: string
}

class PosModuleService extends MedusaService({
  PosStore,
  PosRegister,
  PosStaff,
  PosStaffMembership,
  PosApproval,
  PosAuditLog,
  PosShift,
  PosCashMovement,
  PosSale,
  PosTender,
  PosInventoryDiscrepancy,
  PosOfflineSale,
  PosRefund,
  PosRoutingDecision,
  PosReturn,
  PosStoreTask,
  PosSetting,
  PosStockCount,
  PosStockCountLine,
  PosVariantCost,
  PosInventorySnapshot,
  PosCustomerConsent,
  PosCustomerNote,
  PosProductView,
}) {
  readonly settings: PosSettings

  constructor(container: Record<string, unknown>, options?: PosModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.settings = resolvePosSettings(options)
  }

  /** The routing rule set in force: the one saved through the admin API, else the plugin option's. */
  async routingRuleSet(): Promise<RuleSet> {
    const [saved] = await this.listPosSettings({ key: ROUTING_RULE_SET_KEY })
    return saved ? (saved.value as unknown as RuleSet) : this.settings.routing
  }

  /** Saves the routing rule set (it replaces the plugin option's until cleared with null). */
  async saveRoutingRuleSet(ruleSet: RuleSet | null, updatedBy: string): Promise<RuleSet> {
    const [saved] = await this.listPosSettings({ key: ROUTING_RULE_SET_KEY })
    if (!ruleSet) {
      if (saved) {
        await this.deletePosSettings(saved.id)
      }
      return this.settings.routing
    }
    const value = ruleSet as unknown as Record<string, unknown>
    if (saved) {
      await this.updatePosSettings({ id: saved.id, value, updated_by: updatedBy })
    } else {
      await this.createPosSettings({ key: ROUTING_RULE_SET_KEY, value, updated_by: updatedBy })
    }
    return ruleSet
  }

  /**
   * Marks an approval used, if it is still valid for exactly this store,
   * requester and action. One conditional UPDATE, so two requests racing with
   * the same approval cannot both succeed. Returns whom it was approved by.
   */
  /**
   * Sets (amount) or removes (null) unit costs in one transaction: all of
   * them or none. Answers what each variant had before, for a workflow's
   * compensation.
   */
  @InjectTransactionManager()
  async setVariantCosts(
    input: { currency_code: string; costs: { variant_id: string; amount: number | string | null }[]; updated_by: string | null },
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<{ set: number; removed: number; previous: { variant_id: string; amount: string | null }[] }> {
    const ids = input.costs.map((c) => c.variant_id)
    const existing = (await this.listPosVariantCosts({ variant_id: ids, currency_code: input.currency_code }, { take: null }, sharedContext)) as any[]
    const byVariant = new Map(existing.map((row) => [row.variant_id as string, row]))
    const previous = input.costs.map((c) => ({ variant_id: c.variant_id, amount: byVariant.has(c.variant_id) ? String(byVariant.get(c.variant_id).amount) : null }))
    const updates = input.costs.filter((c) => c.amount !== null && byVariant.has(c.variant_id))
    const creates = input.costs.filter((c) => c.amount !== null && !byVariant.has(c.variant_id))
    const removals = input.costs.filter((c) => c.amount === null && byVariant.has(c.variant_id)).map((c) => byVariant.get(c.variant_id).id as string)
    if (updates.length) {
      await this.updatePosVariantCosts(
        updates.map((c) => ({ id: byVariant.get(c.variant_id).id, amount: c.amount as number, updated_by: input.updated_by })),
        sharedContext
      )
    }
    if (creates.length) {
      await this.createPosVariantCosts(
        creates.map((c) => ({ variant_id: c.variant_id, currency_code: input.currency_code, amount: c.amount as number, updated_by: input.updated_by })),
        sharedContext
      )
    }
    if (removals.length) {
      await this.deletePosVariantCosts(removals, sharedContext)
    }
    return { set: updates.length + creates.length, removed: removals.length, previous }
  }

  @InjectTransactionManager()
  async consumeApproval(
    input: ConsumeApprovalInput,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<{ approved_by: string } | null> {
    const manager = sharedContext.transactionManager!
    const rows: { approved_by: string }[] = await manager.getConnection().execute(
      `update pos_approval set used_at = now(), updated_at = now()
        where id = ? and store_id = ? and requested_by = ? and action = ?
          and used_at is null and expires_at > now() and deleted_at is null
        returning approved_by`,
      [input.id, input.store_id, input.requested_by, input.action]
    )
    return rows[0] ?? null
  }

  /**
   * Gives a consumed approval back (a workflow that used it failed and was taken back): usable
   * again until it expires, by the same staff member for the same action.
   */
  @InjectTransactionManager()
  async releaseApproval(id: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}): Promise<void> {
    await sharedContext.transactionManager!.getConnection().execute(
      `update pos_approval set used_at = null, updated_at = now() where id = ? and used_at is not null and deleted_at is null`,
      [id]
    )
  }

  /**
   * Counts one public check-in attempt on a pickup task in one conditional
   * UPDATE: a slot is taken only while fewer than `max` are, so parallel
   * requests cannot take more (each waits for the row and re-reads it).
   * Returns the new count, or null when the limit was reached. `by: -1` gives
   * a slot back (a right code), never below 0.
   */
  @InjectTransactionManager()
  async incrementFailedCheckIns(
    taskId: string,
    limit: { max: number; by?: 1 } | { by: -1 },
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<number | null> {
    const manager = sharedContext.transactionManager!
    const rows: { failed_check_ins: number }[] =
      limit.by === -1
        ? await manager.getConnection().execute(
            `update pos_store_task set failed_check_ins = greatest(failed_check_ins - 1, 0), updated_at = now()
              where id = ? and deleted_at is null
              returning failed_check_ins`,
            [taskId]
          )
        : await manager.getConnection().execute(
            `update pos_store_task set failed_check_ins = failed_check_ins + 1, updated_at = now()
              where id = ? and deleted_at is null and failed_check_ins < ?
              returning failed_check_ins`,
            [taskId, limit.max]
          )
    return rows[0]?.failed_check_ins ?? null
  }

  /**
   * A manager's PIN approves one action requested by one staff member at one
   * store. Wrong PINs count against the requester's membership at that store;
   * at the policy's maximum, PIN entry is locked for them for a while.
   */
  async approveWithPin(
    input: { store_id: string; requested_by: string; pin: string; action: string },
    policy: PinLockPolicy = this.pinPolicy(),
    now = new Date()
  ): Promise<PinApprovalResult> {
    const checked = await this.checkPinOfRequester({ ...input, role: StaffRole.MANAGER }, policy, now)
    if (checked.status !== "matched") {
      return checked
    }
    const approval = await this.createPosApprovals({
      store_id: input.store_id,
      action: input.action,
      requested_by: input.requested_by,
      approved_by: checked.staff_id,
      expires_at: new Date(now.getTime() + APPROVAL_TTL_SECONDS * 1000),
    })
    return {
      status: "approved",
      approval: {
        id: approval.id,
        action: approval.action,
        store_id: approval.store_id,
        approved_by: approval.approved_by,
        expires_at: approval.expires_at,
      },
    }
  }

  /**
   * PIN quick switch on a shared till: the active member of the store whose PIN
   * this is, any role. Wrong PINs count against the signed-in member at that
   * store, with the same lockout as manager approvals.
   */
  async switchWithPin(
    input: { store_id: string; requested_by: string; pin: string },
    policy: PinLockPolicy = this.pinPolicy(),
    now = new Date()
  ): Promise<PinSwitchResult> {
    const checked = await this.checkPinOfRequester(input, policy, now)
    return checked.status === "matched" ? { status: "switched", staff_id: checked.staff_id } : checked
  }

  private pinPolicy(): PinLockPolicy {
    return { max_attempts: this.settings.pin_max_attempts, lock_minutes: this.settings.pin_lock_minutes }
  }

  /** One PIN entry by a requester at a store: lockout first, then the members who may answer. */
  private async checkPinOfRequester(
    input: { store_id: string; requested_by: string; pin: string; role?: StaffRole },
    policy: PinLockPolicy,
    now: Date
  ): Promise<PinCheckResult> {
    const [requester] = await this.listPosStaffMemberships(
      { store_id: input.store_id, staff_id: input.requested_by },
      { select: ["id", "pin_failed_attempts", "pin_locked_until"] }
    )
    if (!requester) {
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        `Staff member ${input.requested_by} is not a member of store ${input.store_id}`
      )
    }
    const lockedUntil = pinLockedUntil(requester, now)
    if (lockedUntil) {
      return { status: "locked", locked_until: lockedUntil }
    }

    const candidates = await this.listPosStaffMemberships(
      { store_id: input.store_id, ...(input.role ? { role: input.role } : {}), staff: { is_active: true } },
      { select: ["id", "staff_id", "pin_hash"] }
    )
    const match = candidates.find((member) => verifyPin(input.pin, member.pin_hash))
    // The requester's own PIN proves nothing new: it must not wipe their count of wrong
    // guesses at others' PINs (else 4 guesses and their own PIN, over and over, outrun the lockout).
    const own = match?.staff_id === input.requested_by
    const next = own
      ? { pin_failed_attempts: requester.pin_failed_attempts, pin_locked_until: requester.pin_locked_until }
      : nextPinAttemptState(requester, !!match, now, policy)
    await this.updatePosStaffMemberships({ id: requester.id, ...next })

    if (!match) {
      return next.pin_locked_until
        ? { status: "locked", locked_until: next.pin_locked_until }
        : { status: "wrong_pin", attempts_left: policy.max_attempts - next.pin_failed_attempts }
    }
    return { status: "matched", staff_id: match.staff_id }
  }

  // The audit log is append-only: these generated methods are closed.
  // @ts-expect-error narrowing the generated signature to "never succeeds"
  async updatePosAuditLogs(): Promise<never> {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Audit log entries cannot be changed")
  }

  // @ts-expect-error see updateAuditLogs
  async deletePosAuditLogs(): Promise<never> {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Audit log entries cannot be deleted")
  }

  // @ts-expect-error see updateAuditLogs
  async softDeletePosAuditLogs(): Promise<never> {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Audit log entries cannot be deleted")
  }
}

export default PosModuleService
