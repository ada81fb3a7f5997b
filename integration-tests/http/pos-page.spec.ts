import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Browser, Page } from "playwright-core"
import { PRODUCTS, STAFF_PASSWORD } from "../../demo/catalog"
import { buildPosPage, launchChromium, openTill as openTillAs, PHONE, shot, TABLET } from "../helpers/pos-browser"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { seedGiftCardProduct } from "../../demo/gift-cards"
import { createGiftCardsWorkflow } from "@medusajs/loyalty-plugin/workflows"
import { POS_MODULE } from "../../src/modules/pos"
import type PosModuleService from "../../src/modules/pos/service"

// The POS page in a real headless Chromium (Debian's), against the demo
// retailer on the test server: what a cashier does, at tablet and phone size.
jest.setTimeout(240000)

// Demo barcodes: Organic Crew Tee S / Black, M / Black.
const TEE_S = "2000010000005"
const TEE_M = "2000010001002"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let browser: Browser
    let demo: DemoSummary
    let base: string

    beforeAll(async () => {
      buildPosPage()
      browser = await launchChromium()
    })

    afterAll(async () => {
      await browser?.close()
    })

    beforeEach(async () => {
      demo = await seedDemo(getContainer())
      base = String(api.defaults.baseURL).replace(/\/$/, "")
    })

    const login = (first: string) => demo.staff.find((s) => s.email.startsWith(`${first}.`))!

    const openTill = (size: typeof TABLET, who: string, options: { register?: string; clock?: boolean } = {}) =>
      openTillAs(browser, base, login(who).email, size, options)

    /** A keyboard-wedge scanner: each code a burst of characters ending in Enter, all codes back to back. */
    async function scanBurst(page: Page, codes: string[]) {
      return page.evaluate((codes) => {
        const started = performance.now()
        const input = document.querySelector<HTMLInputElement>('[data-testid="scan-field"]')!
        for (const code of codes) {
          for (const ch of code) {
            input.dispatchEvent(new KeyboardEvent("keydown", { key: ch, bubbles: true }))
            input.value += ch
            input.dispatchEvent(new Event("input", { bubbles: true }))
          }
          input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }))
        }
        return performance.now() - started
      }, codes)
    }

    async function lines(page: Page) {
      return page.$$eval('[data-testid="sale-line"]', (rows) =>
        rows.map((row) => ({
          title: row.querySelector('[data-testid="line-title"]')!.textContent,
          quantity: Number(row.querySelector('[data-testid="line-quantity"]')!.textContent),
        }))
      )
    }

    async function openShift(page: Page, float = "100") {
      await page.waitForSelector("#float")
      await page.fill("#float", float)
      await page.getByRole("button", { name: "Open shift" }).click()
      await page.waitForSelector('[data-testid="scan-field"]')
    }

    it("signs in, opens a shift, sells three scanned items for cash with change, prints and reprints the receipt", async () => {
      const { page, context, errors } = await openTill(TABLET, "luis")
      await shot(page, "tablet-1-open-shift")
      // The screen shows store, register, staff member and shift.
      await expect(page.textContent('[data-testid="till-identity"]')).resolves.toMatch(/Northwind State Street.*Till 1.*Luis Ortega.*No open shift/)
      await openShift(page)
      await expect(page.textContent('[data-testid="shift-status"]')).resolves.toContain("Shift open")

      // Three scans in one burst: they land in order, the repeated item raising its line.
      const typing = await scanBurst(page, [TEE_S, TEE_M, TEE_S])
      expect(typing).toBeLessThan(100)
      await page.waitForFunction(() => {
        const rows = document.querySelectorAll('[data-testid="sale-line"]')
        return rows.length === 2 && !document.body.textContent!.includes("adding")
      })
      expect(await lines(page)).toEqual([
        { title: "Organic Crew Tee – S / Black", quantity: 2 },
        { title: "Organic Crew Tee – M / Black", quantity: 1 },
      ])
      await expect(page.textContent('[data-testid="total"]')).resolves.toBe("$92.61")
      await shot(page, "tablet-2-sale")

      // Quantity +/- as the server computes it.
      await page.getByRole("button", { name: "One more Organic Crew Tee – M / Black" }).click()
      await page.waitForFunction(() => document.querySelector('[data-testid="total"]')!.textContent === "$123.48")
      await page.getByRole("button", { name: "One less Organic Crew Tee – M / Black" }).click()
      await page.waitForFunction(() => document.querySelector('[data-testid="total"]')!.textContent === "$92.61")

      // Cash: 100 given on 92.61, change 7.39.
      await page.click('[data-testid="pay"]')
      await page.fill('[data-testid="cash-amount"]', "100")
      await page.keyboard.press("Enter")
      await expect(page.waitForSelector('[data-testid="change-due"]').then((e) => e.textContent())).resolves.toBe("Change due: $7.39")
      await shot(page, "tablet-3-change")
      await page.click('[data-testid="complete-sale"]')
      await page.waitForSelector('[data-testid="receipt"]')
      await expect(page.textContent('[data-testid="receipt-total"]')).resolves.toBe("$92.61")
      await expect(page.textContent('[data-testid="receipt-change"]')).resolves.toBe("$7.39")
      const code = (await page.textContent('[data-testid="receipt-code"]'))!.split(" ")[0]
      await shot(page, "tablet-4-receipt")

      // Printing asks the server for its 80 mm receipt and opens the print dialog.
      const printed = page.waitForResponse((r) => r.url().includes("/receipt?format=html") && r.status() === 200)
      await page.click('[data-testid="print-receipt"]')
      expect(await (await printed).text()).toContain("80mm")

      // The server has exactly that one sale, completed, with its order.
      const pos = getContainer().resolve<PosModuleService>(POS_MODULE)
      const sales = await pos.listPosSales({ store_id: demo.store_ids.state })
      expect(sales.map((s) => ({ status: s.status, receipt_code: s.receipt_code, ordered: !!s.order_id }))).toEqual([
        { status: "completed", receipt_code: code, ordered: true },
      ])

      // Reprint: by scanning or typing the receipt's code.
      await page.click('[data-testid="new-sale"]')
      await page.getByRole("button", { name: "Receipts" }).click()
      await page.fill('[data-testid="receipt-code-input"]', code.toLowerCase())
      await page.keyboard.press("Enter")
      await page.waitForSelector('[data-testid="receipt"] >> text=Change')
      await expect(page.textContent('[data-testid="receipt-total"]')).resolves.toBe("$92.61")
      await page.click('[data-testid="new-sale"]')

      // The shift: cash in with a reason, then close with the count: expected, counted, variance.
      await page.getByRole("button", { name: "Shift" }).click()
      await page.fill('input[aria-label="Amount"]', "20")
      await page.fill('input[aria-label="Reason"]', "change from the bank")
      await page.getByRole("button", { name: "Cash in" }).click()
      await page.waitForSelector("text=change from the bank")
      await page.fill("#counted", "212.61")
      await page.getByRole("button", { name: "Close shift" }).click()
      await page.waitForSelector('[data-testid="shift-closed"]')
      await expect(page.textContent('[data-testid="expected-cash"]')).resolves.toBe("$212.61")
      await expect(page.textContent('[data-testid="variance"]')).resolves.toBe("$0.00")
      await shot(page, "tablet-13-shift-closed")
      await page.getByRole("button", { name: "Done" }).click()
      await page.waitForSelector("#float")
      expect(errors).toEqual([])
      await context.close()
    })

    it("asks a manager's PIN to void a paid sale, and takes over the till by PIN", async () => {
      const { page, context, errors } = await openTill(TABLET, "luis", { register: "Till 2", clock: true })
      await openShift(page)
      await scanBurst(page, [TEE_M])
      await page.waitForSelector('[data-testid="sale-line"]')
      // A part payment in cash, then the customer changes their mind.
      await page.click('[data-testid="pay"]')
      await page.fill('[data-testid="cash-amount"]', "10")
      await page.keyboard.press("Enter")
      await page.waitForSelector('[data-testid="tenders"] >> text=approved')
      await page.getByRole("button", { name: "Back" }).click()
      await page.click('[data-testid="void-sale"]')
      // An associate cannot: the PIN pad opens for a manager.
      await page.waitForSelector('role=dialog[name="Manager approval"]')
      await shot(page, "tablet-5-manager-pin")
      await page.keyboard.type("1111")
      await page.keyboard.press("Enter")
      await expect(page.waitForSelector('[data-testid="pin-error"]').then((e) => e.textContent())).resolves.toContain("no manager of store")
      await page.keyboard.type(login("maya").pin)
      await page.keyboard.press("Enter")
      await page.waitForSelector('text=Scan an item to start a sale.')
      const pos = getContainer().resolve<PosModuleService>(POS_MODULE)
      const [voided] = await pos.listPosSales({ store_id: demo.store_ids.state, status: "voided" })
      expect(voided).toBeDefined()
      const [luis] = await pos.listPosStaffs({ email: login("luis").email })
      const [maya] = await pos.listPosStaffs({ email: login("maya").email })
      const audit = await pos.listPosAuditLogs({ action: "sale.voided", resource_id: voided.id })
      expect(audit).toEqual([expect.objectContaining({ actor_id: luis.id, approved_by: maya.id })])

      // PIN quick switch: lock the till; Hannah takes over with her PIN.
      await page.getByRole("button", { name: "Switch or lock" }).click()
      await page.waitForSelector('[data-testid="lock-screen"]')
      await shot(page, "tablet-6-locked")
      await page.keyboard.type(login("hannah").pin)
      await page.keyboard.press("Enter")
      await page.waitForSelector('[data-testid="scan-field"]')
      await expect(page.textContent('[data-testid="staff-name"]')).resolves.toContain("Hannah Kim")
      // A reload keeps Hannah signed in, on the same store and register.
      await page.reload()
      await page.waitForSelector('[data-testid="scan-field"]')
      await expect(page.textContent('[data-testid="till-identity"]')).resolves.toMatch(/Till 2.*Hannah Kim/)
      const switched = await pos.listPosAuditLogs({ action: "staff.switched" })
      expect(switched).toHaveLength(1)

      // Left alone for the idle time (the demo's default, 5 minutes), the till locks itself.
      await page.clock.fastForward("04:30")
      expect(await page.$('[data-testid="lock-screen"]')).toBeNull()
      await page.clock.fastForward("00:40")
      await page.waitForSelector('[data-testid="lock-screen"]')
      expect(errors).toEqual([])
      await context.close()
    })

    it("splits a sale between cash and a card on the simulated reader, declined once, then approved", async () => {
      const { page, context, errors } = await openTill(TABLET, "maya", { register: "Till 3" })
      await openShift(page)
      await scanBurst(page, [TEE_M, TEE_S])
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="sale-line"]').length === 2)
      // The screen shows tax per rate as the server computes it.
      await expect(page.textContent('[data-testid="totals"]')).resolves.toContain("Chicago sales tax 10.25%")
      await page.click('[data-testid="pay"]')
      await page.fill('[data-testid="cash-amount"]', "20")
      await page.keyboard.press("Enter")
      await page.waitForSelector('[data-testid="amount-due"] >> text=$41.74 due')
      await page.getByRole("tab", { name: "Card", exact: true }).click()
      await page.click('[data-testid="charge-card"]')
      await page.waitForSelector('[data-testid="simulated-reader"]')
      await shot(page, "tablet-7-simulated-reader")
      await page.click('[data-testid="simulate-decline"]')
      await page.waitForSelector('[data-testid="tenders"] >> text=The card was declined (simulated reader)')
      await page.click('[data-testid="charge-card"]')
      await page.click('[data-testid="simulate-approve"]')
      await page.waitForSelector('[data-testid="amount-due"] >> text=Paid')
      await page.click('[data-testid="complete-sale"]')
      await page.waitForSelector('[data-testid="receipt"]')
      await expect(page.textContent('[data-testid="receipt"]')).resolves.toContain("Card (simulated, no money moved)")
      await shot(page, "tablet-8-split-receipt")

      // One order, paid by two payments of Medusa's system provider, both captured: no money moved anywhere.
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({
        entity: "order",
        fields: ["id", "total", "payment_collections.payments.provider_id", "payment_collections.payments.amount", "payment_collections.payments.captured_at"],
      })
      expect(orders).toHaveLength(1)
      const payments = (orders[0] as any).payment_collections.flatMap((c: any) => c.payments)
      expect(payments.map((p: any) => [p.provider_id, Number(p.amount), !!p.captured_at]).sort()).toEqual([
        ["pp_system_default", 20, true],
        ["pp_system_default", 41.74, true],
      ])
      const pos = getContainer().resolve<PosModuleService>(POS_MODULE)
      const outcomes = await pos.listPosAuditLogs({ action: ["sale.card_failed", "sale.card_succeeded"] }, { order: { created_at: "ASC" } })
      expect(outcomes.map((row) => row.action)).toEqual(["sale.card_failed", "sale.card_succeeded"])
      expect(errors).toEqual([])
      await context.close()
    })

    it("checks a gift card's balance and takes it with cash (tablet); sells a gift card whose code shows on the receipt (phone)", async () => {
      await seedGiftCardProduct(getContainer())
      const { result } = await createGiftCardsWorkflow(getContainer()).run({
        input: [{ value: 20, currency_code: "usd", reference: "test", reference_id: "pos-page", metadata: {} }] as any,
      })
      const card = (result as any[])[0]
      const last4 = card.code.replace(/-/g, "").slice(-4)
      const { page, context, errors } = await openTill(TABLET, "maya", { register: "Till 2" })
      await openShift(page)
      await scanBurst(page, [TEE_M])
      await page.waitForFunction(() => document.querySelector('[data-testid="total"]')!.textContent === "$30.87")
      await page.click('[data-testid="pay"]')
      // Store credit needs a customer on the sale: its tab is off without one.
      expect(await page.getByRole("tab", { name: "Store credit" }).isDisabled()).toBe(true)
      await page.getByRole("tab", { name: "Gift card" }).click()
      // typed as a customer reads it out: lower case is fine
      await page.fill('[data-testid="gift-card-code"]', card.code.toLowerCase())
      await page.click('[data-testid="check-balance"]')
      await expect(page.waitForSelector('[data-testid="gift-card-balance"]').then((e) => e.textContent())).resolves.toBe(`Gift card •••• ${last4}: $20.00pays $20.00`)
      expect(await page.isEnabled('[data-testid="use-gift-card"]')).toBe(true)
      await shot(page, "tablet-9-gift-card-balance")
      await page.click('[data-testid="use-gift-card"]')
      await page.waitForSelector('[data-testid="amount-due"] >> text=$10.87 due')
      await expect(page.textContent('[data-testid="tenders"]')).resolves.toContain(`Gift card •••• ${last4} $20.00 · $0.00 left`)
      await page.getByRole("tab", { name: "Cash" }).click()
      await page.fill('[data-testid="cash-amount"]', "20")
      await page.keyboard.press("Enter")
      await expect(page.waitForSelector('[data-testid="change-due"]').then((e) => e.textContent())).resolves.toBe("Change due: $9.13")
      await shot(page, "tablet-10-gift-card-and-cash")
      await page.click('[data-testid="complete-sale"]')
      await page.waitForSelector('[data-testid="receipt"]')
      const receiptText = await page.textContent('[data-testid="receipt"]')
      expect(receiptText).toContain(`Gift card •••• ${last4}$20.00`)
      expect(receiptText).toContain("Balance left$0.00")
      await expect(page.textContent('[data-testid="receipt-total"]')).resolves.toBe("$30.87")
      await shot(page, "tablet-11-gift-card-receipt")
      expect(errors).toEqual([])
      await context.close()

      // On a phone: a $50 gift card scanned by its barcode, paid in cash; its code appears on the receipt once issued.
      const phone = await openTill(PHONE, "luis")
      await openShift(phone.page)
      await scanBurst(phone.page, ["2000990000507"])
      await phone.page.waitForFunction(() => document.querySelector('[data-testid="total"]')!.textContent === "$50.00")
      await phone.page.click('[data-testid="pay"]')
      await phone.page.fill('[data-testid="cash-amount"]', "50")
      await phone.page.keyboard.press("Enter")
      await phone.page.waitForSelector('[data-testid="amount-due"] >> text=Paid')
      await phone.page.click('[data-testid="complete-sale"]')
      await phone.page.waitForSelector('[data-testid="receipt-gift-cards"] >> text=/GIFT-[A-Z0-9]{4}-/')
      const sold = (await phone.page.textContent('[data-testid="receipt-gift-cards"]'))!
      const code = sold.match(/GIFT(-[A-Z0-9]{4}){4}/)![0]
      const { data: found } = await api.get(`/store/gift-cards/${code}`, { headers: { "x-publishable-api-key": demo.publishable_key } })
      expect(Number(found.gift_card.value)).toBe(50)
      await shot(phone.page, "phone-5-gift-card-sold")
      expect(phone.errors).toEqual([])
      await phone.context.close()
    })

    it("sells an item this shop has none of from another shop, picked up there", async () => {
      // An item State Street counts none of that another shop has.
      const { data: auth } = await api.post("/auth/staff/emailpass", { email: login("maya").email, password: STAFF_PASSWORD })
      const staff = { headers: { authorization: `Bearer ${auth.token}` } }
      let target: { title: string; sku: string; store: string } | undefined
      for (const product of PRODUCTS) {
        const { data } = await api.get(`/terminal/stores/${demo.store_ids.state}/lookup?q=${encodeURIComponent(product.title)}`, staff)
        const variant = data.variants.find((v: any) => v.stock.here <= 0 && v.stock.elsewhere.some((e: any) => e.kind === "store" && e.available > 0))
        if (variant) {
          target = { title: product.title, sku: variant.sku, store: variant.stock.elsewhere.find((e: any) => e.kind === "store" && e.available > 0).name }
          break
        }
      }
      expect(target).toBeDefined()

      const { page, context, errors } = await openTill(TABLET, "maya", { register: "Till 2" })
      await openShift(page)
      await page.fill('[data-testid="scan-field"]', target!.title)
      await page.getByRole("button", { name: "Search by name" }).click()
      await page.waitForSelector('[data-testid="search-result"]')
      const row = page.locator('[data-testid="search-result"]', { hasText: target!.sku })
      await row.getByRole("button", { name: `Pick up at ${target!.store}` }).click()
      await page.waitForSelector(`[data-testid="line-source"] >> text=Pickup, from ${target!.store}`)
      await expect(page.inputValue('[data-testid="scan-field"]')).resolves.toBe("")
      await shot(page, "tablet-14-endless-aisle")
      const pos = getContainer().resolve<PosModuleService>(POS_MODULE)
      const [sale] = await pos.listPosSales({ store_id: demo.store_ids.state, status: "open" })
      const { data: view } = await api.get(`/terminal/sales/${sale.id}`, staff)
      expect(view.sale.lines).toEqual([expect.objectContaining({ sku: target!.sku, fulfillment: "pickup", source: expect.objectContaining({ name: target!.store }) })])
      expect(errors).toEqual([])
      await context.close()
    })

    it("keeps selling offline: three cash sales queued through a reload, sent once when the network is back", async () => {
      const { page, context, errors } = await openTill(TABLET, "luis")
      await openShift(page)
      // Online first: the service worker keeps the page, the catalogue reaches the device.
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30000 })
      await page.waitForFunction(
        () =>
          new Promise((resolve) => {
            const open = indexedDB.open("medusa-pos")
            open.onsuccess = () => {
              const read = open.result.transaction("meta").objectStore("meta").getAll()
              read.onsuccess = () => resolve(read.result.some((m: any) => m.count > 0))
              read.onerror = () => resolve(false)
            }
            open.onerror = () => resolve(false)
          }),
        undefined,
        { timeout: 30000 }
      )

      await context.setOffline(true)
      await page.waitForSelector('[data-testid="offline-status"]')
      for (let i = 1; i <= 3; i++) {
        await scanBurst(page, i === 2 ? [TEE_M, TEE_S] : [TEE_M])
        await page.waitForSelector('[data-testid="sale-line"]')
        await page.click('[data-testid="pay"]')
        await page.click(i === 3 ? '[data-testid="cash-quick"] >> nth=0' : '[data-testid="cash-exact"]')
        await page.waitForSelector('[data-testid="offline-receipt"]')
        if (i === 1) await shot(page, "tablet-9-offline-receipt")
        await page.click('[data-testid="offline-new-sale"]')
      }
      await expect(page.textContent('[data-testid="offline-status"]')).resolves.toContain("Offline · 3 sale(s) queued")

      // Over the offline cap (500 before tax): refused on the page, nothing queued.
      await scanBurst(page, Array(18).fill(TEE_M))
      await page.waitForFunction(() => document.querySelector('[data-testid="line-quantity"]')?.textContent === "18")
      await expect(page.textContent('[data-testid="offline-refusal"]')).resolves.toContain("limited to $500.00 before tax")
      expect(await page.isDisabled('[data-testid="pay"]')).toBe(true)
      await shot(page, "tablet-10-offline-cap")
      await page.click('[data-testid="void-sale"]')

      // A reload while offline: the page comes from the service worker, the queue from the device.
      await page.reload()
      await page.waitForSelector('[data-testid="offline-status"]')
      await expect(page.textContent('[data-testid="offline-status"]')).resolves.toContain("3 sale(s) queued")
      await expect(page.textContent('[data-testid="till-identity"]')).resolves.toMatch(/Northwind State Street.*Till 1.*Luis Ortega/)
      await shot(page, "tablet-11-offline-after-reload")

      // Back online: the queue goes, in order, once; the report is shown and kept.
      await context.setOffline(false)
      await page.waitForSelector('[data-testid="last-sync"]', { timeout: 60000 })
      await expect(page.textContent('[data-testid="last-sync"]')).resolves.toContain("3 applied")
      await page.click('[data-testid="last-sync"]')
      await page.waitForSelector('[data-testid="sync-report"]')
      await shot(page, "tablet-12-sync-report")
      await expect(page.textContent('[data-testid="queued-count"]')).resolves.toContain("0 sale(s)")

      const pos = getContainer().resolve<PosModuleService>(POS_MODULE)
      const offline = await pos.listPosOfflineSales({ store_id: demo.store_ids.state } as any)
      expect(offline.map((o: any) => o.status).sort()).toEqual(["applied", "applied", "applied"])
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({ entity: "order", fields: ["id"] })
      expect(orders).toHaveLength(3)
      expect(errors).toEqual([])
      await context.close()
    })

    it("shows the server's message when signing in fails, and sells at phone size", async () => {
      const context = await browser.newContext({ viewport: PHONE })
      const page = await context.newPage()
      await page.goto(`${base}/pos/`)
      await page.fill("#email", login("ivy").email)
      await page.fill("#password", "wrong-password")
      await page.click("button[type=submit]")
      await expect(page.waitForSelector('[data-testid="sign-in-error"]').then((e) => e.textContent())).resolves.toMatch(/invalid|password|unauthorized/i)
      await shot(page, "phone-1-sign-in-error")
      await page.fill("#password", STAFF_PASSWORD)
      await page.click("button[type=submit]")
      await page.getByRole("button", { name: /Till 1/ }).click()
      await openShift(page, "50")
      await scanBurst(page, [TEE_M, "NOT-A-CODE"])
      // An unknown code opens the search with the server's words; the sale keeps its line.
      await page.waitForSelector('[data-testid="search-results"]')
      await expect(page.textContent('[data-testid="search-results"]')).resolves.toContain("NOT-A-CODE")
      await expect(lines(page)).resolves.toEqual([{ title: "Organic Crew Tee – M / Black", quantity: 1 }])
      await shot(page, "phone-2-sale")
      await page.click('[data-testid="pay"]')
      await page.click('[data-testid="cash-exact"]')
      await page.waitForSelector('[data-testid="amount-due"] >> text=Paid')
      await shot(page, "phone-3-paid")
      await page.click('[data-testid="complete-sale"]')
      await page.waitForSelector('[data-testid="receipt"]')
      await shot(page, "phone-4-receipt")

      // Every touch target on the screen is at least 44 px.
      const small = await page.$$eval("button, input, [role=tab]", (els) =>
        els
          .filter((el) => (el as HTMLElement).offsetParent !== null)
          .map((el) => ({ name: el.getAttribute("aria-label") || el.textContent, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.height < 44 || box.width < 44)
          .map(({ name }) => name)
      )
      expect(small).toEqual([])
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({ entity: "order", fields: ["id", "total"] })
      expect(orders).toHaveLength(1)
      await context.close()
    })

    it("serves the page with cache headers, a fallback for client routes, and no way out of its folder", async () => {
      const index = await fetch(`${base}/pos/`, { headers: { "accept-encoding": "gzip" } })
      expect(index.status).toBe(200)
      expect(index.headers.get("cache-control")).toBe("no-cache")
      expect(index.headers.get("content-security-policy")).toContain("default-src 'self'")
      const html = await index.text()
      const script = html.match(/src="(\/pos\/assets\/[^"]+\.js)"/)![1]
      const asset = await fetch(`${base}${script}`)
      expect(asset.headers.get("cache-control")).toContain("immutable")
      expect(asset.headers.get("content-type")).toContain("javascript")
      const route = await fetch(`${base}/pos/sales/anything`)
      expect(route.status).toBe(200)
      expect(await route.text()).toBe(html)
      const redirect = await fetch(`${base}/pos`, { redirect: "manual" })
      expect(redirect.status).toBe(301)
      expect(redirect.headers.get("location")).toBe("/pos/")
      for (const sneaky of ["/pos/..%2f..%2fpackage.json", "/pos/assets/missing.js", "/pos/%E0%A4%A"]) {
        const answer = await fetch(`${base}${sneaky}`)
        expect({ sneaky, status: answer.status }).toEqual({ sneaky, status: expect.any(Number) })
        expect(answer.status === 404 || answer.status === 400).toBe(true)
        expect(await answer.text()).not.toContain("medusa-omnichannel-pos")
      }
      expect((await fetch(`${base}/pos/`, { method: "POST" })).status).toBe(404)
    })
  },
})
