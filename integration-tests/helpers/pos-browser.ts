import { execFileSync } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { chromium, type Browser, type Page } from "playwright-core"
import { STAFF_PASSWORD } from "../../demo/catalog"

/** The POS page in Debian's Chromium, for the browser specs. */
export const TABLET = { width: 1024, height: 768 }
export const PHONE = { width: 390, height: 844 }
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
export const SHOTS = process.env.POS_SCREENSHOTS_DIR || path.join(os.tmpdir(), "pos-page-screenshots")

/** The page as the plugin ships it, built in a process of its own (Vite is an ES module jest cannot load). */
export function buildPosPage() {
  const root = path.resolve(__dirname, "../..")
  execFileSync(process.execPath, [path.join(root, "scripts", "build-pos.js"), "--quiet"], { cwd: root, stdio: "pipe" })
}

export async function launchChromium() {
  fs.mkdirSync(SHOTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  })
}

/** Signs a demo staff member in at /pos and picks the register; page errors are collected. */
export async function openTill(
  browser: Browser,
  base: string,
  email: string,
  size: typeof TABLET,
  options: { register?: string; clock?: boolean } = {}
) {
  const context = await browser.newContext({ viewport: size })
  const page = await context.newPage()
  if (options.clock) await page.clock.install()
  const errors: string[] = []
  page.on("pageerror", (error) => errors.push(error.message))
  await page.goto(`${base}/pos/`)
  await page.fill("#email", email)
  await page.fill("#password", STAFF_PASSWORD)
  await page.click("button[type=submit]")
  await page.getByRole("button", { name: new RegExp(options.register ?? "Till 1") }).click()
  return { page, context, errors }
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}
