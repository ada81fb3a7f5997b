// The POS page in headless Chromium (Debian's, through playwright-core), for `npm run bench`:
//   - scan to line on screen: a scan typed into the page's scan field until the line's new quantity is
//     painted (from the catalogue on the device), and until the server's answer is on screen, median of
//     N, against the API scan alone (POST /terminal/sales/:id/lines from Node) in the same run, alternating;
//   - first load of /pos: the compressed JavaScript it fetches, and the time until the sign-in form is
//     usable, on a cold browser (no cache, no service worker), median of 5;
//   - an offline sale: from tapping "Exact" on the offline cash screen until the sale is in the device's
//     queue and its receipt is on screen, median of N.
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

async function runPageBench({ base, token, staff, storeId, registerId, apiScan, samples = 50, chromium: executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium" }) {
  const { chromium } = require("playwright-core")
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  })
  try {
    // First load, cold: a new context each time.
    const loads = []
    let jsBytes = 0
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, serviceWorkers: "block" })
      const page = await context.newPage()
      let bytes = 0
      page.on("response", (response) => {
        if (response.url().endsWith(".js")) bytes += Number(response.headers()["content-length"] || 0)
      })
      await page.goto(`${base}/pos/`)
      await page.waitForSelector("#email:enabled")
      loads.push(await page.evaluate(() => performance.now()))
      jsBytes = bytes
      await context.close()
    }

    // A signed-in till on the bench's open shift.
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } })
    await context.addInitScript(
      ([session, setup]) => {
        if (!localStorage.getItem("pos.session")) {
          localStorage.setItem("pos.session", session)
          localStorage.setItem("pos.device", setup)
        }
      },
      [JSON.stringify({ token, staff }), JSON.stringify({ store_id: storeId, register_id: registerId })]
    )
    const page = await context.newPage()
    await page.goto(`${base}/pos/`)
    await page.waitForSelector('[data-testid="scan-field"]')
    const pageScan = (code) =>
      page.evaluate(async (code) => {
        const input = document.querySelector('[data-testid="scan-field"]')
        const quantity = () => document.querySelector('[data-testid="line-quantity"]')?.textContent ?? ""
        const before = quantity()
        const start = performance.now()
        input.value = code
        input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }))
        await new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (quantity() !== before) {
              observer.disconnect()
              resolve()
            }
          })
          observer.observe(document.body, { subtree: true, childList: true, characterData: true })
        })
        await new Promise((resolve) => requestAnimationFrame(() => resolve()))
        const shown = performance.now() - start
        // then the server's answer on screen: the totals no longer marked as updating
        await new Promise((resolve) => {
          const check = () => (document.querySelector('[data-testid="totals"][aria-busy="true"]') ? requestAnimationFrame(check) : resolve())
          check()
        })
        return { shown, confirmed: performance.now() - start }
      }, code)
    const code = "NW-BNE-BLA-OS"
    for (let i = 0; i < 3; i++) {
      await pageScan(code)
      await apiScan()
    }
    const onPage = []
    const confirmedOnPage = []
    const api = []
    for (let i = 0; i < samples; i++) {
      const order = i % 2 ? ["api", "page"] : ["page", "api"]
      for (const which of order) {
        if (which === "page") {
          const { shown, confirmed } = await pageScan(code)
          onPage.push(shown)
          confirmedOnPage.push(confirmed)
        }
        else {
          const start = process.hrtime.bigint()
          await apiScan()
          api.push(Number(process.hrtime.bigint() - start) / 1e6)
        }
      }
    }

    // Offline: the catalogue on the device first, then the network off.
    await page.waitForFunction(
      () =>
        new Promise((resolve) => {
          const open = indexedDB.open("medusa-pos")
          open.onsuccess = () => {
            const read = open.result.transaction("meta").objectStore("meta").getAll()
            read.onsuccess = () => resolve(read.result.some((m) => m.count > 0))
          }
          open.onerror = () => resolve(false)
        }),
      undefined,
      { timeout: 60000 }
    )
    await context.setOffline(true)
    await page.waitForSelector('[data-testid="offline-status"]')
    const offline = []
    const offlineSamples = Math.min(samples, 20)
    for (let i = 0; i < offlineSamples + 2; i++) {
      await page.evaluate((code) => {
        const input = document.querySelector('[data-testid="scan-field"]')
        input.value = code
        input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }))
      }, code)
      await page.waitForSelector('[data-testid="sale-line"]')
      await page.click('[data-testid="pay"]')
      await page.waitForSelector('[data-testid="cash-exact"]')
      const ms = await page.evaluate(async () => {
        const start = performance.now()
        document.querySelector('[data-testid="cash-exact"]').click()
        await new Promise((resolve) => {
          const check = () => (document.querySelector('[data-testid="offline-receipt"]') ? resolve() : requestAnimationFrame(check))
          check()
        })
        return performance.now() - start
      })
      if (i >= 2) offline.push(ms)
      await page.click('[data-testid="offline-new-sale"]')
    }
    await context.setOffline(false)
    await context.close()

    return {
      first_load_js_gzip_kb: jsBytes / 1024,
      first_load_interactive_ms: median(loads),
      scan_page_ms: median(onPage),
      scan_api_ms: median(api),
      scan_ratio: median(onPage) / median(api),
      scan_confirmed_ms: median(confirmedOnPage),
      scan_confirmed_ratio: median(confirmedOnPage) / median(api),
      offline_sale_ms: median(offline),
      offline_sales_queued: offline.length + 2,
    }
  } finally {
    await browser.close()
  }
}

module.exports = { runPageBench }
