import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { maskGiftCardCode, normalizeGiftCardCode } from "../../../lib/customers/gift-card"

type Container = { resolve: (key: string) => any; hasRegistration?: (key: string) => boolean }

/** The loyalty plugin's modules (gift cards; store credit accounts), as it registers them. */
export const LOYALTY_MODULE = "loyalty"
export const STORE_CREDIT_MODULE = "store_credit"

/** Whether Medusa's loyalty plugin is installed: gift cards and store credit need it. */
export function loyaltyInstalled(container: Container) {
  if (typeof container.hasRegistration === "function") {
    return container.hasRegistration(STORE_CREDIT_MODULE) && container.hasRegistration(LOYALTY_MODULE)
  }
  try {
    return !!container.resolve(STORE_CREDIT_MODULE) && !!container.resolve(LOYALTY_MODULE)
  } catch {
    return false
  }
}

/** Refused with a 400 that says how to install it, when the loyalty plugin is not installed. */
export function requireLoyalty(container: Container, what: string) {
  if (!loyaltyInstalled(container)) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `${what} needs Medusa's loyalty plugin: add @medusajs/loyalty-plugin to the plugins of medusa-config (docs/customers.md)`
    )
  }
}

/** A store credit account's balance, from the plugin's ledger (credits less debits). */
export async function accountBalance(container: Container, accountId: string) {
  const stats = await container.resolve(STORE_CREDIT_MODULE).retrieveAccountStats({ account_id: accountId })
  return MathBN.convert(stats?.balance ?? 0)
}

export type GiftCardState = {
  id: string
  code: string
  /** what a screen or receipt prints: the last four characters */
  masked_code: string
  status: string
  currency_code: string
  value: number
  expires_at: Date | string | null
  expired: boolean
  account_id: string | null
  balance: number
}

/** A gift card by its code (typed or scanned), with its balance; 400 for what cannot be a code, 404 for an unknown one. */
export async function giftCardByCode(container: Container, typed: unknown): Promise<GiftCardState> {
  requireLoyalty(container, "A gift card")
  const code = normalizeGiftCardCode(typed)
  if (!code) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "code is a gift card code: letters, digits, dashes and underscores, 4 to 64 characters")
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  // as typed (a code made in the dashboard may have small letters), and in capitals (the plugin's codes)
  const asTyped = String(typed).replace(/\s+/g, "")
  const { data } = await query.graph({
    entity: "gift_card",
    fields: ["id", "code", "status", "currency_code", "value", "expires_at"],
    filters: { code: [...new Set([asTyped, code])] },
  })
  const card = ((data as any[]).find((c) => c.code === asTyped) ?? data[0]) as any
  if (!card) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No gift card has the code ending ${maskGiftCardCode(code)}`)
  }
  return giftCardState(container, card)
}

async function giftCardState(container: Container, card: any): Promise<GiftCardState> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: links } = await query.graph({
    entity: "gift_card_store_credit_account",
    fields: ["store_credit_account_id"],
    filters: { gift_card_id: card.id },
  })
  const accountId = ((links[0] as any)?.store_credit_account_id as string | undefined) ?? null
  const balance = accountId ? await accountBalance(container, accountId) : MathBN.convert(0)
  return {
    id: card.id,
    code: card.code,
    masked_code: maskGiftCardCode(card.code),
    status: card.status,
    currency_code: card.currency_code,
    value: MathBN.convert(card.value ?? 0).toNumber(),
    expires_at: card.expires_at ?? null,
    expired: !!card.expires_at && new Date(card.expires_at).getTime() <= Date.now(),
    account_id: accountId,
    balance: balance.toNumber(),
  }
}

/** The gift cards by their ids (a refund's, a receipt's), with their balances. */
export async function giftCardsById(container: Container, ids: string[]) {
  if (!ids.length || !loyaltyInstalled(container)) {
    return new Map<string, GiftCardState>()
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "gift_card",
    fields: ["id", "code", "status", "currency_code", "value", "expires_at"],
    filters: { id: [...new Set(ids)] },
  })
  const states = await Promise.all((data as any[]).map((card) => giftCardState(container, card)))
  return new Map(states.map((s) => [s.id, s]))
}

/** The customer's store credit account in a currency, with its balance; null when they have none. */
export async function customerCreditAccount(container: Container, customerId: string, currencyCode: string) {
  if (!loyaltyInstalled(container)) {
    return null
  }
  const [account] = await container
    .resolve(STORE_CREDIT_MODULE)
    .listStoreCreditAccounts({ customer_id: customerId, currency_code: currencyCode.toLowerCase() }, { take: 1 })
  if (!account) {
    return null
  }
  return { id: account.id as string, balance: MathBN.convert(account.balance ?? 0).toNumber() }
}

/**
 * The customer's store credit account in a currency, made when they have none yet: what a return's
 * store credit and loyalty earn go into.
 */
export async function ensureCustomerCreditAccount(container: Container, customerId: string, currencyCode: string) {
  const found = await customerCreditAccount(container, customerId, currencyCode)
  if (found) {
    return found
  }
  try {
    const [created] = await container
      .resolve(STORE_CREDIT_MODULE)
      .createStoreCreditAccounts([{ customer_id: customerId, currency_code: currencyCode.toLowerCase() }])
    return { id: created.id as string, balance: 0 }
  } catch (error) {
    // another request (a return's credit, a loyalty earn) made it at the same moment: one account per customer and currency
    const made = await customerCreditAccount(container, customerId, currencyCode)
    if (made) {
      return made
    }
    throw error
  }
}
