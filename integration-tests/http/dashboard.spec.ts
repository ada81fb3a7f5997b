import fs from "fs"
import os from "os"
import path from "path"
import type { Client } from "pg"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { editRoutingAndPublish, filterAuditLogAndExport, readOrderRouting } from "../helpers/dashboard-pages"
import { launchChromium, PHONE, shot as shotOf, TABLET } from "../helpers/pos-browser"
import { prepareDemoDatabase, ServerProcess, serverEnv } from "../helpers/server-process"

/**
 * The manager's dashboard in Debian's Chromium: Medusa's own admin (`/app`, served
 * by `medusa develop` of the demo app with the plugin's pages and widgets) on a
 * database of its own with the demo seeded. A manager creates a store through
 * the form and finds its stock location and channel in Medusa's own pages, adds
 * a register and a staff member with a PIN who then signs in at the terminal,
 * switches curbside off, reads a store's day, deactivates the member (whose
 * token stops at once), and sees a problem made on purpose on the go-live check.
 */
jest.setTimeout(900000)

const DATABASE = "medusa_pos_dashboard_test"
const work = fs.mkdtempSync(path.join(os.tmpdir(), "pos-dashboard-"))
const logFile = path.join(work, "server.log")
const server = new ServerProcess(9314, serverEnv(DATABASE, { DISABLE_MEDUSA_ADMIN: "false" }), logFile)

describe("the manager's dashboard", () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let demo: any
  let db: Client
  let admin: Record<string, string>
  const errors: string[] = []
  const shot = (name: string) => shotOf(page, `dashboard-${name}`)

  beforeAll(async () => {
    const prepared = await prepareDemoDatabase(DATABASE, work, logFile)
    demo = prepared.demo
    db = prepared.db
    await server.start()
    const { token } = await server.ok("POST", "/auth/user/emailpass", demo.admin)
    admin = { authorization: `Bearer ${token}` }
    browser = await launchChromium()
    context = await browser.newContext({ viewport: TABLET })
    page = await context.newPage()
    page.setDefaultTimeout(30000)
    page.on("pageerror", (error) => errors.push(error.message))
    // the first visit compiles the dashboard (Vite's dependency pass): minutes on a cold machine
    await page.goto(`${server.base}/app/login`, { timeout: 300000 })
    await page.locator("input[name=email]").waitFor({ timeout: 300000 })
    await page.fill("input[name=email]", demo.admin.email)
    await page.fill("input[name=password]", demo.admin.password)
    await page.getByRole("button", { name: "Continue with Email" }).click()
    await page.waitForURL(/\/app\/orders/, { timeout: 300000 })
  })

  afterAll(async () => {
    await browser?.close()
    await server.kill()
    await db?.end()
  })

  afterEach(() => {
    expect(errors).toEqual([])
  })

  const open = async (route: string, heading: string | RegExp) => {
    await page.goto(`${server.base}/app${route}`)
    await page.getByRole("heading", { name: heading }).first().waitFor()
  }

  it("creates a store through the form: Medusa's own pages show its stock location and POS channel", async () => {
    await open("/pos-stores", "Stores")
    await page.getByText("Northwind State Street").waitFor()
    await shot("tablet-stores")
    await page.getByRole("button", { name: "Create store" }).click()
    await page.getByRole("heading", { name: "Create store" }).waitFor()
    await page.fill("#store-name", "Northwind Lincoln Park")
    await page.fill("#store-code", "x")
    await page.fill("#store-timezone", "America/Chicago")
    await page.fill("#store-address_1", "2400 N Clark St")
    await page.fill("#store-city", "Chicago")
    await page.fill("#store-province", "us-il")
    await page.fill("#store-postal_code", "60614")
    await page.fill("#store-country_code", "US")
    await page.fill("#store-latitude", "41.9250")
    await page.fill("#store-longitude", "-87.6400")
    await page.fill("#hours-mon", "10:00-19:00")
    await page.fill("#hours-tue", "ten to seven")
    await page.getByRole("button", { name: "Create store" }).last().click()
    // what a person mistypes is caught before sending; what the API refuses is shown as it says it
    await page.getByRole("alert").getByText("Tuesday: write opening hours as 09:00-18:00").waitFor()
    await page.fill("#hours-tue", "10:00-19:00")
    await page.getByRole("button", { name: "Create store" }).last().click()
    await page.getByRole("alert").getByText(/code/).waitFor()
    await shot("tablet-store-form-refused")
    await page.fill("#store-code", "CHI-LINCOLN")
    await page.getByRole("button", { name: "Create store" }).last().click()
    await page.getByRole("heading", { name: /Northwind Lincoln Park/ }).waitFor()

    const { stores } = await server.ok("GET", "/admin/pos/stores?code=CHI-LINCOLN", undefined, admin)
    const store = stores[0]
    expect(store).toMatchObject({ name: "Northwind Lincoln Park", timezone: "America/Chicago", latitude: 41.925, opening_hours: { mon: [["10:00", "19:00"]], tue: [["10:00", "19:00"]], wed: [] } })
    await page.goto(`${server.base}/app/settings/locations/${store.stock_location.id}`)
    await page.getByText("Northwind Lincoln Park").first().waitFor()
    await page.getByText("2400 N Clark St").first().waitFor()
    await page.goto(`${server.base}/app/settings/sales-channels/${store.sales_channel.id}`)
    await page.getByText("Northwind Lincoln Park (POS)").first().waitFor()
  })

  it("adds a register and a staff member with a PIN, who signs in at the terminal; deactivated, their token stops at once", async () => {
    const { stores } = await server.ok("GET", "/admin/pos/stores?code=CHI-LINCOLN", undefined, admin)
    const storeId = stores[0].id
    await open(`/pos-stores/${storeId}`, /Northwind Lincoln Park/)
    await page.getByRole("tab", { name: "Registers and staff" }).click()
    await page.getByText("No register yet").waitFor()
    await page.getByRole("button", { name: "Add register" }).click()
    await page.fill("#register-name", "Till 1")
    await page.getByRole("button", { name: "Save" }).click()
    await page.getByRole("cell", { name: "Till 1" }).waitFor()

    await open("/pos-stores/staff", "Staff")
    await page.getByRole("button", { name: "Create staff member" }).click()
    await page.fill("#staff-first_name", "Priya")
    await page.fill("#staff-last_name", "Shah")
    await page.fill("#staff-email", "priya.shah@northwind.test")
    await page.fill("#staff-password", "short")
    await page.getByRole("button", { name: "Create", exact: true }).click()
    await page.getByRole("alert").getByText(/password/).waitFor()
    await page.fill("#staff-password", "lincoln-park-pos")
    await page.getByRole("button", { name: "Create", exact: true }).click()
    const row = page.getByRole("row").filter({ hasText: "priya.shah@northwind.test" })
    await row.waitFor()
    await row.getByRole("button", { name: "Assign to store" }).click()
    await page.getByRole("combobox", { name: "Store" }).click()
    await page.getByRole("option", { name: "Northwind Lincoln Park" }).click()
    await page.getByRole("combobox", { name: "Role" }).click()
    await page.getByRole("option", { name: /^Manager/ }).click()
    await page.fill("#member-pin", "25")
    await page.getByRole("button", { name: "Save" }).click()
    await page.getByRole("alert").getByText("A PIN is 4 to 8 digits").waitFor()
    await page.fill("#member-pin", "2580")
    await page.getByRole("button", { name: "Save" }).click()
    await row.getByText("Northwind Lincoln Park · manager").waitFor()
    await shot("tablet-staff")

    // at the terminal: signed in, a member of the new store, the PIN works
    const { token } = await server.ok("POST", "/auth/staff/emailpass", { email: "priya.shah@northwind.test", password: "lincoln-park-pos" })
    const staff = { authorization: `Bearer ${token}` }
    const me = await server.ok("GET", "/terminal/me", undefined, staff)
    expect(me.memberships).toEqual([expect.objectContaining({ role: "manager", store: expect.objectContaining({ id: storeId }) })])
    const verified = await server.ok("POST", "/terminal/pin/verify", { store_id: storeId, pin: "2580", action: "shift.cash_out" }, staff)
    expect(verified.approval).toMatchObject({ approved_by: me.staff.id })

    await row.getByRole("button", { name: "Deactivate" }).click()
    await page.getByRole("button", { name: "Deactivate" }).last().click()
    await row.getByText("deactivated").waitFor()
    expect((await server.call("GET", "/terminal/me", undefined, staff)).status).toBe(401)
  })

  it("switches curbside off at a store, and shows the store's day", async () => {
    const storeId = demo.store_ids.state
    // a shift open at a till: the day shows the cash its drawer should hold
    const manager = demo.staff.find((s: any) => s.store === "Northwind State Street" && s.role === "manager")
    const { token } = await server.ok("POST", "/auth/staff/emailpass", { email: manager.email, password: manager.password })
    const staff = { authorization: `Bearer ${token}` }
    const { store } = await server.ok("GET", `/terminal/stores/${storeId}`, undefined, staff)
    await server.ok("POST", `/terminal/stores/${storeId}/shifts`, { register_id: store.registers[0].id, opening_float: 150 }, staff)

    await open(`/pos-stores/${storeId}`, /Northwind State Street/)
    await page.getByRole("cell", { name: "150.00 USD" }).first().waitFor()
    await shot("tablet-store-today")
    await page.getByRole("link", { name: "Edit", exact: true }).click()
    await page.getByRole("heading", { name: "Edit Northwind State Street" }).waitFor()
    expect(await page.locator("#capability-curbside").getAttribute("aria-checked")).toBe("true")
    await page.locator("#capability-curbside").click()
    await page.getByRole("button", { name: "Save" }).click()
    await page.waitForURL(new RegExp(`/pos-stores/${storeId}$`))
    const { store: after } = await server.ok("GET", `/admin/pos/stores/${storeId}`, undefined, admin)
    expect(after.capabilities).toMatchObject({ curbside: false, pickup: true, sell: true })
    await page.getByRole("tab", { name: "Details" }).click()
    await page.getByText("Curbside: off").waitFor()
    await shot("tablet-store-details")
  })

  it("the go-live check shows what a new store lacks; disabled, it is left out and the demo network is ready", async () => {
    const { stores } = await server.ok("GET", "/admin/pos/stores?code=CHI-LINCOLN", undefined, admin)
    const storeId = stores[0].id
    await open(`/pos-stores/${storeId}`, /Northwind Lincoln Park/)
    await page.locator(`a[href*="readiness?store_id=${storeId}"]`).click()
    await page.getByRole("heading", { name: "Go-live check" }).waitFor()
    // made on purpose: the new store's location holds no stock yet, and its manager was deactivated
    const stock = page.locator('[data-rule="location_stock"]')
    await stock.first().waitFor()
    expect(await stock.first().textContent()).toContain("Northwind Lincoln Park")
    await page.locator('[data-rule="store_manager"]').first().waitFor()
    await page.getByTestId("readiness-summary").getByText(/to fix before going live/).waitFor()
    await shot("tablet-readiness")
    await stock.first().getByRole("link", { name: "Fix it" }).click()
    await page.waitForURL(/\/app\/settings\/locations\//)

    await open(`/pos-stores/${storeId}`, /Northwind Lincoln Park/)
    await page.getByRole("button", { name: "Disable" }).click()
    await page.getByText("What stops at once").waitFor()
    await page.getByRole("button", { name: "Disable" }).last().click()
    await page.getByText("disabled", { exact: true }).first().waitFor()
    await open("/pos-stores/readiness", "Go-live check")
    await page.getByTestId("readiness-summary").getByText("Ready to go live").waitFor()
    await page.getByText(/Not checked: Northwind Lincoln Park/).waitFor()
  })

  it("reads how an online order was routed on Medusa's order page, edits a routing rule, simulates and publishes it, and exports the audit log", async () => {
    // an order placed the way a storefront does; the plugin routes it after order.placed
    const key = { "x-publishable-api-key": demo.publishable_key }
    const { products } = await server.ok("GET", "/store/products?limit=5&fields=variants.id", undefined, key)
    const address = { first_name: "Dana", last_name: "Reyes", address_1: "1 Main St", city: "Chicago", province: "us-il", postal_code: "60601", country_code: "us" }
    const { cart } = await server.ok("POST", "/store/carts", { region_id: demo.region_ids.usd }, key)
    await server.ok("POST", `/store/carts/${cart.id}/line-items`, { variant_id: products[0].variants[0].id, quantity: 1 }, key)
    await server.ok("POST", `/store/carts/${cart.id}`, { email: "dana@example.com", shipping_address: address }, key)
    const { shipping_options } = await server.ok("GET", `/store/shipping-options?cart_id=${cart.id}`, undefined, key)
    const ship = shipping_options.find((o: any) => !/pick ?up/i.test(o.name)) ?? shipping_options[0]
    await server.ok("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: ship.id }, key)
    const { payment_collection } = await server.ok("POST", "/store/payment-collections", { cart_id: cart.id }, key)
    await server.ok("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, key)
    const { order } = await server.ok("POST", `/store/carts/${cart.id}/complete`, {}, key)
    const deadline = Date.now() + 60000
    while (!(await db.query(`select 1 from pos_routing_decision where order_id = $1`, [order.id])).rowCount && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500))
    }

    const shotNamed = (name: string) => shot(`tablet-${name}`)
    const { decision } = await readOrderRouting(page, server.base, order.id, shotNamed)
    expect(decision.order_id).toBe(order.id)
    await editRoutingAndPublish(page, server.base, shotNamed)
    const { rule_set } = await server.ok("GET", "/admin/pos/routing/rules", undefined, admin)
    const { audit_log } = await server.ok("GET", "/admin/pos/audit-log?action=routing.rules_saved", undefined, admin)
    expect(audit_log[0]).toMatchObject({ resource_id: rule_set.version, actor_type: "user" })
    await filterAuditLogAndExport(page, server.base, shotNamed)
  })

  it("shows the scorecard with its tiles, charts and CSV, a store's own tiles, and unit costs typed and imported", async () => {
    // the routing test's webshop order is in the range: one online order
    await open("/pos-stores/scorecard", "Scorecard")
    await page.getByTestId("kpi-tile").first().waitFor()
    expect(await page.getByTestId("kpi-tile").count()).toBe(11)
    await page.getByText("Target 97%").waitFor()
    await page.locator('[data-testid="chart-sales"] svg.recharts-surface').first().waitFor()
    expect(await page.getByTestId("kpi-tile").first().textContent()).toContain("1 order ·")
    await shot("tablet-scorecard")
    const download = page.waitForEvent("download")
    await page.getByRole("button", { name: "Export CSV" }).click()
    const csv = fs.readFileSync((await (await download).path())!, "utf8")
    expect(csv).toContain("sales,orders,1\r\n")

    await open(`/pos-stores/${demo.store_ids.state}`, /Northwind State Street/)
    await page.getByRole("tab", { name: "Scorecard" }).click()
    await page.getByTestId("kpi-tile").first().waitFor()
    await shot("tablet-store-scorecard")

    await open("/pos-stores/costs", "Unit costs")
    await page.getByPlaceholder("Search by SKU or product").fill("NW-TEE-BLA-M")
    const input = page.getByLabel("Unit cost of NW-TEE-BLA-M")
    await input.waitFor()
    expect(await input.inputValue()).toBe("11.76")
    await input.fill("11.5")
    await input.press("Enter")
    await page.getByText("Cost of NW-TEE-BLA-M saved").waitFor()
    const file = path.join(work, "costs.csv")
    fs.writeFileSync(file, "sku,cost\nNW-TEE-BLA-M,9.25\nNW-CAP-NAV-OS,13\n")
    await page.getByLabel("CSV file of unit costs").setInputFiles(file)
    await page.getByText("2 costs imported from costs.csv").waitFor()
    const { variant_costs } = await server.ok("GET", "/admin/pos/variant-costs?q=NW-TEE-BLA-M", undefined, admin)
    expect(variant_costs[0].amount).toBe(9.25)
    fs.writeFileSync(file, "sku,cost\nNW-TEE-BLA-M,ten\n")
    await page.getByLabel("CSV file of unit costs").setInputFiles(file)
    await page.getByText('Line 2: NW-TEE-BLA-M has the cost "ten", not a number such as 12.50').waitFor()
    await shot("tablet-costs")
  })

  it("shows a customer's consents on Medusa's customer page, exports what the plugin holds and erases it", async () => {
    const { customer } = await server.ok("POST", "/admin/customers", { email: `kai-${Date.now()}@example.com`, first_name: "Kai", last_name: "Lopez" }, admin)
    // what a storefront and a till would have recorded
    await db.query(
      `insert into pos_customer_consent (id, customer_id, purpose, granted, source, recorded_by_type, recorded_by, wording)
       values ($2, $1, 'purchase_history', true, 'storefront', 'customer', $1, 'Let store staff see my purchases'),
              ($3, $1, 'marketing_contact', true, 'till', 'staff', 'staff_x', 'Offers by email')`,
      [customer.id, `pcons_${customer.id}_1`, `pcons_${customer.id}_2`]
    )
    await db.query(`insert into pos_customer_note (id, customer_id, store_id, staff_id, text) values ($2, $1, $3, 'staff_x', 'Prefers navy')`, [
      customer.id,
      `pcnote_${customer.id}`,
      demo.store_ids.state,
    ])
    await page.goto(`${server.base}/app/customers/${customer.id}`)
    const widget = page.getByTestId("pos-customer-data")
    await widget.getByTestId("pos-customer-counts").waitFor()
    await expect(widget.getByTestId("pos-consent-purchase_history").textContent()).resolves.toBe("Purchase history: agreed")
    await expect(widget.getByTestId("pos-consent-browsing_history").textContent()).resolves.toBe("Products viewed online: never asked")
    await expect(widget.getByTestId("pos-customer-counts").textContent()).resolves.toBe("2 consent change(s), 1 staff note(s), 0 viewed product(s) kept")
    await widget.scrollIntoViewIfNeeded()
    await shot("tablet-customer-pos-data")
    // showing the widget is not an export; the button is, audited
    expect((await db.query(`select 1 from pos_audit_log where action = 'customer.data_exported' and resource_id = $1`, [customer.id])).rowCount).toBe(0)
    const [download] = await Promise.all([page.waitForEvent("download"), widget.getByRole("button", { name: "Export" }).click()])
    const exported = JSON.parse(fs.readFileSync((await download.path())!, "utf8"))
    expect(exported.consent_changes).toHaveLength(2)
    expect(exported.notes).toEqual([expect.objectContaining({ text: "Prefers navy" })])
    expect(download.suggestedFilename()).toBe(`pos-customer-${customer.id}.json`)
    expect((await db.query(`select 1 from pos_audit_log where action = 'customer.data_exported' and resource_id = $1`, [customer.id])).rowCount).toBe(1)

    await widget.getByRole("button", { name: "Erase" }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Erase" }).click()
    await page.waitForFunction(() => document.querySelector('[data-testid="pos-customer-counts"]')?.textContent?.startsWith("0 consent change(s), 0 staff note(s)"))
    await expect(widget.getByTestId("pos-consent-purchase_history").textContent()).resolves.toBe("Purchase history: never asked")
    const left = await db.query(
      `select (select count(*) from pos_customer_consent where customer_id = $1)::int as consents, (select count(*) from pos_customer_note where customer_id = $1)::int as notes`,
      [customer.id]
    )
    expect(left.rows[0]).toEqual({ consents: 0, notes: 0 })
    const { rows: audit } = await db.query(`select data from pos_audit_log where action = 'customer.data_erased' and resource_id = $1`, [customer.id])
    expect(audit).toEqual([{ data: { consents: 2, notes: 1, views: 0 } }])
    await widget.scrollIntoViewIfNeeded()
    await shot("tablet-customer-pos-data-erased")
  })

  it("reads well on a phone", async () => {
    await page.setViewportSize(PHONE)
    await open("/pos-stores", "Stores")
    await page.getByText("Northwind Wicker Park").waitFor()
    await shot("phone-stores")
    await open(`/pos-stores/${demo.store_ids.state}`, /Northwind State Street/)
    await shot("phone-store-today")
    await page.getByRole("tab", { name: "Registers and staff" }).click()
    await page.getByRole("button", { name: "Add staff" }).waitFor()
    await shot("phone-store-team")
    await open("/pos-stores/scorecard", "Scorecard")
    await page.getByTestId("kpi-tile").first().waitFor()
    await shot("phone-scorecard")
    await page.setViewportSize(TABLET)
  })
})
