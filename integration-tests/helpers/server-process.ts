import { spawn, type ChildProcess } from "child_process"
import fs from "fs"
import path from "path"
import { Client } from "pg"

/**
 * Real Medusa server processes for the specs that kill one (crash.spec) or run
 * several on one database (multi-server.spec): the demo app of this repository
 * started with `medusa develop`, on a database of the spec's own, seeded with
 * the demo retailer.
 */
const { medusaBin, root, runMedusa, waitForHealth } = require("../../scripts/lib/medusa")

export { root }

export const connection = {
  host: process.env.DB_HOST || "localhost",
  port: Number(process.env.DB_PORT || 5432),
  user: process.env.DB_USERNAME || "postgres",
  password: process.env.DB_PASSWORD || "",
}

export function databaseUrl(database: string) {
  const auth = `${encodeURIComponent(connection.user)}${connection.password ? `:${encodeURIComponent(connection.password)}` : ""}`
  return `postgres://${auth}@${connection.host}:${connection.port}/${database}`
}

/** The environment of a server of the demo app on `database`; REDIS_URL only if given. */
export function serverEnv(database: string, extra: Record<string, string>) {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DATABASE_URL: databaseUrl(database),
    MEDUSA_DISABLE_TELEMETRY: "true",
    DISABLE_MEDUSA_ADMIN: "true",
    LOG_LEVEL: "error",
    NODE_ENV: "development",
  }
  delete env.REDIS_URL
  return { ...env, ...extra }
}

/** A fresh database, migrated and seeded with the demo retailer; its summary (logins, ids) and a client on it. */
export async function prepareDemoDatabase(database: string, work: string, logFile: string) {
  const admin = new Client({ ...connection, database: "postgres" })
  await admin.connect()
  await admin.query(`drop database if exists ${database} with (force)`)
  await admin.query(`create database ${database}`)
  await admin.end()
  const env = serverEnv(database, { NODE_OPTIONS: process.env.NODE_OPTIONS ?? "" })
  await runMedusa(["db:migrate"], env, logFile)
  const summaryFile = path.join(work, "summary.json")
  await runMedusa(["exec", "./demo/seed.ts", summaryFile], env, logFile)
  const db = new Client({ ...connection, database })
  await db.connect()
  return { demo: JSON.parse(fs.readFileSync(summaryFile, "utf8")), db }
}

export class ServerProcess {
  child: ChildProcess | null = null
  readonly base: string

  constructor(readonly port: number, readonly env: Record<string, string>, readonly logFile: string) {
    this.base = `http://localhost:${port}`
  }

  async start() {
    const log = fs.openSync(this.logFile, "a")
    this.child = spawn(medusaBin, ["develop"], {
      cwd: root,
      env: { ...this.env, PORT: String(this.port) },
      stdio: ["ignore", log, log],
      detached: true,
    })
    fs.closeSync(log)
    if (!(await waitForHealth(`${this.base}/health`, this.child, 240000))) {
      throw new Error(`The server on ${this.port} did not start; the end of its log:\n${this.logTail(40)}`)
    }
  }

  /** kill -9 of the server and every process it started */
  async kill() {
    const child = this.child
    if (!child) {
      return
    }
    const exited = child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve))
    try {
      process.kill(-child.pid!, "SIGKILL")
    } catch {}
    await exited
    this.child = null
  }

  logTail(lines: number) {
    return fs.readFileSync(this.logFile, "utf8").split("\n").slice(-lines).join("\n")
  }

  async call(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(this.base + urlPath, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: body ? JSON.stringify(body) : undefined,
    })
    const data: any = await response.json().catch(() => ({}))
    return { status: response.status, data }
  }

  /** the answer's body; anything but 2xx throws with the answer */
  async ok(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}) {
    const { status, data } = await this.call(method, urlPath, body, headers)
    if (status >= 300) {
      throw new Error(`${method} ${this.port}${urlPath} → ${status} ${JSON.stringify(data).slice(0, 300)}`)
    }
    return data
  }
}

/** Signs in a staff member of the demo; the bearer header. */
export async function staffAuth(server: ServerProcess, staff: { email: string; password: string }) {
  const { token } = await server.ok("POST", "/auth/staff/emailpass", { email: staff.email, password: staff.password })
  return { authorization: `Bearer ${token}` }
}

/** Sets the store location's stocked quantity of each SKU through the admin API, as a manager counts it in. */
export async function stockUp(server: ServerProcess, demo: any, locationId: string, skus: string[], quantity: number) {
  const { token } = await server.ok("POST", "/auth/user/emailpass", demo.admin)
  const admin = { authorization: `Bearer ${token}` }
  for (const sku of skus) {
    const { inventory_items } = await server.ok("GET", `/admin/inventory-items?sku=${sku}&fields=id,location_levels.location_id`, undefined, admin)
    const item = inventory_items[0]
    const exists = (item.location_levels ?? []).some((l: any) => l.location_id === locationId)
    const levels = `/admin/inventory-items/${item.id}/location-levels`
    await server.ok(
      "POST",
      exists ? `${levels}/${locationId}` : levels,
      exists ? { stocked_quantity: quantity } : { location_id: locationId, stocked_quantity: quantity },
      admin
    )
  }
}

/** stocked and reserved of each SKU at a location, read from the database */
export async function stockAt(db: Client, locationId: string, skus: string[]) {
  const { rows } = await db.query(
    `select ii.sku, l.stocked_quantity::numeric as stocked, l.reserved_quantity::numeric as reserved
       from inventory_level l join inventory_item ii on ii.id = l.inventory_item_id
      where l.location_id = $1 and ii.sku = any($2) and l.deleted_at is null order by ii.sku`,
    [locationId, skus]
  )
  return rows.map((r) => ({ sku: r.sku as string, stocked: Number(r.stocked), reserved: Number(r.reserved) }))
}
