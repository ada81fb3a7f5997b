import Stripe from "stripe"

/**
 * Stripe Terminal settings, shared by the payment provider (payment module
 * options) and the plugin (its `stripe_terminal` option). Secrets come from
 * options or env vars only, and no API ever returns them.
 */
export type StripeTerminalOptions = {
  /** secret key; default env STRIPE_API_KEY */
  api_key?: string
  /** signing secret of the `/hooks/stripe-terminal` endpoint; default env STRIPE_TERMINAL_WEBHOOK_SECRET */
  webhook_secret?: string
  /** where the Stripe API is (tests point this at a local fake); default Stripe's own. Env STRIPE_API_HOST / _PORT / _PROTOCOL */
  api_host?: string
  api_port?: number
  api_protocol?: "http" | "https"
  /** a card tender still on the reader after this long is canceled as timed out. Default 120. */
  reader_timeout_seconds?: number
}

export type ResolvedStripeTerminalOptions = Required<Pick<StripeTerminalOptions, "reader_timeout_seconds">> &
  Omit<StripeTerminalOptions, "reader_timeout_seconds">

export function resolveStripeTerminalOptions(options: StripeTerminalOptions = {}): ResolvedStripeTerminalOptions {
  const env = process.env
  return {
    api_key: options.api_key ?? env.STRIPE_API_KEY,
    webhook_secret: options.webhook_secret ?? env.STRIPE_TERMINAL_WEBHOOK_SECRET,
    api_host: options.api_host ?? env.STRIPE_API_HOST,
    api_port: options.api_port ?? (env.STRIPE_API_PORT ? Number(env.STRIPE_API_PORT) : undefined),
    api_protocol: options.api_protocol ?? (env.STRIPE_API_PROTOCOL as "http" | "https" | undefined),
    reader_timeout_seconds: options.reader_timeout_seconds ?? 120,
  }
}

const clients = new Map<string, Stripe>()

/** The Stripe client for these options, or null when no secret key is configured. */
export function stripeClient(options: ResolvedStripeTerminalOptions): Stripe | null {
  if (!options.api_key) {
    return null
  }
  const key = JSON.stringify([options.api_key, options.api_host, options.api_port, options.api_protocol])
  if (!clients.has(key)) {
    clients.set(
      key,
      new Stripe(options.api_key, {
        ...(options.api_host ? { host: options.api_host } : {}),
        ...(options.api_port ? { port: options.api_port } : {}),
        ...(options.api_protocol ? { protocol: options.api_protocol } : {}),
        maxNetworkRetries: 2,
        appInfo: { name: "medusa-omnichannel-pos" },
      })
    )
  }
  return clients.get(key)!
}

/** Stripe's own rules for card amounts (docs.stripe.com/currencies), which are not always the currency's decimals. */
const STRIPE_ZERO_DECIMAL = new Set(["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"])
/** three decimals, but the last digit must be 0 */
const STRIPE_THREE_DECIMAL = new Set(["BHD", "IQD", "JOD", "KWD", "OMR", "TND"])
/** two decimals in the API, whole units only (an amount divisible by 100) */
const STRIPE_WHOLE_UNITS_ONLY = new Set(["ISK"])

function stripePower(currencyCode: string) {
  const code = currencyCode.toUpperCase()
  return STRIPE_ZERO_DECIMAL.has(code) ? 0 : STRIPE_THREE_DECIMAL.has(code) ? 3 : 2
}

/**
 * What Stripe cannot charge of this amount, or null when it can: Stripe counts
 * in hundredths for most currencies (also HUF, where cash has no decimals), in
 * units for zero-decimal ones, and in thousandths ending in 0 for three-decimal ones.
 */
export function stripeAmountProblem(amount: number | string, currencyCode: string): string | null {
  const code = currencyCode.toUpperCase()
  const scaled = Number(amount) * 10 ** stripePower(code)
  const minor = Math.round(scaled)
  if (Math.abs(scaled - minor) > 1e-6) {
    return `${amount} ${code} has more decimals than Stripe charges in ${code}`
  }
  if (STRIPE_THREE_DECIMAL.has(code) && minor % 10 !== 0) {
    return `card amounts in ${code} are charged in steps of 0.01 (Stripe): ${amount} cannot be charged`
  }
  if (STRIPE_WHOLE_UNITS_ONLY.has(code) && minor % 100 !== 0) {
    return `card amounts in ${code} are charged in whole units (Stripe): ${amount} cannot be charged`
  }
  return null
}

/**
 * The smallest step, in the currency's own smallest unit (its Medusa decimals),
 * that a card amount can move in at Stripe: 10 for three-decimal currencies
 * (KWD in 0.010), 1 otherwise.
 */
export function stripeCardStep(currencyCode: string, currencyDecimals: number): number {
  const code = currencyCode.toUpperCase()
  if (STRIPE_THREE_DECIMAL.has(code)) {
    return 10 ** Math.max(0, currencyDecimals - 2)
  }
  if (STRIPE_WHOLE_UNITS_ONLY.has(code)) {
    return 10 ** Math.max(0, currencyDecimals)
  }
  return 1
}

/** An amount in what Stripe counts for the currency (cents for USD and HUF, yen for JPY, fils for KWD). */
export function toMinorUnits(amount: number | string, currencyCode: string): number {
  return Math.round(Number(amount) * 10 ** stripePower(currencyCode))
}

/**
 * Every call to Stripe carries a key derived from the sale, the tender and the
 * operation: a retried request (a client retry, a restart half-way) is
 * answered by Stripe with the first result and never charges or refunds twice.
 */
export function stripeIdempotencyKey(saleId: string, tenderId: string, operation: string): string {
  return `pos-${saleId}-${tenderId}-${operation}`
}
