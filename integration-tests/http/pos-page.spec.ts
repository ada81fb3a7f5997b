import { execFileSync } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { chromium, type Browser, type Page } from "playwright-core"
import { STAFF_PASSWORD } from "../../demo/catalog"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { POS_MODULE } from "../../src/modules/pos"
import type PosModuleService from "../../src/modules/pos/service"

// The POS page in a real headless Chromium (Debian's), against the demo
// retailer on the test server: what a cashier does, at tablet and phone size.
jest.setTimeout(240000)

/** The page as the plugin ships it, built in a process of its own (Vite is an ES module jest cannot load). */
function buildPosPage() {
  const root = path.resolve(__dirname, "../..")
  execFileSync(process.execPath, [path.join(root, "scripts", "build-pos.js"), "--quiet"], { cwd: root, stdio: "pipe" })
}

const TABLET = { width: 1024, height: 768 }
const PHONE = { width: 390, height: 844 }
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const SHOTS = process.env.POS_SCREENSHOTS_DIR || path.join(os.tmpdir(), "pos-page-screenshots")

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
      fs.mkdirSync(SHOTS, { recursive: true })
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
      })
    })

    afterAll(async () => {
      await browser?.close()
    })

    beforeEach(async () => {
      demo = await seedDemo(getContainer())
      base = String(api.defaults.baseURL).replace(/\/$/, "")
    })

    const login = (first: string) => demo.staff.find((s) => s.email.startsWith(`${first}.`))!

    async function openTill(size: typeof TABLET, who: string, options: { register?: string } = {}) {
      const context = await browser.newContext({ viewport: size })
      const page = await context.newPage()
      const errors: string[] = []
      page.on("pageerror", (error) => errors.push(error.message))
      await page.goto(`${base}/pos/`)
      await page.fill("#email", login(who).email)
      await page.fill("#password", STAFF_PASSWORD)
      await page.click("button[type=submit]")
      await page.getByRole("button", { name: new RegExp(options.register ?? "Till 1") }).click()
      return { page, context, errors }
    }

    async function shot(page: Page, name: string) {
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
    }

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
      expect(errors).toEqual([])
      await context.close()
    })

    it("asks a manager's PIN to void a paid sale, and takes over the till by PIN", async () => {
      const { page, context, errors } = await openTill(TABLET, "luis", { register: "Till 2" })
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
