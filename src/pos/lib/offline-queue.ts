import type { Api } from "./api"
import { done, transact } from "./idb"

/** A sale made while offline, as it waits on the device for `POST …/sync`. */
export type QueuedSale = {
  client_txn_id: string
  store_id: string
  register_id: string
  /** who made it: only they (or a manager of the store) send it */
  staff_id: string
  staff_name: string
  recorded_at: string
  lines: { variant_id: string; code: string | null; title: string; quantity: number; unit_price: number; tax_rate: number }[]
  tenders: { type: "cash"; amount: number; tendered?: number }[]
  /** what the page computed (the server's total decides; a difference is reported as a conflict) */
  total: number
}

export type SyncResult = {
  client_txn_id: string
  /** from the queued sale, for the report */
  recorded_at?: string
  total?: number
  status: "applied" | "duplicate" | "rejected" | "needs_attention" | "error"
  sale_id?: string
  order_id?: string
  reason?: string
  conflicts?: { type: string; [key: string]: unknown }[]
}

export type SyncReport = {
  id?: number
  at: string
  store_id: string
  register_id: string
  staff_id: string
  results: SyncResult[]
  /** sales left on the device: another member's, or not answered */
  left: number
  error?: string
}

/** Answered for good: the sale leaves the device. `error` stays to be sent again. */
const SETTLED = new Set(["applied", "duplicate", "rejected", "needs_attention"])

export class OfflineQueue {
  constructor(private readonly db: IDBDatabase) {}

  /** Writes a sale in one durable transaction; a second write of the same id is refused, never overwritten. */
  add(sale: QueuedSale): Promise<void> {
    return transact(this.db, "queue", "readwrite", async (tx) => {
      await done(tx.objectStore("queue").add(sale))
    })
  }

  /** The till's queued sales, oldest first. */
  async list(store_id: string, register_id: string): Promise<QueuedSale[]> {
    const rows: QueuedSale[] = await transact(this.db, "queue", "readonly", (tx) =>
      done(tx.objectStore("queue").index("till").getAll([store_id, register_id]))
    )
    return rows.sort((a, b) => a.recorded_at.localeCompare(b.recorded_at) || a.client_txn_id.localeCompare(b.client_txn_id))
  }

  remove(ids: string[]): Promise<void> {
    return transact(this.db, "queue", "readwrite", async (tx) => {
      for (const id of ids) await done(tx.objectStore("queue").delete(id))
    })
  }

  async saveReport(report: SyncReport): Promise<void> {
    await transact(this.db, "reports", "readwrite", async (tx) => {
      await done(tx.objectStore("reports").add(report))
    })
  }

  async reports(limit = 20): Promise<SyncReport[]> {
    const all: SyncReport[] = await transact(this.db, "reports", "readonly", (tx) => done(tx.objectStore("reports").getAll()))
    return all.slice(-limit).reverse()
  }
}

/** The body `POST /terminal/stores/:id/sync` takes for one queued sale. */
export function syncPayload(sale: QueuedSale) {
  return {
    client_txn_id: sale.client_txn_id,
    recorded_at: sale.recorded_at,
    staff_id: sale.staff_id,
    lines: sale.lines.map((line) => ({ variant_id: line.variant_id, quantity: line.quantity, unit_price: line.unit_price })),
    tenders: sale.tenders.map((t) => ({ type: t.type, amount: t.amount, ...(t.tendered != null ? { tendered: t.tendered } : {}) })),
  }
}

/**
 * Sends the till's queue to the server in recorded order, in batches, and
 * removes a sale from the device only once the server has answered for it
 * (applied, duplicate, rejected or needs attention); a sale answered `error`,
 * or not answered at all (the network went again), stays. Only the signed-in
 * member's sales are sent, or every member's when a manager syncs. One tab at
 * a time syncs a till (a Web Lock); should two send the same queue anyway, the
 * server applies each client_txn_id once and answers the other `duplicate`.
 */
export async function syncQueue(
  api: Api,
  queue: OfflineQueue,
  till: { store_id: string; register_id: string; staff_id: string; manager: boolean },
  batchSize = 50
): Promise<SyncReport> {
  const run = async (): Promise<SyncReport> => {
    const all = await queue.list(till.store_id, till.register_id)
    const mine = all.filter((sale) => till.manager || sale.staff_id === till.staff_id)
    const results: SyncResult[] = []
    let error: string | undefined
    for (let i = 0; i < mine.length; i += batchSize) {
      const batch = mine.slice(i, i + batchSize)
      try {
        const answer = await api.post<{ results: SyncResult[] }>(`/terminal/stores/${till.store_id}/sync`, {
          register_id: till.register_id,
          sales: batch.map(syncPayload),
        })
        const settled = answer.results.filter((r) => SETTLED.has(r.status)).map((r) => r.client_txn_id)
        await queue.remove(settled)
        const sent = new Map(batch.map((sale) => [sale.client_txn_id, sale]))
        results.push(
          ...answer.results.map((r) => ({ ...r, recorded_at: sent.get(r.client_txn_id)?.recorded_at, total: sent.get(r.client_txn_id)?.total }))
        )
      } catch (e) {
        error = e instanceof Error ? e.message : String(e)
        break
      }
    }
    const left = (await queue.list(till.store_id, till.register_id)).length
    const report: SyncReport = {
      at: new Date().toISOString(),
      store_id: till.store_id,
      register_id: till.register_id,
      staff_id: till.staff_id,
      results,
      left,
      ...(error ? { error } : {}),
    }
    if (results.length || error) await queue.saveReport(report)
    return report
  }
  const locks = typeof navigator !== "undefined" ? (navigator as any).locks : undefined
  return locks ? locks.request(`pos-sync:${till.store_id}:${till.register_id}`, run) : run()
}
