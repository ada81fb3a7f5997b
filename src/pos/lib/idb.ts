/**
 * The till's own database in the browser (IndexedDB): the store's catalogue,
 * the queue of sales made offline, and the sync reports. It survives a reload,
 * a closed tab and a restarted browser. A tiny promise layer over the raw API.
 */
export const DB_NAME = "medusa-pos"
const DB_VERSION = 1

export type Stores = "catalog" | "meta" | "queue" | "reports"

export function openDb(factory: IDBFactory = indexedDB, name = DB_NAME): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, DB_VERSION)
    request.onupgradeneeded = () => {
      const db = request.result
      if (!db.objectStoreNames.contains("catalog")) {
        const catalog = db.createObjectStore("catalog", { keyPath: "key" })
        catalog.createIndex("code", "codes", { multiEntry: true })
        catalog.createIndex("store", "store_id")
      }
      if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta", { keyPath: "key" })
      if (!db.objectStoreNames.contains("queue")) {
        const queue = db.createObjectStore("queue", { keyPath: "client_txn_id" })
        queue.createIndex("till", ["store_id", "register_id"])
      }
      if (!db.objectStoreNames.contains("reports")) db.createObjectStore("reports", { keyPath: "id", autoIncrement: true })
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
    request.onblocked = () => reject(new Error("The till's database is open in an older tab; close other tabs of the till"))
  })
}

export function done(request: IDBRequest): Promise<any> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

/** Runs `work` in one transaction and resolves once it is committed (durably, where the browser allows). */
export function transact<T>(
  db: IDBDatabase,
  stores: Stores | Stores[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => T | Promise<T>
): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = (db.transaction as any)(stores, mode, { durability: "strict" }) as IDBTransaction
    let result: T
    tx.oncomplete = () => resolve(result)
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error ?? new Error("The till's database refused the change"))
    Promise.resolve(work(tx)).then(
      (value) => {
        result = value
      },
      (error) => {
        try {
          tx.abort()
        } catch {
          /* already finished */
        }
        reject(error)
      }
    )
  })
}
