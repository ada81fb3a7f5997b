/** The shapes of the terminal API's answers that the page reads (docs/selling.md). */
export type SaleLine = {
  id: string
  variant_id: string
  sku: string | null
  title: string
  quantity: number
  unit_price: number
  subtotal: number
  tax_total: number
  total: number
  fulfillment: "take" | "ship" | "pickup"
  source?: { location_id: string; name: string; store_id: string | null }
  pickup_store_id?: string
  ship_to?: Record<string, string>
}
export type Tender = {
  id: string
  type: "cash" | "card" | "gift_card" | "store_credit"
  status: "pending" | "succeeded" | "failed" | "canceled" | string
  amount: number
  tendered: number | null
  change_due: number | null
  failure_reason: string | null
  /** taken on the simulated reader (training): no money moved */
  simulated?: boolean
  /** gift card: its masked code; gift card or store credit: the balance before and what is left */
  code?: string | null
  balance_before?: number | null
  balance_after?: number | null
}
/** A gift card as a balance check answers it (GET /terminal/stores/:id/gift-cards/:code). */
export type GiftCardBalance = { id: string; code: string; status: string; currency_code: string; value: number; balance: number; expires_at: string | null; expired: boolean }
export type Sale = {
  id: string
  status: "open" | "completed" | "voided" | string
  receipt_code: string
  currency_code: string
  customer_id: string | null
  email?: string | null
  order_id: string | null
  lines: SaleLine[]
  tenders: Tender[]
  promotions: { code: string }[] | string[]
  subtotal: number
  tax_total: number
  discount_total: number
  total: number
  paid: number
  due: number
  taxes?: { description: string; rate: number; amount: number }[]
}
export type StockElsewhere = {
  location_id: string
  name: string
  kind: "store" | "warehouse"
  store_id: string | null
  distance_km: number | null
  available: number
}
export type LookupVariant = {
  id: string
  title: string
  sku: string | null
  barcode: string | null
  product: { id: string; title: string; thumbnail: string | null }
  price: { amount: number; original_amount: number; currency_code: string } | null
  stock: { here: number; elsewhere: StockElsewhere[]; elsewhere_total: number }
}
export type Receipt = {
  receipt_code: string
  sale_id: string
  order: { id: string; display_id: number; email: string | null; created_at: string; currency_code: string; subtotal: number; tax_total: number; discount_total: number; total: number }
  store: { name: string; code: string; address: string[]; phone: string | null; timezone: string }
  register: { id: string; name: string }
  staff: { id: string; name: string }
  lines: { title: string; sku: string | null; quantity: number; unit_price: number; total: number; fulfillment_note: string | null }[]
  taxes: { description: string; rate: number; amount: number }[]
  tenders: { type: string; amount: number; tendered?: number | null; change_due?: number | null; simulated?: boolean; code?: string | null; balance_after?: number | null }[]
  change_due: number
  return_policy: string
  /** gift cards the sale sold (full codes: the customer's); `issuing`: not issued yet, a moment later */
  gift_cards?: { issued: { code: string; value: number; currency_code: string }[]; issuing: number }
  /** store credit the order earns the customer */
  loyalty?: { earned: number; credited: boolean; balance: number } | null
}

/** A store task (GET /terminal/stores/:id/tasks, docs/routing.md). */
export type TaskLine = {
  line_item_id: string
  title: string
  sku: string | null
  inventory_item_id: string
  quantity: number
  picked: number
  short: number
  from_node_id: string | null
  from_node_name: string | null
  received?: number
  missing?: number
}
export type Task = {
  id: string
  store_id: string
  order_id: string
  kind: "ship" | "pickup"
  status: "open" | "picked" | "ready" | "shipped" | "collected" | "expired" | "canceled"
  lines: TaskLine[]
  note: string | null
  ready_at: string | null
  expires_at: string | null
  arrived_at: string | null
  arrival_note: string | null
  collected_at: string | null
  shipped_at: string | null
  tracking_number: string | null
  created_at: string
  order?: { display_id: number; customer_name: string | null } | null
}
