import type { ReturnPolicyOptions } from "../../lib/returns/policy"
import { DEFAULT_RULE_SET, type RuleSet } from "../../lib/routing"
import { resolveStripeTerminalOptions, type ResolvedStripeTerminalOptions, type StripeTerminalOptions } from "../../lib/stripe-terminal"

/** Plugin options that the pos module reads (the plugin's `options` in medusa-config). */
export type PosModuleOptions = {
  /** Stripe Terminal for card tenders (reader actions, connection tokens, the webhook); env vars by default */
  stripe_terminal?: StripeTerminalOptions
  /** the payment provider id card tenders use. Default "pp_stripe-terminal_stripe-terminal". */
  card_payment_provider_id?: string
  /** the payment provider id cash tenders are recorded with. Default "pp_system_default". */
  cash_payment_provider_id?: string
  /** the routing rule set (docs/routing.md); default DEFAULT_RULE_SET */
  routing?: Partial<RuleSet>
  /** click-and-collect: what happens to a ready pickup nobody collected in the store's hold period. Default "cancel". */
  pickup?: { on_expiry?: "cancel" | "release" }
  /** the return policy (docs/returns.md): window, final sale, store credit, dispositions; per store under `stores` */
  returns?: ReturnPolicyOptions
  /** A shift closing with a cash variance larger than this (in the store's currency) needs a manager. Default 5. */
  shift_variance_threshold?: number
  /** Wrong manager PINs in a row before PIN entry locks for the requester. Default 5. */
  pin_max_attempts?: number
  /** How long PIN entry stays locked, in minutes. Default 15. */
  pin_lock_minutes?: number
  /** The return policy printed on every receipt. */
  receipt_return_policy?: string
  /** What a register may sell while offline. */
  offline?: {
    /** tenders allowed offline; card payments cannot be taken offline in a browser. Default ["cash"]. */
    tenders?: string[]
    /** the most one offline sale may total, in the store's currency. Default 500. */
    max_sale_amount?: number
    /** how old an offline sale may be when it reaches the server, in hours. Default 72. */
    max_offline_hours?: number
  }
}

export type OfflinePolicy = { tenders: string[]; max_sale_amount: number; max_offline_hours: number }

export type PosSettings = Required<Omit<PosModuleOptions, "offline" | "stripe_terminal" | "routing" | "returns" | "pickup">> & {
  pickup: { on_expiry: "cancel" | "release" }
  routing: RuleSet
  returns: ReturnPolicyOptions
  offline: OfflinePolicy
  stripe_terminal: ResolvedStripeTerminalOptions
}

export function resolvePosSettings(options: PosModuleOptions | undefined): PosSettings {
  return {
    shift_variance_threshold: options?.shift_variance_threshold ?? 5,
    pin_max_attempts: options?.pin_max_attempts ?? 5,
    pin_lock_minutes: options?.pin_lock_minutes ?? 15,
    receipt_return_policy:
      options?.receipt_return_policy ?? "Returns and exchanges within 30 days at any of our shops, with this receipt.",
    stripe_terminal: resolveStripeTerminalOptions(options?.stripe_terminal),
    card_payment_provider_id: options?.card_payment_provider_id ?? "pp_stripe-terminal_stripe-terminal",
    cash_payment_provider_id: options?.cash_payment_provider_id ?? "pp_system_default",
    routing: {
      version: options?.routing?.version ?? (options?.routing?.rules ? "options-1" : DEFAULT_RULE_SET.version),
      rules: options?.routing?.rules ?? DEFAULT_RULE_SET.rules,
      allow_split_line: options?.routing?.allow_split_line ?? false,
      ...(options?.routing?.safety_stock ? { safety_stock: options.routing.safety_stock } : {}),
    },
    returns: options?.returns ?? {},
    pickup: { on_expiry: options?.pickup?.on_expiry ?? "cancel" },
    offline: {
      tenders: options?.offline?.tenders ?? ["cash"],
      max_sale_amount: options?.offline?.max_sale_amount ?? 500,
      max_offline_hours: options?.offline?.max_offline_hours ?? 72,
    },
  }
}
