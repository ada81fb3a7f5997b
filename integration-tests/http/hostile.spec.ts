import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { LOCATIONS } from "../../demo/catalog"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { adminHeaders } from "../helpers/admin"
import { prepareSnapshot, unexpectedChanges } from "../helpers/hostile-db"
import { webshop } from "../helpers/webshop"

jest.setTimeout(240000)

/**
 * Hostile requests against every route of the plugin: wrong types, numbers
 * out of range, control characters, oversized strings, unknown and foreign
 * ids, bodies that are not JSON, unknown fields on money and stock routes,
 * idempotency keys reused with another body. Each must answer the exact 4xx
 * of its row with a JSON `message`, carry no SQL, driver text or stack, and
 * change no row of the plugin's tables nor of the Medusa tables its flows
 * write (counted before and after every request). The rows of one area run in
 * one test on one seeded world: a refused request changes nothing, so the
 * world needs no restore between them, and each failing row is named.
 */

type Who = "admin" | "associate" | "manager" | "wicker" | "shopper" | "none"
type Body =
  | { json: unknown }
  | { text: string }
  | { form: string }
  | { multipart: Record<string, string> }

type Row = {
  name: string
  method: "GET" | "POST" | "PATCH" | "DELETE"
  url: string
  as: Who
  body?: Body
  /** the exact status a correct answer has */
  status: number
  /** what the message must say (a fragment or a pattern) */
  says?: string | RegExp
  /** tables that may gain rows: an access refusal writes one audit row */
  gains?: Record<string, number | "any">
  /** a row whose correct answer is not a plain 4xx: returns a problem in words, or null */
  check?: (status: number, data: any) => string | null
}

const LEAK = /select |insert into|update .* set|delete from|\bat .*\.(ts|js):\d+|stack|node_modules|MikroORM|violates|constraint/i

const NUL = "ab\u0000cd"
const BELL = "ring\u0007"
const ESC = "\u001b[31mred"
const DEL = "del\u007f"
const Q12K = "q".repeat(12_000) // within Node's 16 KB header limit, over the plugin's 10,000-character bound
const K20 = "x".repeat(20_000)
const K100 = "x".repeat(100 * 1024) // over Medusa's 100 KB JSON body limit
const INT32 = 2 ** 31
const enc = encodeURIComponent

const audited = { pos_audit_log: 1 }

type World = {
  demo: DemoSummary
  state: string
  wicker: string
  register: string
  wickerRegister: string
  shift: string
  wickerShift: string
  openSale: string
  lineSale: string
  line: string
  tender: string
  tenderKey: string
  order: string
  orderLine: string
  returnId: string
  returnKey: string
  refundKey: string
  wickerSale: string
  task: string
  pickupOrder: string
  staffId: string
  wickerStaffId: string
  channel: string
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection, utils }) => {
    const w = {} as World
    const headers: Record<Who, Record<string, string>> = {
      admin: {},
      associate: {},
      manager: {},
      wicker: {},
      shopper: {},
      none: {},
    }
    let snapshot: Awaited<ReturnType<typeof prepareSnapshot>>
    let demo: DemoSummary
    const shop = webshop(api, getContainer, () => demo)
    let rowsRun = 0

    async function signIn(store: string, role: string) {
      const member = demo.staff.find((s) => s.store === store && s.role === role)!
      const { data } = await api.post("/auth/staff/emailpass", { email: member.email, password: member.password })
      return { authorization: `Bearer ${data.token}` }
    }

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      w.demo = demo
      w.state = demo.store_ids.state
      w.wicker = demo.store_ids.wicker
      w.channel = demo.sales_channel_id
      headers.admin = (await adminHeaders(getContainer(), api)).headers
      headers.associate = await signIn("Northwind State Street", "associate")
      headers.manager = await signIn("Northwind State Street", "manager")
      headers.wicker = await signIn("Northwind Wicker Park", "associate")
      headers.shopper = { "x-publishable-api-key": demo.publishable_key }
      const as = (who: Who) => ({ headers: headers[who] })

      w.staffId = (await api.get("/terminal/me", as("associate"))).data.staff.id
      w.wickerStaffId = (await api.get("/terminal/me", as("wicker"))).data.staff.id
      w.register = (await api.get(`/terminal/stores/${w.state}`, as("associate"))).data.store.registers[0].id
      w.wickerRegister = (await api.get(`/terminal/stores/${w.wicker}`, as("wicker"))).data.store.registers[0].id
      w.shift = (await api.post(`/terminal/stores/${w.state}/shifts`, { register_id: w.register, opening_float: 200 }, as("associate"))).data.shift.id
      w.wickerShift = (await api.post(`/terminal/stores/${w.wicker}/shifts`, { register_id: w.wickerRegister, opening_float: 100 }, as("wicker"))).data.shift.id

      // a completed sale of two tees: the order returns, refunds and receipts act on
      const sold = (await api.post(`/terminal/stores/${w.state}/sales`, { shift_id: w.shift }, as("associate"))).data.sale.id
      const { data: withLines } = await api.post(`/terminal/sales/${sold}/lines`, { code: "NW-TEE-BLA-M", quantity: 2 }, as("associate"))
      await api.post(`/terminal/sales/${sold}/tenders`, { type: "cash", amount: withLines.sale.due, idempotency_key: `${sold}-cash` }, as("associate"))
      w.order = (await api.post(`/terminal/sales/${sold}/complete`, {}, as("associate"))).data.order.id
      w.orderLine = (await api.post(`/terminal/orders/${w.order}/return-eligibility`, {}, as("manager"))).data.lines[0].line_item_id
      w.returnKey = "hostile-return-0001"
      w.returnId = (
        await api.post(
          `/terminal/stores/${w.state}/returns`,
          { order_id: w.order, lines: [{ line_item_id: w.orderLine, quantity: 1, disposition: "refurbish" }], idempotency_key: w.returnKey, shift_id: w.shift },
          as("manager")
        )
      ).data.return.id
      w.refundKey = "hostile-refund-0001"
      await api.post(`/terminal/orders/${w.order}/refunds`, { amount: 1, idempotency_key: w.refundKey, shift_id: w.shift }, as("manager"))

      // an open sale with a line (its lines can change), and one with a line and a cash tender
      w.lineSale = (await api.post(`/terminal/stores/${w.state}/sales`, { shift_id: w.shift }, as("associate"))).data.sale.id
      w.line = (await api.post(`/terminal/sales/${w.lineSale}/lines`, { code: "NW-TEE-BLA-M" }, as("associate"))).data.sale.lines[0].id
      w.openSale = (await api.post(`/terminal/stores/${w.state}/sales`, { shift_id: w.shift }, as("associate"))).data.sale.id
      await api.post(`/terminal/sales/${w.openSale}/lines`, { code: "NW-TEE-BLA-M" }, as("associate"))
      w.tenderKey = "hostile-tender-0001"
      w.tender = (await api.post(`/terminal/sales/${w.openSale}/tenders`, { type: "cash", amount: 5, idempotency_key: w.tenderKey }, as("associate"))).data.tender.id

      // another store's open sale
      w.wickerSale = (await api.post(`/terminal/stores/${w.wicker}/sales`, { shift_id: w.wickerShift }, as("wicker"))).data.sale.id

      // a webshop pickup order at State Street, with its task
      const state = LOCATIONS.find((l) => l.key === "state")!
      w.pickupOrder = await shop.placeOnlineOrder("NW-BNE-BLA-OS", 1, { latitude: state.latitude, longitude: state.longitude }, { pickup: "state" })
      for (let i = 0; i < 100 && !w.task; i++) {
        const { data } = await api.get(`/terminal/stores/${w.state}/tasks`, as("manager"))
        w.task = (data.tasks as any[]).find((t) => t.order_id === w.pickupOrder)?.id
        if (!w.task) {
          await new Promise((r) => setTimeout(r, 100))
        }
      }
      expect(w.task).toBeDefined()

      await utils.waitWorkflowExecutions()
      // subscribers of the world's events (receipts, routing) finish before the first count
      await new Promise((r) => setTimeout(r, 1000))
      snapshot = await prepareSnapshot(dbConnection as any)
    })

    afterAll(() => {
      console.log(`hostile requests sent: ${rowsRun}`)
    })

    async function send(row: Row) {
      const extra: Record<string, string> = {}
      let data: unknown = undefined
      const body = row.body
      if (body && "json" in body) {
        data = body.json
      } else if (body && "text" in body) {
        data = body.text
        extra["content-type"] = "text/plain"
      } else if (body && "form" in body) {
        data = body.form
        extra["content-type"] = "application/x-www-form-urlencoded"
      } else if (body && "multipart" in body) {
        const boundary = "----hostile-boundary"
        data =
          Object.entries(body.multipart)
            .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
            .join("") + `--${boundary}--\r\n`
        extra["content-type"] = `multipart/form-data; boundary=${boundary}`
      }
      const response = await api.request({
        method: row.method,
        url: row.url,
        data,
        headers: { ...headers[row.as], ...extra },
        validateStatus: () => true,
        // send strings as they are: axios would JSON-encode them
        transformRequest: body && !("json" in body) ? [(d: unknown) => d] : undefined,
        maxBodyLength: Infinity,
        maxContentLength: Infinity,
      })
      return response
    }

    /** Runs the rows one by one, each between two counts; answers every problem, naming the row. */
    async function runRows(rows: Row[]) {
      const problems: string[] = []
      for (const row of rows) {
        rowsRun++
        const before = await snapshot.take()
        let response
        try {
          response = await send(row)
        } catch (error: any) {
          problems.push(`${row.name}: the request failed (${error.message})`)
          continue
        }
        const after = await snapshot.take()
        const { status, data } = response
        const type = String(response.headers["content-type"] ?? "")
        const text = typeof data === "string" ? data : JSON.stringify(data)
        const wrong: string[] = []
        if (row.check) {
          const problem = row.check(status, data)
          if (problem) {
            wrong.push(problem)
          }
        } else {
          if (status !== row.status) {
            wrong.push(`status ${status}, expected ${row.status}`)
          }
          if (!type.includes("application/json") || typeof data !== "object" || !data) {
            wrong.push(`not a JSON answer (${type})`)
          } else if (typeof (data as any).message !== "string" || !(data as any).message.trim()) {
            wrong.push("no message")
          } else if (row.says && !(typeof row.says === "string" ? (data as any).message.includes(row.says) : row.says.test((data as any).message))) {
            wrong.push(`message does not say ${row.says}`)
          }
        }
        if (LEAK.test(text ?? "")) {
          wrong.push("the answer carries SQL, driver text or a stack")
        }
        wrong.push(...unexpectedChanges(before, after, row.gains))
        if (wrong.length) {
          problems.push(`${row.name} → ${wrong.join("; ")} | ${String(text).slice(0, 300)}`)
        }
      }
      return problems
    }

    const storeBody = (overrides: Record<string, unknown> = {}) => ({
      name: "Hostile Shop",
      code: "HOSTILE-1",
      address: { address_1: "1 Main St", city: "Chicago", postal_code: "60601", country_code: "us" },
      latitude: 41.88,
      longitude: -87.63,
      ...overrides,
    })

    it("admin stores, registers and members refuse hostile input", async () => {
      const S = w.state
      const rows: Row[] = [
        { name: "stores: negative limit", method: "GET", url: "/admin/pos/stores?limit=-1", as: "admin", status: 400, says: "limit" },
        { name: "stores: limit 0", method: "GET", url: "/admin/pos/stores?limit=0", as: "admin", status: 400, says: "limit" },
        { name: "stores: limit 2^31", method: "GET", url: `/admin/pos/stores?limit=${INT32}`, as: "admin", status: 400, says: "limit" },
        { name: "stores: limit 1e20", method: "GET", url: "/admin/pos/stores?limit=1e20", as: "admin", status: 400, says: "limit" },
        { name: "stores: limit NaN", method: "GET", url: "/admin/pos/stores?limit=NaN", as: "admin", status: 400, says: "limit" },
        { name: "stores: limit 5abc", method: "GET", url: "/admin/pos/stores?limit=5abc", as: "admin", status: 400, says: "limit" },
        { name: "stores: negative offset", method: "GET", url: "/admin/pos/stores?offset=-5", as: "admin", status: 400, says: "offset" },
        { name: "stores: NUL in q", method: "GET", url: `/admin/pos/stores?q=${enc(NUL)}`, as: "admin", status: 400, says: "q contains a control character" },
        { name: "stores: 12 KB q", method: "GET", url: `/admin/pos/stores?q=${Q12K}`, as: "admin", status: 400, says: "q is longer than" },
        { name: "stores: unknown status", method: "GET", url: "/admin/pos/stores?status=closed", as: "admin", status: 400, says: "status" },
        { name: "stores: unknown query field", method: "GET", url: "/admin/pos/stores?owner=me", as: "admin", status: 400, says: "owner" },
        { name: "stores: query nested 3 levels", method: "GET", url: "/admin/pos/stores?a.b.c=1", as: "admin", status: 400, says: "a.b.c" },
        { name: "stores: 101 codes", method: "GET", url: `/admin/pos/stores?${Array.from({ length: 101 }, (_, i) => `code=C${i}`).join("&")}`, as: "admin", status: 400, says: "code" },
        { name: "stores: a secret field", method: "GET", url: "/admin/pos/stores?fields=*memberships", as: "admin", status: 400, says: "fields" },
        { name: "stores: order by an unknown column", method: "GET", url: "/admin/pos/stores?order=-password", as: "admin", status: 400, says: "order" },
        { name: "stores: order by SQL", method: "GET", url: `/admin/pos/stores?order=${enc("name; drop table pos_store")}`, as: "admin", status: 400, says: "order" },
        { name: "stores: staff token", method: "GET", url: "/admin/pos/stores", as: "associate", status: 401 },
        { name: "create store: NUL in name", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ name: NUL }) }, status: 400, says: "name contains a control character" },
        { name: "create store: ESC in city", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ address: { ...storeBody().address, city: ESC } }) }, status: 400, says: "address.city" },
        { name: "create store: 300-character name", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ name: "n".repeat(300) }) }, status: 400, says: "name" },
        { name: "create store: 20 KB name", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ name: K20 }) }, status: 400, says: "name is longer than" },
        { name: "create store: 100 KB name", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ name: K100 }) }, status: 413 },
        { name: "create store: 500-character address_1", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ address: { ...storeBody().address, address_1: "a".repeat(500) } }) }, status: 400, says: "address_1" },
        { name: "create store: 100-character postal code", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ address: { ...storeBody().address, postal_code: "1".repeat(100) } }) }, status: 400, says: "postal_code" },
        { name: "create store: unknown sales channel", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ online_sales_channel_ids: [w.channel, "sc_01NOPE"] }) }, status: 400, says: "sc_01NOPE" },
        { name: "create store: latitude as text", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ latitude: "41.88" }) }, status: 400, says: "latitude" },
        { name: "create store: latitude 1e20", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ latitude: 1e20 }) }, status: 400, says: "latitude" },
        { name: "create store: capacity 2^31", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ ship_from_store_capacity: INT32 }) }, status: 400, says: "ship_from_store_capacity" },
        { name: "create store: negative capacity", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ ship_from_store_capacity: -1 }) }, status: 400, says: "ship_from_store_capacity" },
        { name: "create store: 20 KB metadata", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ metadata: { a: "m".repeat(9_000), b: "m".repeat(9_000) } }) }, status: 400, says: "metadata" },
        { name: "create store: NUL in a metadata key", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ metadata: { [NUL]: 1 } }) }, status: 400, says: "control character" },
        { name: "create store: unknown field", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ owner_id: "usr_1" }) }, status: 400, says: "owner_id" },
        { name: "create store: text/plain", method: "POST", url: "/admin/pos/stores", as: "admin", body: { text: JSON.stringify(storeBody()) }, status: 400, says: "JSON" },
        { name: "create store: form data", method: "POST", url: "/admin/pos/stores", as: "admin", body: { form: "name=Hostile&code=HOSTILE-1" }, status: 400, says: "JSON" },
        { name: "create store: multipart", method: "POST", url: "/admin/pos/stores", as: "admin", body: { multipart: { name: "Hostile", code: "HOSTILE-1" } }, status: 400, says: "JSON" },
        { name: "create store: a list body", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: [storeBody()] }, status: 400, says: "JSON object" },
        { name: "create store: 40 levels deep", method: "POST", url: "/admin/pos/stores", as: "admin", body: { json: storeBody({ metadata: JSON.parse("[".repeat(40) + "]".repeat(40)) }) }, status: 400, says: "nests deeper" },
        { name: "update store: NUL in name", method: "POST", url: `/admin/pos/stores/${S}`, as: "admin", body: { json: { name: NUL } }, status: 400, says: "name contains a control character" },
        { name: "update store: hold hours 1e20", method: "POST", url: `/admin/pos/stores/${S}`, as: "admin", body: { json: { pickup_hold_hours: 1e20 } }, status: 400, says: "pickup_hold_hours" },
        { name: "update store: unknown store", method: "POST", url: "/admin/pos/stores/pstr_01NOPE", as: "admin", body: { json: { name: "Renamed" } }, status: 404, says: "pstr_01NOPE" },
        { name: "admin store: NUL in the id", method: "GET", url: `/admin/pos/stores/${enc(NUL)}`, as: "admin", status: 400, says: "control character" },
        { name: "admin store: 12 KB id", method: "GET", url: `/admin/pos/stores/${Q12K}`, as: "admin", status: 400, says: "longer than" },
        { name: "admin store: bad URL encoding", method: "GET", url: "/admin/pos/stores/%E0%A4%A", as: "admin", status: 400 },
        { name: "delete store: a store that sold", method: "DELETE", url: `/admin/pos/stores/${S}`, as: "admin", status: 400, says: "cannot be deleted" },
        { name: "delete store: unknown store", method: "DELETE", url: "/admin/pos/stores/pstr_01NOPE", as: "admin", status: 404 },
        { name: "disable store: text/plain", method: "POST", url: `/admin/pos/stores/${S}/disable`, as: "admin", body: { text: "now" }, status: 400, says: "JSON" },
        { name: "create register: BEL in name", method: "POST", url: `/admin/pos/stores/${S}/registers`, as: "admin", body: { json: { name: BELL } }, status: 400, says: "name contains a control character" },
        { name: "create register: 500-character name", method: "POST", url: `/admin/pos/stores/${S}/registers`, as: "admin", body: { json: { name: "r".repeat(500) } }, status: 400, says: "name" },
        { name: "create register: name as a number", method: "POST", url: `/admin/pos/stores/${S}/registers`, as: "admin", body: { json: { name: 42 } }, status: 400, says: "name" },
        { name: "update register: unknown register", method: "POST", url: `/admin/pos/stores/${S}/registers/preg_01NOPE`, as: "admin", body: { json: { name: "Till 9" } }, status: 404 },
        { name: "member: unknown role", method: "POST", url: `/admin/pos/stores/${S}/staff`, as: "admin", body: { json: { staff_id: w.staffId, role: "owner" } }, status: 400, says: "role" },
        { name: "member: unknown staff member", method: "POST", url: `/admin/pos/stores/${S}/staff`, as: "admin", body: { json: { staff_id: "pstf_01NOPE", role: "associate" } }, status: 404, says: "pstf_01NOPE" },
        { name: "member: 11-digit PIN", method: "POST", url: `/admin/pos/stores/${S}/staff`, as: "admin", body: { json: { staff_id: w.staffId, role: "associate", pin: "12345678901" } }, status: 400, says: "pin" },
        { name: "remove member: not a member", method: "DELETE", url: `/admin/pos/stores/${S}/staff/${w.wickerStaffId}`, as: "admin", status: 404 },
        { name: "remove member: NUL in the id", method: "DELETE", url: `/admin/pos/stores/${S}/staff/${enc(NUL)}`, as: "admin", status: 400, says: "control character" },
      ]
      expect(await runRows(rows)).toEqual([])
    })

    it("admin staff, audit log and routing refuse hostile input", async () => {
      const rows: Row[] = [
        { name: "staff: negative limit", method: "GET", url: "/admin/pos/staff?limit=-1", as: "admin", status: 400, says: "limit" },
        { name: "staff: offset abc", method: "GET", url: "/admin/pos/staff?offset=abc", as: "admin", status: 400, says: "offset" },
        { name: "staff: NUL in email", method: "GET", url: `/admin/pos/staff?email=${enc(NUL)}`, as: "admin", status: 400, says: "email contains a control character" },
        { name: "create staff: bad email", method: "POST", url: "/admin/pos/staff", as: "admin", body: { json: { email: "not-an-email", password: "long-enough-1", first_name: "A", last_name: "B" } }, status: 400, says: "email" },
        { name: "create staff: 300-character last name", method: "POST", url: "/admin/pos/staff", as: "admin", body: { json: { email: "h1@pos.test", password: "long-enough-1", first_name: "A", last_name: "l".repeat(300) } }, status: 400, says: "last_name" },
        { name: "create staff: 5 KB password", method: "POST", url: "/admin/pos/staff", as: "admin", body: { json: { email: "h2@pos.test", password: "p".repeat(5_000), first_name: "A", last_name: "B" } }, status: 400, says: "password" },
        { name: "create staff: NUL in first name", method: "POST", url: "/admin/pos/staff", as: "admin", body: { json: { email: "h3@pos.test", password: "long-enough-1", first_name: NUL, last_name: "B" } }, status: 400, says: "first_name contains a control character" },
        { name: "create staff: role smuggled in", method: "POST", url: "/admin/pos/staff", as: "admin", body: { json: { email: "h4@pos.test", password: "long-enough-1", first_name: "A", last_name: "B", role: "manager" } }, status: 400, says: "role" },
        { name: "update staff: unknown staff member", method: "POST", url: "/admin/pos/staff/pstf_01NOPE", as: "admin", body: { json: { first_name: "X" } }, status: 404, says: "pstf_01NOPE" },
        { name: "update staff: is_active as text", method: "POST", url: `/admin/pos/staff/${w.staffId}`, as: "admin", body: { json: { is_active: "no" } }, status: 400, says: "is_active" },
        { name: "staff member: unknown id", method: "GET", url: "/admin/pos/staff/pstf_01NOPE", as: "admin", status: 404 },
        { name: "audit log: order by an unknown column", method: "GET", url: "/admin/pos/audit-log?order=-secret", as: "admin", status: 400, says: "order" },
        { name: "audit log: negative limit", method: "GET", url: "/admin/pos/audit-log?limit=-1", as: "admin", status: 400, says: "limit" },
        { name: "audit log: limit 2^31", method: "GET", url: `/admin/pos/audit-log?limit=${INT32}`, as: "admin", status: 400, says: "limit" },
        { name: "audit log: from yesterday", method: "GET", url: "/admin/pos/audit-log?from=yesterday", as: "admin", status: 400, says: "from" },
        { name: "audit log: from year 0", method: "GET", url: "/admin/pos/audit-log?from=0000-01-01T00:00:00Z", as: "admin", status: 400, says: "from" },
        { name: "audit log: to year 275760", method: "GET", url: "/admin/pos/audit-log?to=%2B275760-01-01", as: "admin", status: 400, says: "to" },
        { name: "audit log: unknown actor type", method: "GET", url: "/admin/pos/audit-log?actor_type=robot", as: "admin", status: 400, says: "actor_type" },
        { name: "audit log: DEL in action", method: "GET", url: `/admin/pos/audit-log?action=${enc(DEL)}`, as: "admin", status: 400, says: "action contains a control character" },
        { name: "order routing: NUL in the id", method: "GET", url: `/admin/orders/${enc(NUL)}/routing`, as: "admin", status: 400, says: "control character" },
        { name: "order routing: 12 KB id", method: "GET", url: `/admin/orders/${Q12K}/routing`, as: "admin", status: 400, says: "longer than" },
        { name: "simulate: last -1", method: "POST", url: "/admin/pos/routing/simulate", as: "admin", body: { json: { last: -1, rule_set: { rules: [{ id: "nearest" }] } } }, status: 400, says: "last" },
        { name: "simulate: last 1e20", method: "POST", url: "/admin/pos/routing/simulate", as: "admin", body: { json: { last: 1e20, rule_set: { rules: [{ id: "nearest" }] } } }, status: 400, says: "last" },
        // without a rule set the rules in force are simulated (the dashboard's "before"); null is not a rule set
        { name: "simulate: rule set null", method: "POST", url: "/admin/pos/routing/simulate", as: "admin", body: { json: { last: 5, rule_set: null } }, status: 400, says: "rule_set" },
        { name: "store today: unknown store", method: "GET", url: "/admin/pos/stores/str_nope/today", as: "admin", status: 404, says: "str_nope" },
        { name: "store today: NUL in the id", method: "GET", url: `/admin/pos/stores/${enc(NUL)}/today`, as: "admin", status: 400, says: "control character" },
        { name: "resolve offline sale: no note", method: "POST", url: "/admin/pos/offline-sales/offs_x/resolve", as: "admin", body: { json: {} }, status: 400, says: "note" },
        { name: "resolve offline sale: note of 1,001 characters", method: "POST", url: "/admin/pos/offline-sales/offs_x/resolve", as: "admin", body: { json: { note: "x".repeat(1001) } }, status: 400, says: "note" },
        { name: "resolve offline sale: note a number", method: "POST", url: "/admin/pos/offline-sales/offs_x/resolve", as: "admin", body: { json: { note: 42 } }, status: 400, says: "note" },
        { name: "resolve offline sale: extra key", method: "POST", url: "/admin/pos/offline-sales/offs_x/resolve", as: "admin", body: { json: { note: "ok", status: "applied" } }, status: 400, says: "status" },
        { name: "resolve offline sale: unknown sale", method: "POST", url: "/admin/pos/offline-sales/offs_nope/resolve", as: "admin", body: { json: { note: "ok" } }, status: 404, says: "offs_nope" },
        { name: "audit export: from yesterday", method: "GET", url: "/admin/pos/audit-log/export?from=yesterday", as: "admin", status: 400, says: "from" },
        { name: "audit export: unknown actor type", method: "GET", url: "/admin/pos/audit-log/export?actor_type=robot", as: "admin", status: 400, says: "actor_type" },
        { name: "readiness: store id a list", method: "GET", url: "/admin/pos/readiness?store_id[]=a&store_id[]=b", as: "admin", status: 400, says: "store_id" },
        { name: "readiness: unknown store", method: "GET", url: "/admin/pos/readiness?store_id=str_nope", as: "admin", status: 404, says: "str_nope" },
        { name: "readiness: unknown parameter", method: "GET", url: "/admin/pos/readiness?drop=1", as: "admin", status: 400, says: "drop" },
        { name: "reports: metrics a list", method: "GET", url: "/admin/pos/reports?metrics[]=sales&metrics[]=basket", as: "admin", status: 400, says: "metrics" },
        { name: "reports: SQL in metrics", method: "GET", url: `/admin/pos/reports?metrics=${enc("sales;drop table pos_sale")}`, as: "admin", status: 400, says: "metrics are some of" },
        { name: "reports: 12 KB metrics", method: "GET", url: `/admin/pos/reports?metrics=${Q12K}`, as: "admin", status: 400, says: "metrics" },
        { name: "reports: year 0", method: "GET", url: "/admin/pos/reports?from=0000-01-01", as: "admin", status: 400, says: "from" },
        { name: "reports: a timestamp for a day", method: "GET", url: "/admin/pos/reports?to=2026-12-04T00:00:00Z", as: "admin", status: 400, says: "to is a day" },
        { name: "reports: ten years", method: "GET", url: "/admin/pos/reports?from=2016-01-01&to=2026-01-01", as: "admin", status: 400, says: "at most 366 days" },
        { name: "reports: SQL in the time zone", method: "GET", url: `/admin/pos/reports?timezone=${enc("UTC'; drop table pos_sale; --")}`, as: "admin", status: 400, says: "timezone" },
        { name: "reports: NUL in store id", method: "GET", url: `/admin/pos/reports?store_id=${enc(NUL)}`, as: "admin", status: 400, says: "store_id contains a control character" },
        { name: "reports: staff token", method: "GET", url: "/admin/pos/reports", as: "associate", status: 401 },
        { name: "report export: no token", method: "GET", url: "/admin/pos/reports/export", as: "none", status: 401 },
        { name: "report export: unknown group", method: "GET", url: "/admin/pos/reports/export?group_by=hour", as: "admin", status: 400, says: "group_by" },
        { name: "costs: 1,001 costs", method: "POST", url: "/admin/pos/variant-costs", as: "admin", body: { json: { currency_code: "usd", costs: Array.from({ length: 1001 }, (_, i) => ({ sku: `S${i}`, amount: 1 })) } }, status: 400, says: "costs has more than 1000 items" },
        { name: "costs: amount 1e20", method: "POST", url: "/admin/pos/variant-costs", as: "admin", body: { json: { currency_code: "usd", costs: [{ sku: "NW-TEE-BLA-M", amount: 1e20 }] } }, status: 400, says: "amount is a number from 0" },
        { name: "costs: amount as text", method: "POST", url: "/admin/pos/variant-costs", as: "admin", body: { json: { currency_code: "usd", costs: [{ sku: "NW-TEE-BLA-M", amount: "12" }] } }, status: 400, says: "amount" },
        { name: "costs: NUL in sku", method: "POST", url: "/admin/pos/variant-costs", as: "admin", body: { json: { currency_code: "usd", costs: [{ sku: NUL, amount: 1 }] } }, status: 400, says: "sku contains a control character" },
        { name: "costs: both sku and id", method: "POST", url: "/admin/pos/variant-costs", as: "admin", body: { json: { currency_code: "usd", costs: [{ sku: "NW-TEE-BLA-M", variant_id: "variant_1", amount: 1 }] } }, status: 400, says: "one of them" },
        { name: "costs: currency a number", method: "POST", url: "/admin/pos/variant-costs", as: "admin", body: { json: { currency_code: 840, costs: [{ sku: "NW-TEE-BLA-M", amount: 1 }] } }, status: 400, says: "currency_code" },
        { name: "costs: staff token", method: "POST", url: "/admin/pos/variant-costs", as: "associate", body: { json: { currency_code: "usd", costs: [{ sku: "NW-TEE-BLA-M", amount: 1 }] } }, status: 401 },
        { name: "costs: wildcards are text", method: "GET", url: `/admin/pos/variant-costs?q=${enc("%_%")}`, as: "admin", status: 200, check: (status, data) => (status === 200 && data.count === 0 ? null : `answered ${status} with ${JSON.stringify(data).slice(0, 200)}`) },
        { name: "costs: limit 2^31", method: "GET", url: `/admin/pos/variant-costs?limit=${INT32}`, as: "admin", status: 400, says: "limit" },
        { name: "simulate: 1,001 order ids", method: "POST", url: "/admin/pos/routing/simulate", as: "admin", body: { json: { order_ids: Array.from({ length: 1001 }, (_, i) => `o${i}`), rule_set: { rules: [{ id: "nearest" }] } } }, status: 400, says: "order_ids has more than 1000 items" },
        { name: "simulate: 600 order ids", method: "POST", url: "/admin/pos/routing/simulate", as: "admin", body: { json: { order_ids: Array.from({ length: 600 }, (_, i) => `order_${i}`), rule_set: { rules: [{ id: "nearest" }] } } }, status: 400, says: "order_ids" },
        { name: "save rules: unknown rule", method: "POST", url: "/admin/pos/routing/rules", as: "admin", body: { json: { rule_set: { rules: [{ id: "drop_table" }] } } }, status: 400, says: "drop_table" },
        { name: "save rules: safety stock 1e20", method: "POST", url: "/admin/pos/routing/rules", as: "admin", body: { json: { rule_set: { rules: [{ id: "nearest" }], safety_stock: { default: 1e20 } } } }, status: 400, says: "safety_stock" },
        { name: "save rules: NUL in a rule id", method: "POST", url: "/admin/pos/routing/rules", as: "admin", body: { json: { rule_set: { rules: [{ id: NUL }] } } }, status: 400, says: "rule_set.rules[0].id contains a control character" },
        { name: "save rules: form data", method: "POST", url: "/admin/pos/routing/rules", as: "admin", body: { form: "rule_set=null" }, status: 400, says: "JSON" },
        { name: "rules: NUL in a query value", method: "GET", url: `/admin/pos/routing/rules?x=${enc(NUL)}`, as: "admin", status: 400, says: "x contains a control character" },
      ]
      expect(await runRows(rows)).toEqual([])
    })

    it("staff sign-in, the store, PINs and shifts refuse hostile input", async () => {
      const S = w.state
      const rows: Row[] = [
        { name: "sign in: NUL in email", method: "POST", url: "/auth/staff/emailpass", as: "none", body: { json: { email: `a${NUL}@pos.test`, password: "x-password" } }, status: 400, says: "email contains a control character" },
        { name: "sign in: 100 KB password", method: "POST", url: "/auth/staff/emailpass", as: "none", body: { json: { email: "a@pos.test", password: K100 } }, status: 413 },
        { name: "sign in: 20 KB password", method: "POST", url: "/auth/staff/emailpass", as: "none", body: { json: { email: "a@pos.test", password: K20 } }, status: 400, says: "password is longer than" },
        { name: "sign in: text/plain", method: "POST", url: "/auth/staff/emailpass", as: "none", body: { text: "email=a@pos.test" }, status: 400, says: "JSON" },
        { name: "register: refused", method: "POST", url: "/auth/staff/emailpass/register", as: "none", body: { json: { email: "new@pos.test", password: "x-password" } }, status: 400, says: "created by an admin" },
        { name: "me: no token", method: "GET", url: "/terminal/me", as: "none", status: 401 },
        { name: "me: an admin's token", method: "GET", url: "/terminal/me", as: "admin", status: 401 },
        { name: "me: BEL in a query value", method: "GET", url: `/terminal/me?x=${enc(BELL)}`, as: "associate", status: 400, says: "x contains a control character" },
        { name: "terminal store: NUL in the id", method: "GET", url: `/terminal/stores/${enc(NUL)}`, as: "associate", status: 400, says: "control character" },
        { name: "terminal store: another store", method: "GET", url: `/terminal/stores/${w.wicker}`, as: "associate", status: 403, says: "not a member", gains: audited },
        { name: "terminal store: unknown store", method: "GET", url: "/terminal/stores/pstr_01NOPE", as: "associate", status: 404 },
        { name: "offline policy: ESC in a query value", method: "GET", url: `/terminal/stores/${S}/offline-policy?x=${enc(ESC)}`, as: "associate", status: 400, says: "control character" },
        { name: "connection token: text/plain", method: "POST", url: `/terminal/stores/${S}/stripe/connection-token`, as: "associate", body: { text: "token" }, status: 400, says: "JSON" },
        { name: "PIN: letters", method: "POST", url: "/terminal/pin/verify", as: "associate", body: { json: { store_id: S, pin: "12ab", action: "sale.void" } }, status: 400, says: "pin" },
        { name: "PIN: unknown action", method: "POST", url: "/terminal/pin/verify", as: "associate", body: { json: { store_id: S, pin: "1234", action: "drop.everything" } }, status: 400, says: "action" },
        { name: "PIN: NUL in store_id", method: "POST", url: "/terminal/pin/verify", as: "associate", body: { json: { store_id: NUL, pin: "1234", action: "sale.void" } }, status: 400, says: "store_id contains a control character" },
        { name: "PIN: pin as a number", method: "POST", url: "/terminal/pin/verify", as: "associate", body: { json: { store_id: S, pin: 1234, action: "sale.void" } }, status: 400, says: "pin" },
        { name: "PIN switch: letters", method: "POST", url: "/terminal/pin/switch", as: "associate", body: { json: { store_id: S, pin: "12ab" } }, status: 400, says: "pin" },
        { name: "PIN switch: unknown field", method: "POST", url: "/terminal/pin/switch", as: "associate", body: { json: { store_id: S, pin: "1234", staff_id: "stf_1" } }, status: 400, says: "staff_id" },
        { name: "PIN switch: no store", method: "POST", url: "/terminal/pin/switch", as: "associate", body: { json: { pin: "1234" } }, status: 400, says: "store_id" },
        { name: "shifts: NUL in status", method: "GET", url: `/terminal/stores/${S}/shifts?status=${enc(NUL)}`, as: "associate", status: 400, says: "status contains a control character" },
        { name: "shifts: unknown status", method: "GET", url: `/terminal/stores/${S}/shifts?status=lost`, as: "associate", status: 400, says: "status" },
        { name: "open shift: negative float", method: "POST", url: `/terminal/stores/${S}/shifts`, as: "associate", body: { json: { register_id: w.register, opening_float: -1 } }, status: 400, says: "opening_float" },
        { name: "open shift: float 1e20", method: "POST", url: `/terminal/stores/${S}/shifts`, as: "associate", body: { json: { register_id: w.register, opening_float: 1e20 } }, status: 400, says: "opening_float" },
        { name: "open shift: float as text", method: "POST", url: `/terminal/stores/${S}/shifts`, as: "associate", body: { json: { register_id: w.register, opening_float: "100" } }, status: 400, says: "opening_float" },
        { name: "open shift: another store's register", method: "POST", url: `/terminal/stores/${S}/shifts`, as: "associate", body: { json: { register_id: w.wickerRegister, opening_float: 10 } }, status: 404, says: w.wickerRegister },
        { name: "open shift: another store", method: "POST", url: `/terminal/stores/${w.wicker}/shifts`, as: "associate", body: { json: { register_id: w.wickerRegister, opening_float: 10 } }, status: 403, gains: audited },
        { name: "shift: NUL in the id", method: "GET", url: `/terminal/shifts/${enc(NUL)}`, as: "associate", status: 400, says: "control character" },
        { name: "shift: another store's", method: "GET", url: `/terminal/shifts/${w.wickerShift}`, as: "associate", status: 403, gains: audited },
        { name: "shift: unknown", method: "GET", url: "/terminal/shifts/pshf_01NOPE", as: "associate", status: 404 },
        { name: "cash movement: 1e15", method: "POST", url: `/terminal/shifts/${w.shift}/cash-movements`, as: "manager", body: { json: { amount: 1e15, reason: "float top-up" } }, status: 400, says: "amount" },
        { name: "cash movement: 1e20", method: "POST", url: `/terminal/shifts/${w.shift}/cash-movements`, as: "manager", body: { json: { amount: 1e20, reason: "float top-up" } }, status: 400, says: "amount" },
        { name: "cash movement: -1e20", method: "POST", url: `/terminal/shifts/${w.shift}/cash-movements`, as: "manager", body: { json: { amount: -1e20, reason: "skim" } }, status: 400, says: "amount" },
        { name: "cash movement: NaN as text", method: "POST", url: `/terminal/shifts/${w.shift}/cash-movements`, as: "manager", body: { json: { amount: "NaN", reason: "float top-up" } }, status: 400, says: "amount" },
        { name: "cash movement: 0", method: "POST", url: `/terminal/shifts/${w.shift}/cash-movements`, as: "manager", body: { json: { amount: 0, reason: "nothing" } }, status: 400, says: "amount" },
        { name: "cash movement: NUL in reason", method: "POST", url: `/terminal/shifts/${w.shift}/cash-movements`, as: "manager", body: { json: { amount: 5, reason: NUL } }, status: 400, says: "reason contains a control character" },
        { name: "cash movement: 600-character reason", method: "POST", url: `/terminal/shifts/${w.shift}/cash-movements`, as: "manager", body: { json: { amount: 5, reason: "r".repeat(600) } }, status: 400, says: "reason" },
        { name: "cash movement: unknown field", method: "POST", url: `/terminal/shifts/${w.shift}/cash-movements`, as: "manager", body: { json: { amount: 5, reason: "top-up", shift_id: w.wickerShift } }, status: 400, says: "shift_id" },
        { name: "cash movement: another store's shift", method: "POST", url: `/terminal/shifts/${w.wickerShift}/cash-movements`, as: "manager", body: { json: { amount: 5, reason: "top-up" } }, status: 403, gains: audited },
        { name: "close shift: negative count", method: "POST", url: `/terminal/shifts/${w.shift}/close`, as: "manager", body: { json: { counted_cash: -5 } }, status: 400, says: "counted_cash" },
        { name: "close shift: count 1e20", method: "POST", url: `/terminal/shifts/${w.shift}/close`, as: "manager", body: { json: { counted_cash: 1e20 } }, status: 400, says: "counted_cash" },
        { name: "close shift: form data", method: "POST", url: `/terminal/shifts/${w.shift}/close`, as: "manager", body: { form: "counted_cash=100" }, status: 400, says: "JSON" },
      ]
      expect(await runRows(rows)).toEqual([])
    })

    it("lookup, availability and the store's tasks refuse hostile input", async () => {
      const S = w.state
      const rows: Row[] = [
        { name: "lookup: neither code nor q", method: "GET", url: `/terminal/stores/${S}/lookup`, as: "associate", status: 400, says: "give code (a barcode or SKU) or q (text) to look up" },
        { name: "lookup: both code and q", method: "GET", url: `/terminal/stores/${S}/lookup?code=NW-TEE-BLA-M&q=tee`, as: "associate", status: 400, says: "not both" },
        { name: "lookup: NUL in q", method: "GET", url: `/terminal/stores/${S}/lookup?q=${enc(NUL)}`, as: "associate", status: 400, says: "q contains a control character" },
        { name: "lookup: 12 KB code", method: "GET", url: `/terminal/stores/${S}/lookup?code=${Q12K}`, as: "associate", status: 400, says: "code is longer than" },
        { name: "lookup: 300-character code", method: "GET", url: `/terminal/stores/${S}/lookup?code=${"c".repeat(300)}`, as: "associate", status: 400, says: "code" },
        { name: "lookup: negative limit", method: "GET", url: `/terminal/stores/${S}/lookup?code=NW-TEE-BLA-M&limit=-1`, as: "associate", status: 400, says: "limit" },
        { name: "lookup: limit 1e20", method: "GET", url: `/terminal/stores/${S}/lookup?code=NW-TEE-BLA-M&limit=1e20`, as: "associate", status: 400, says: "limit" },
        { name: "lookup: another store", method: "GET", url: `/terminal/stores/${w.wicker}/lookup?code=NW-TEE-BLA-M`, as: "associate", status: 403, gains: audited },
        { name: "catalog: limit 1e20", method: "GET", url: `/terminal/stores/${S}/catalog?limit=1e20`, as: "associate", status: 400, says: "limit" },
        { name: "catalog: since not a version", method: "GET", url: `/terminal/stores/${S}/catalog?since=${enc("1; drop table")}`, as: "associate", status: 400, says: "since" },
        { name: "catalog: NUL in after", method: "GET", url: `/terminal/stores/${S}/catalog?after=${enc(NUL)}`, as: "associate", status: 400, says: "after contains a control character" },
        { name: "availability: NUL in variant_id", method: "GET", url: `/terminal/stores/${S}/availability?variant_id=${enc(NUL)}`, as: "associate", status: 400, says: "variant_id contains a control character" },
        { name: "availability: no variant_id", method: "GET", url: `/terminal/stores/${S}/availability`, as: "associate", status: 400, says: "variant_id" },
        { name: "availability: 200 ids", method: "GET", url: `/terminal/stores/${S}/availability?${Array.from({ length: 200 }, (_, i) => `variant_id=v${i}`).join("&")}`, as: "associate", status: 400, says: "variant_id" },
        { name: "tasks: unknown status", method: "GET", url: `/terminal/stores/${S}/tasks?status=lost`, as: "manager", status: 400, says: "status" },
        { name: "tasks: NUL in status", method: "GET", url: `/terminal/stores/${S}/tasks?status=${enc(NUL)}`, as: "manager", status: 400, says: "status contains a control character" },
        { name: "tasks: unknown query field", method: "GET", url: `/terminal/stores/${S}/tasks?limit=5`, as: "manager", status: 400, says: "limit" },
        { name: "task: NUL in the id", method: "GET", url: `/terminal/tasks/${enc(NUL)}`, as: "manager", status: 400, says: "control character" },
        { name: "task: unknown", method: "GET", url: "/terminal/tasks/ptsk_01NOPE", as: "manager", status: 404 },
        { name: "task: another store's staff", method: "GET", url: `/terminal/tasks/${w.task}`, as: "wicker", status: 403, gains: audited },
        { name: "pick: picked 2^31", method: "POST", url: `/terminal/tasks/${w.task}/pick`, as: "manager", body: { json: { lines: [{ line_item_id: "ordli_1", picked: INT32 }] } }, status: 400, says: "picked" },
        { name: "pick: picked -1", method: "POST", url: `/terminal/tasks/${w.task}/pick`, as: "manager", body: { json: { lines: [{ line_item_id: "ordli_1", picked: -1 }] } }, status: 400, says: "picked" },
        { name: "pick: NUL in reason", method: "POST", url: `/terminal/tasks/${w.task}/pick`, as: "manager", body: { json: { reason: NUL } }, status: 400, says: "reason contains a control character" },
        { name: "ship: NUL in tracking number", method: "POST", url: `/terminal/tasks/${w.task}/ship`, as: "manager", body: { json: { tracking_number: `1Z${NUL}` } }, status: 400, says: "tracking_number contains a control character" },
        { name: "ship: tracking URL not a URL", method: "POST", url: `/terminal/tasks/${w.task}/ship`, as: "manager", body: { json: { tracking_number: "1Z999", tracking_url: "javascript:alert(1)" } }, status: 400, says: "tracking_url" },
        { name: "collect: code with letters", method: "POST", url: `/terminal/tasks/${w.task}/collect`, as: "manager", body: { json: { pickup_code: "12345a" } }, status: 400, says: "pickup_code" },
        { name: "collect: code as a number", method: "POST", url: `/terminal/tasks/${w.task}/collect`, as: "manager", body: { json: { pickup_code: 123456 } }, status: 400, says: "pickup_code" },
        { name: "ready: text/plain", method: "POST", url: `/terminal/tasks/${w.task}/ready`, as: "manager", body: { text: "ready" }, status: 400, says: "JSON" },
        { name: "collect: code and receipt both", method: "POST", url: `/terminal/tasks/${w.task}/collect`, as: "manager", body: { json: { pickup_code: "123456", receipt_code: "STATE-ABCDEFGH" } }, status: 400, says: "give the customer's pickup_code" },
        { name: "collect: NUL in receipt code", method: "POST", url: `/terminal/tasks/${w.task}/collect`, as: "manager", body: { json: { receipt_code: `STATE-${NUL}` } }, status: 400, says: "receipt_code contains a control character" },
        { name: "receive: received 2^31", method: "POST", url: `/terminal/tasks/${w.task}/receive`, as: "manager", body: { json: { lines: [{ line_item_id: "ordli_1", received: INT32 }] } }, status: 400, says: "received" },
        { name: "receive: NUL in line id", method: "POST", url: `/terminal/tasks/${w.task}/receive`, as: "manager", body: { json: { lines: [{ line_item_id: NUL, received: 1 }] } }, status: 400, says: "control character" },
        { name: "receive: 201 lines", method: "POST", url: `/terminal/tasks/${w.task}/receive`, as: "manager", body: { json: { lines: Array.from({ length: 201 }, (_, i) => ({ line_item_id: `l${i}`, received: 1 })) } }, status: 400, says: "lines" },
        { name: "receive: another store's staff", method: "POST", url: `/terminal/tasks/${w.task}/receive`, as: "wicker", body: { json: { lines: [{ line_item_id: "ordli_1", received: 1 }] } }, status: 403, gains: audited },
        { name: "count: unknown scope", method: "POST", url: `/terminal/stores/${S}/counts`, as: "manager", body: { json: { label: "Aisle 4", scope: { kind: "aisle" } } }, status: 400, says: "scope" },
        { name: "count: NUL in label", method: "POST", url: `/terminal/stores/${S}/counts`, as: "manager", body: { json: { label: `Shelf ${NUL}`, scope: { kind: "shelf" } } }, status: 400, says: "label contains a control character" },
        { name: "count: 501 codes", method: "POST", url: `/terminal/stores/${S}/counts`, as: "manager", body: { json: { label: "All", scope: { kind: "skus", codes: Array.from({ length: 501 }, (_, i) => `SKU-${i}`) } } }, status: 400, says: "codes" },
        { name: "count: unknown codes", method: "POST", url: `/terminal/stores/${S}/counts`, as: "manager", body: { json: { label: "Two", scope: { kind: "skus", codes: ["NOPE-1", "NOPE-2"] } } }, status: 400, says: "No product has the code NOPE-1, NOPE-2" },
        { name: "count: another store", method: "POST", url: `/terminal/stores/${w.wicker}/counts`, as: "manager", body: { json: { label: "Shelf", scope: { kind: "shelf" } } }, status: 403, gains: audited },
        { name: "count: unknown count", method: "POST", url: "/terminal/counts/pcount_01NOPE/submit", as: "manager", body: { json: { lines: [{ code: "NW-TEE-BLA-M", counted: 1 }] } }, status: 404 },
        { name: "categories: unknown query field", method: "GET", url: `/terminal/stores/${S}/categories?limit=5`, as: "manager", status: 400, says: "limit" },
        { name: "categories: another store", method: "GET", url: `/terminal/stores/${w.wicker}/categories`, as: "manager", status: 403, gains: audited },
        { name: "count: unknown status", method: "GET", url: `/terminal/stores/${S}/counts?status=lost`, as: "manager", status: 400, says: "status" },
      ]
      expect(await runRows(rows)).toEqual([])
    })

    it("counter sales, lines, customers and promotions refuse hostile input", async () => {
      const S = w.state
      const sale = `/terminal/sales/${w.lineSale}`
      const rows: Row[] = [
        { name: "new sale: NUL in shift_id", method: "POST", url: `/terminal/stores/${S}/sales`, as: "associate", body: { json: { shift_id: NUL } }, status: 400, says: "shift_id contains a control character" },
        { name: "new sale: unknown shift", method: "POST", url: `/terminal/stores/${S}/sales`, as: "associate", body: { json: { shift_id: "pshf_01NOPE" } }, status: 404, says: "pshf_01NOPE" },
        { name: "new sale: another store's shift", method: "POST", url: `/terminal/stores/${S}/sales`, as: "associate", body: { json: { shift_id: w.wickerShift } }, status: 404, says: w.wickerShift },
        { name: "new sale: another store", method: "POST", url: `/terminal/stores/${w.wicker}/sales`, as: "associate", body: { json: { shift_id: w.wickerShift } }, status: 403, gains: audited },
        { name: "new sale: shift_id as a list", method: "POST", url: `/terminal/stores/${S}/sales`, as: "associate", body: { json: { shift_id: [w.shift] } }, status: 400, says: "shift_id" },
        { name: "sale: NUL in the id", method: "GET", url: `/terminal/sales/${enc(NUL)}`, as: "associate", status: 400, says: "control character" },
        { name: "sale: another store's", method: "GET", url: `/terminal/sales/${w.wickerSale}`, as: "associate", status: 403, gains: audited },
        { name: "sale: unknown", method: "GET", url: "/terminal/sales/psale_01NOPE", as: "associate", status: 404 },
        { name: "add line: quantity 2^31", method: "POST", url: `${sale}/lines`, as: "associate", body: { json: { code: "NW-TEE-BLA-M", quantity: INT32 } }, status: 400, says: "quantity" },
        { name: "add line: quantity 1e20", method: "POST", url: `${sale}/lines`, as: "associate", body: { json: { code: "NW-TEE-BLA-M", quantity: 1e20 } }, status: 400, says: "quantity" },
        { name: "add line: quantity 1000 (over the default 999)", method: "POST", url: `${sale}/lines`, as: "associate", body: { json: { code: "NW-TEE-BLA-M", quantity: 1000 } }, status: 400, says: "quantity" },
        { name: "add line: quantity -1", method: "POST", url: `${sale}/lines`, as: "associate", body: { json: { code: "NW-TEE-BLA-M", quantity: -1 } }, status: 400, says: "quantity" },
        { name: "add line: quantity 1.5", method: "POST", url: `${sale}/lines`, as: "associate", body: { json: { code: "NW-TEE-BLA-M", quantity: 1.5 } }, status: 400, says: "quantity" },
        { name: "add line: quantity as text", method: "POST", url: `${sale}/lines`, as: "associate", body: { json: { code: "NW-TEE-BLA-M", quantity: "2" } }, status: 400, says: "quantity" },
        { name: "add line: NUL in code", method: "POST", url: `${sale}/lines`, as: "associate", body: { json: { code: NUL } }, status: 400, says: "code contains a control character" },
        { name: "add line: a price of its own", method: "POST", url: `${sale}/lines`, as: "associate", body: { json: { code: "NW-TEE-BLA-M", unit_price: 0 } }, status: 400, says: "unit_price" },
        { name: "add line: code and variant_id", method: "POST", url: `${sale}/lines`, as: "associate", body: { json: { code: "NW-TEE-BLA-M", variant_id: "variant_1" } }, status: 400, says: "either code" },
        { name: "add line: 100 KB code", method: "POST", url: `${sale}/lines`, as: "associate", body: { json: { code: K100 } }, status: 413 },
        { name: "add line: another store's sale", method: "POST", url: `/terminal/sales/${w.wickerSale}/lines`, as: "associate", body: { json: { code: "NW-TEE-BLA-M" } }, status: 403, gains: audited },
        { name: "add line: text/plain", method: "POST", url: `${sale}/lines`, as: "associate", body: { text: "NW-TEE-BLA-M" }, status: 400, says: "JSON" },
        { name: "change line: quantity 2^31", method: "PATCH", url: `${sale}/lines/${w.line}`, as: "associate", body: { json: { quantity: INT32 } }, status: 400, says: "quantity" },
        { name: "change line: quantity -3", method: "PATCH", url: `${sale}/lines/${w.line}`, as: "associate", body: { json: { quantity: -3 } }, status: 400, says: "quantity" },
        { name: "change line: unknown line", method: "PATCH", url: `${sale}/lines/cali_01NOPE`, as: "associate", body: { json: { quantity: 1 } }, status: 404, says: "cali_01NOPE" },
        { name: "remove line: unknown line", method: "DELETE", url: `${sale}/lines/cali_01NOPE`, as: "associate", status: 404, says: "cali_01NOPE" },
        { name: "remove line: NUL in the id", method: "DELETE", url: `${sale}/lines/${enc(NUL)}`, as: "associate", status: 400, says: "control character" },
        { name: "customer: NUL in email", method: "POST", url: `${sale}/customer`, as: "associate", body: { json: { email: `a${NUL}@example.com` } }, status: 400, says: "email contains a control character" },
        { name: "customer: 300-character email", method: "POST", url: `${sale}/customer`, as: "associate", body: { json: { email: `${"a".repeat(300)}@example.com` } }, status: 400, says: "email" },
        { name: "customer: unknown customer", method: "POST", url: `${sale}/customer`, as: "associate", body: { json: { customer_id: "cus_01NOPE" } }, status: 404, says: "cus_01NOPE" },
        { name: "promotion: NUL in code", method: "POST", url: `${sale}/promotions`, as: "associate", body: { json: { code: NUL } }, status: 400, says: "code contains a control character" },
        { name: "promotion: 20 KB code", method: "POST", url: `${sale}/promotions`, as: "associate", body: { json: { code: K20 } }, status: 400, says: "code is longer than" },
        { name: "promotion: unknown action", method: "POST", url: `${sale}/promotions`, as: "associate", body: { json: { code: "SUMMER", action: "twice" } }, status: 400, says: "action" },
        { name: "void: NUL in approval_id", method: "POST", url: `${sale}/void`, as: "associate", body: { json: { approval_id: NUL } }, status: 400, says: "approval_id contains a control character" },
        { name: "void: unknown field", method: "POST", url: `${sale}/void`, as: "associate", body: { json: { refund: true } }, status: 400, says: "refund" },
        { name: "complete: multipart", method: "POST", url: `${sale}/complete`, as: "associate", body: { multipart: { force: "true" } }, status: 400, says: "JSON" },
        { name: "receipt: unknown format", method: "GET", url: `/terminal/orders/${w.order}/receipt?format=pdf`, as: "associate", status: 400, says: "format" },
        { name: "email receipt: no key", method: "POST", url: `/terminal/orders/${w.order}/receipt/email`, as: "associate", body: { json: { email: "a@example.com" } }, status: 400, says: "idempotency_key" },
        { name: "email receipt: two addresses", method: "POST", url: `/terminal/orders/${w.order}/receipt/email`, as: "associate", body: { json: { email: ["a@example.com", "b@example.com"], idempotency_key: "hostile-email-1" } }, status: 400, says: "email" },
        { name: "email receipt: another store's order", method: "POST", url: `/terminal/orders/${w.order}/receipt/email`, as: "wicker", body: { json: { email: "a@example.com", idempotency_key: "hostile-email-2" } }, status: 403, gains: audited },
        { name: "customer: phone of letters", method: "POST", url: `${sale}/customer`, as: "associate", body: { json: { phone: "DROP TABLE" } }, status: 400, says: "phone" },
      ]
      expect(await runRows(rows)).toEqual([])
    })

    it("tenders and refunds refuse hostile input and reused keys", async () => {
      const tenders = `/terminal/sales/${w.openSale}/tenders`
      const refunds = `/terminal/orders/${w.order}/refunds`
      const tender = (overrides: Record<string, unknown>) => ({ json: { type: "cash", amount: 1, idempotency_key: "hostile-tender-new-0001", ...overrides } })
      const refund = (overrides: Record<string, unknown>) => ({ json: { amount: 1, idempotency_key: "hostile-refund-new-0001", shift_id: w.shift, ...overrides } })
      const rows: Row[] = [
        { name: "tender: amount 1e15", method: "POST", url: tenders, as: "associate", body: tender({ amount: 1e15 }), status: 400, says: "amount" },
        { name: "tender: amount 1e20", method: "POST", url: tenders, as: "associate", body: tender({ amount: 1e20 }), status: 400, says: "amount" },
        { name: "tender: tendered 1e20", method: "POST", url: tenders, as: "associate", body: tender({ tendered: 1e20 }), status: 400, says: "tendered" },
        { name: "tender: negative amount", method: "POST", url: tenders, as: "associate", body: tender({ amount: -5 }), status: 400, says: "amount" },
        { name: "tender: amount as text", method: "POST", url: tenders, as: "associate", body: tender({ amount: "5" }), status: 400, says: "amount" },
        { name: "tender: 5 decimals", method: "POST", url: tenders, as: "associate", body: tender({ amount: 1.00001 }), status: 400, says: "amount" },
        { name: "tender: unknown type", method: "POST", url: tenders, as: "associate", body: tender({ type: "bitcoin" }), status: 400, says: "type" },
        { name: "tender: unknown field", method: "POST", url: tenders, as: "associate", body: tender({ change_due: 0 }), status: 400, says: "change_due" },
        { name: "tender: NUL in the key", method: "POST", url: tenders, as: "associate", body: tender({ idempotency_key: `key-${NUL}-0001` }), status: 400, says: "idempotency_key contains a control character" },
        { name: "tender: key reused with another amount", method: "POST", url: tenders, as: "associate", body: tender({ amount: 6, idempotency_key: w.tenderKey }), status: 409, says: w.tenderKey },
        { name: "tender: key reused with another type", method: "POST", url: tenders, as: "associate", body: tender({ type: "card", amount: 5, idempotency_key: w.tenderKey }), status: 409, says: w.tenderKey },
        { name: "tender: text/plain", method: "POST", url: tenders, as: "associate", body: { text: "cash 5" }, status: 400, says: "JSON" },
        { name: "tender: another store's sale", method: "POST", url: `/terminal/sales/${w.wickerSale}/tenders`, as: "associate", body: tender({}), status: 403, gains: audited },
        { name: "tender: NUL in the id", method: "GET", url: `${tenders}/${enc(NUL)}`, as: "associate", status: 400, says: "control character" },
        { name: "tender: unknown", method: "GET", url: `${tenders}/ptnd_01NOPE`, as: "associate", status: 404 },
        { name: "cancel tender: unknown", method: "POST", url: `${tenders}/ptnd_01NOPE/cancel`, as: "associate", status: 404 },
        { name: "simulate tender: form data", method: "POST", url: `${tenders}/${w.tender}/simulate`, as: "associate", body: { form: "card=4242" }, status: 400, says: "JSON" },
        { name: "simulate tender: unknown outcome", method: "POST", url: `${tenders}/${w.tender}/simulate`, as: "associate", body: { json: { outcome: "maybe" } }, status: 400, says: "outcome" },
        { name: "refund: amount 1e20", method: "POST", url: refunds, as: "manager", body: refund({ amount: 1e20 }), status: 400, says: "amount" },
        { name: "refund: amount 1e15", method: "POST", url: refunds, as: "manager", body: refund({ amount: 1e15 }), status: 400, says: "amount" },
        { name: "refund: negative amount", method: "POST", url: refunds, as: "manager", body: refund({ amount: -1 }), status: 400, says: "amount" },
        { name: "refund: amount as text", method: "POST", url: refunds, as: "manager", body: refund({ amount: "1" }), status: 400, says: "amount" },
        { name: "refund: short key", method: "POST", url: refunds, as: "manager", body: refund({ idempotency_key: "k1" }), status: 400, says: "idempotency_key" },
        { name: "refund: unknown field", method: "POST", url: refunds, as: "manager", body: refund({ to_card: "4242" }), status: 400, says: "to_card" },
        { name: "refund: key reused with another amount", method: "POST", url: refunds, as: "manager", body: refund({ amount: 2, idempotency_key: w.refundKey }), status: 409, says: w.refundKey },
        { name: "refund: an associate without approval", method: "POST", url: refunds, as: "associate", body: refund({}), status: 403, says: "manager", gains: audited },
        { name: "refund: NUL in the order id", method: "POST", url: `/terminal/orders/${enc(NUL)}/refunds`, as: "manager", body: refund({}), status: 400, says: "control character" },
        { name: "refund: unknown order", method: "POST", url: "/terminal/orders/order_01NOPE/refunds", as: "manager", body: refund({}), status: 404 },
        { name: "refunds: BEL in a query value", method: "GET", url: `${refunds}?x=${enc(BELL)}`, as: "manager", status: 400, says: "x contains a control character" },
      ]
      expect(await runRows(rows)).toEqual([])
    })

    it("the returns desk refuses hostile input and reused keys", async () => {
      const S = w.state
      const returns = `/terminal/stores/${S}/returns`
      const take = (overrides: Record<string, unknown>, line: Record<string, unknown> = {}) => ({
        json: {
          order_id: w.order,
          lines: [{ line_item_id: w.orderLine, quantity: 1, disposition: "resellable", ...line }],
          idempotency_key: "hostile-return-new-0001",
          shift_id: w.shift,
          ...overrides,
        },
      })
      const rows: Row[] = [
        { name: "orders: NUL in q", method: "GET", url: `/terminal/orders?q=${enc(NUL)}`, as: "manager", status: 400, says: "q contains a control character" },
        { name: "orders: no q", method: "GET", url: "/terminal/orders", as: "manager", status: 400, says: "q" },
        { name: "orders: limit 0", method: "GET", url: "/terminal/orders?q=1&limit=0", as: "manager", status: 400, says: "limit" },
        { name: "orders: limit 1e20", method: "GET", url: "/terminal/orders?q=1&limit=1e20", as: "manager", status: 400, says: "limit" },
        { name: "orders: 300-character q", method: "GET", url: `/terminal/orders?q=${"a".repeat(300)}`, as: "manager", status: 400, says: "q" },
        { name: "refund preview: quantity 0", method: "POST", url: `/terminal/orders/${w.order}/return-eligibility`, as: "manager", body: { json: { lines: [{ line_item_id: w.orderLine, quantity: 0 }] } }, status: 400, says: "quantity" },
        { name: "refund preview: 201 lines", method: "POST", url: `/terminal/orders/${w.order}/return-eligibility`, as: "manager", body: { json: { lines: Array.from({ length: 201 }, () => ({ line_item_id: w.orderLine, quantity: 1 })) } }, status: 400, says: "lines" },
        { name: "refund preview: another order's line", method: "POST", url: `/terminal/orders/${w.order}/return-eligibility`, as: "manager", body: { json: { lines: [{ line_item_id: "ordli_01NOPE", quantity: 1 }] } }, status: 400, says: "is not a line of order" },
        { name: "orders: a phone nobody has", method: "GET", url: `/terminal/orders?q=${enc("+1 (999) 000-0000")}`, as: "manager", status: 200, check: (status, data) => (status === 200 && Array.isArray(data.orders) && !data.orders.length ? null : `answered ${status} with ${JSON.stringify(data).slice(0, 200)}`) },
        { name: "orders: another store's desk", method: "GET", url: `/terminal/orders?q=1&store_id=${w.wicker}`, as: "manager", status: 403, gains: audited },
        { name: "eligibility: NUL in store_id", method: "POST", url: `/terminal/orders/${w.order}/return-eligibility`, as: "manager", body: { json: { store_id: NUL } }, status: 400, says: "store_id contains a control character" },
        { name: "eligibility: another store", method: "POST", url: `/terminal/orders/${w.order}/return-eligibility`, as: "manager", body: { json: { store_id: w.wicker } }, status: 403, gains: audited },
        { name: "returns: negative limit", method: "GET", url: `${returns}?limit=-1`, as: "manager", status: 400, says: "limit" },
        { name: "returns: negative offset", method: "GET", url: `${returns}?offset=-1`, as: "manager", status: 400, says: "offset" },
        { name: "returns: offset 1e20", method: "GET", url: `${returns}?offset=1e20`, as: "manager", status: 400, says: "offset" },
        { name: "return: quantity 2^31", method: "POST", url: returns, as: "manager", body: take({}, { quantity: INT32 }), status: 400, says: "quantity" },
        { name: "return: quantity 1e20", method: "POST", url: returns, as: "manager", body: take({}, { quantity: 1e20 }), status: 400, says: "quantity" },
        { name: "return: quantity 0", method: "POST", url: returns, as: "manager", body: take({}, { quantity: 0 }), status: 400, says: "quantity" },
        { name: "return: unknown disposition", method: "POST", url: returns, as: "manager", body: take({}, { disposition: "trash" }), status: 400, says: "disposition" },
        { name: "return: no lines", method: "POST", url: returns, as: "manager", body: take({ lines: [] }), status: 400, says: "lines" },
        { name: "return: a refund amount of its own", method: "POST", url: returns, as: "manager", body: take({ refund_amount: 500 }), status: 400, says: "refund_amount" },
        { name: "return: NUL in reason", method: "POST", url: returns, as: "manager", body: take({}, { reason: NUL }), status: 400, says: "reason contains a control character" },
        { name: "return: 300-character line id", method: "POST", url: returns, as: "manager", body: take({}, { line_item_id: "l".repeat(300) }), status: 400, says: "line_item_id" },
        { name: "return: key reused with other lines", method: "POST", url: returns, as: "manager", body: take({ idempotency_key: w.returnKey }, { quantity: 2, disposition: "refurbish" }), status: 409, says: w.returnKey },
        { name: "return: another store's desk", method: "POST", url: `/terminal/stores/${w.wicker}/returns`, as: "manager", body: take({}), status: 403, gains: audited },
        { name: "return: text/plain", method: "POST", url: returns, as: "manager", body: { text: "return it" }, status: 400, says: "JSON" },
        { name: "exchange: new quantity 2^31", method: "POST", url: `/terminal/stores/${S}/exchanges`, as: "manager", body: { json: { ...take({}).json, new_items: [{ variant_id: "variant_1", quantity: INT32 }] } }, status: 400, says: "quantity" },
        { name: "exchange: no new items", method: "POST", url: `/terminal/stores/${S}/exchanges`, as: "manager", body: { json: { ...take({}).json, new_items: [] } }, status: 400, says: "new_items" },
        { name: "return: NUL in the id", method: "GET", url: `/terminal/returns/${enc(NUL)}`, as: "manager", status: 400, says: "control character" },
        { name: "return: unknown", method: "GET", url: "/terminal/returns/pret_01NOPE", as: "manager", status: 404 },
        { name: "return: another store's staff", method: "GET", url: `/terminal/returns/${w.returnId}`, as: "wicker", status: 403, gains: audited },
        { name: "release: quantity 2^31", method: "POST", url: `/terminal/returns/${w.returnId}/release`, as: "manager", body: { json: { line_item_id: w.orderLine, quantity: INT32 } }, status: 400, says: "quantity" },
        { name: "release: NUL in note", method: "POST", url: `/terminal/returns/${w.returnId}/release`, as: "manager", body: { json: { line_item_id: w.orderLine, quantity: 1, note: NUL } }, status: 400, says: "note contains a control character" },
        { name: "return receipt: unknown format", method: "GET", url: `/terminal/returns/${w.returnId}/receipt?format=exe`, as: "manager", status: 400, says: "format" },
      ]
      expect(await runRows(rows)).toEqual([])
    })

    it("offline sync refuses hostile batches", async () => {
      const url = `/terminal/stores/${w.state}/sync`
      let n = 0
      const offline = (overrides: Record<string, unknown> = {}, line: Record<string, unknown> = {}) => ({
        client_txn_id: `hostile-offline-${++n}`,
        recorded_at: new Date(Date.now() - 60_000).toISOString(),
        staff_id: w.staffId,
        lines: [{ code: "NW-TEE-BLA-M", quantity: 1, unit_price: 28, ...line }],
        tenders: [{ type: "cash", amount: 30.87 }],
        ...overrides,
      })
      const batch = (sales: unknown[]) => ({ json: { register_id: w.register, sales } })
      /**
       * A sale the policy refuses: a 4xx for the batch, or (docs/selling.md) 200 with the sale
       * `rejected`, a reason in words, kept in pos_offline_sale, and no order, payment or stock change.
       */
      const refusedSale = (says: RegExp) => (status: number, data: any) => {
        if (status >= 400 && status < 500) {
          return typeof data?.message === "string" && says.test(data.message) ? null : `a ${status} whose message does not say ${says}`
        }
        if (status !== 200) {
          return `status ${status}, expected a 4xx or 200 with the sale rejected`
        }
        const result = data?.results?.[0]
        return result?.status === "rejected" && typeof result.reason === "string" && result.reason.trim()
          ? null
          : `the sale was not rejected: ${JSON.stringify(result)}`
      }
      const kept = { pos_offline_sale: "any" as const, pos_audit_log: "any" as const }
      const rows: Row[] = [
        { name: "sync: recorded_at year 0", method: "POST", url, as: "associate", body: batch([offline({ recorded_at: "0000-01-01T00:00:00Z" })]), status: 400, check: refusedSale(/recorded_at/), gains: kept },
        { name: "sync: recorded_at yesterday", method: "POST", url, as: "associate", body: batch([offline({ recorded_at: "yesterday" })]), status: 400, check: refusedSale(/recorded_at/), gains: kept },
        { name: "sync: recorded_at year 275760", method: "POST", url, as: "associate", body: batch([offline({ recorded_at: "+275760-09-13T00:00:00Z" })]), status: 400, check: refusedSale(/recorded_at/), gains: kept },
        { name: "sync: another staff member's sale", method: "POST", url, as: "associate", body: batch([offline({ staff_id: w.wickerStaffId })]), status: 400, check: refusedSale(/staff/), gains: kept },
        { name: "sync: an unknown staff member's sale", method: "POST", url, as: "associate", body: batch([offline({ staff_id: "pstf_01NOPE" })]), status: 400, check: refusedSale(/staff/), gains: kept },
        { name: "sync: quantity 2^31", method: "POST", url, as: "associate", body: batch([offline({}, { quantity: INT32 })]), status: 400, says: "quantity" },
        { name: "sync: quantity 1e20", method: "POST", url, as: "associate", body: batch([offline({}, { quantity: 1e20 })]), status: 400, says: "quantity" },
        { name: "sync: unit price 1e20", method: "POST", url, as: "associate", body: batch([offline({}, { unit_price: 1e20 })]), status: 400, says: "unit_price" },
        { name: "sync: tender 1e20", method: "POST", url, as: "associate", body: batch([offline({ tenders: [{ type: "cash", amount: 1e20 }] })]), status: 400, says: "amount" },
        { name: "sync: tender 1e15", method: "POST", url, as: "associate", body: batch([offline({ tenders: [{ type: "cash", amount: 1e15 }] })]), status: 400, says: "amount" },
        { name: "sync: 1,000 lines in a sale", method: "POST", url, as: "associate", body: batch([offline({ lines: Array.from({ length: 1000 }, () => ({ code: "NW-TEE-BLA-M", quantity: 1, unit_price: 28 })) })]), status: 400, says: "lines" },
        { name: "sync: 1,001 lines in a sale", method: "POST", url, as: "associate", body: batch([offline({ lines: Array.from({ length: 1001 }, () => ({ code: "C", quantity: 1, unit_price: 1 })) })]), status: 400, says: "sales[0].lines has more than 1000 items" },
        { name: "sync: 201 sales", method: "POST", url, as: "associate", body: batch(Array.from({ length: 201 }, () => offline())), status: 400, says: "sales" },
        { name: "sync: NUL in register_id", method: "POST", url, as: "associate", body: { json: { register_id: NUL, sales: [offline()] } }, status: 400, says: "register_id contains a control character" },
        { name: "sync: NUL in client_txn_id", method: "POST", url, as: "associate", body: batch([offline({ client_txn_id: NUL })]), status: 400, says: "client_txn_id contains a control character" },
        { name: "sync: unknown field in a line", method: "POST", url, as: "associate", body: batch([offline({}, { discount: 28 })]), status: 400, says: "discount" },
        { name: "sync: another store", method: "POST", url: `/terminal/stores/${w.wicker}/sync`, as: "associate", body: { json: { register_id: w.wickerRegister, sales: [offline()] } }, status: 403, gains: audited },
        { name: "sync: text/plain", method: "POST", url, as: "associate", body: { text: "[]" }, status: 400, says: "JSON" },
      ]
      expect(await runRows(rows)).toEqual([])
    })

    it("storefront pickup routes and the Stripe webhook refuse hostile input", async () => {
      const arrival = `/store/orders/${w.pickupOrder}/pickup-arrival`
      const rows: Row[] = [
        { name: "pickup locations: NUL in variant_ids", method: "GET", url: `/store/pickup-locations?variant_ids=${enc(NUL)}`, as: "shopper", status: 400, says: "variant_ids contains a control character" },
        { name: "pickup locations: 12 KB variant_ids", method: "GET", url: `/store/pickup-locations?variant_ids=${Q12K}`, as: "shopper", status: 400, says: "variant_ids is longer than" },
        { name: "pickup locations: unknown variant", method: "GET", url: "/store/pickup-locations?variant_ids=variant_01NOPE", as: "shopper", status: 404, says: "variant_01NOPE" },
        { name: "pickup locations: lat 1e20", method: "GET", url: "/store/pickup-locations?variant_ids=v1&lat=1e20&lng=0", as: "shopper", status: 400, says: "lat" },
        { name: "pickup locations: lat NaN", method: "GET", url: "/store/pickup-locations?variant_ids=v1&lat=NaN&lng=0", as: "shopper", status: 400, says: "lat" },
        { name: "pickup locations: cart and variants", method: "GET", url: "/store/pickup-locations?variant_ids=v1&cart_id=cart_1", as: "shopper", status: 400, says: "either cart_id or variant_ids" },
        { name: "pickup locations: no publishable key", method: "GET", url: "/store/pickup-locations?variant_ids=v1", as: "none", status: 400 },
        { name: "arrival: NUL in the code", method: "POST", url: arrival, as: "shopper", body: { json: { pickup_code: "12\u000034" } }, status: 400, says: "pickup_code contains a control character" },
        { name: "arrival: NUL in the note", method: "POST", url: arrival, as: "shopper", body: { json: { pickup_code: "123456", note: `bay ${NUL}` } }, status: 400, says: "note contains a control character" },
        { name: "arrival: 100 KB note", method: "POST", url: arrival, as: "shopper", body: { json: { pickup_code: "123456", note: K100 } }, status: 413 },
        { name: "arrival: 400-character note", method: "POST", url: arrival, as: "shopper", body: { json: { pickup_code: "123456", note: "n".repeat(400) } }, status: 400, says: "note" },
        { name: "arrival: code as a number", method: "POST", url: arrival, as: "shopper", body: { json: { pickup_code: 123456 } }, status: 400, says: "pickup_code" },
        { name: "arrival: text/plain", method: "POST", url: arrival, as: "shopper", body: { text: "123456" }, status: 400, says: "JSON" },
        { name: "own pickup: no customer session", method: "GET", url: `/store/orders/${w.pickupOrder}/pickup`, as: "shopper", status: 401 },
        { name: "arrival: NUL in the order id", method: "POST", url: `/store/orders/${enc(NUL)}/pickup-arrival`, as: "shopper", body: { json: { pickup_code: "123456" } }, status: 400, says: "control character" },
        { name: "webhook: text/plain", method: "POST", url: "/hooks/stripe-terminal", as: "none", body: { text: "{}" }, status: 400, says: "JSON" },
        { name: "webhook: NUL in the event", method: "POST", url: "/hooks/stripe-terminal", as: "none", body: { json: { type: `terminal.reader.action_succeeded${NUL}` } }, status: 400, says: "type contains a control character" },
        { name: "webhook: unsigned event", method: "POST", url: "/hooks/stripe-terminal", as: "none", body: { json: { id: "evt_1", type: "terminal.reader.action_succeeded", data: { object: {} } } }, status: 400 },
      ]
      expect(await runRows(rows)).toEqual([])
    })
  },
})
