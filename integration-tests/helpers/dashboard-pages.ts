import fs from "fs"
import type { Page } from "playwright-core"

/**
 * Flows through the plugin's dashboard pages for the dashboard's browser spec:
 * `page` is signed in as an admin, `base` is the server (http://localhost:PORT),
 * `shot(name)` takes a screenshot. Each flow checks what a manager would look for
 * and answers what it found.
 */
type Shot = (name: string) => Promise<unknown>

const fail = (message: string): never => {
  throw new Error(message)
}

/** The draft's rule ids in order, as the editor lists them. */
async function draftRuleIds(page: Page) {
  const items = page.getByRole("list", { name: "Draft rules" }).getByRole("listitem")
  const ids: string[] = []
  for (let i = 0; i < (await items.count()); i++) {
    ids.push((await items.nth(i).locator(".font-mono").first().innerText()).trim())
  }
  return ids
}

/**
 * Opens Routing, moves the last rule of the draft up, simulates it against the
 * rules in force on the last 50 orders, checks the comparison, publishes it
 * under a new version (confirming the prompt) and checks the page shows that
 * version in force.
 */
export async function editRoutingAndPublish(page: Page, base: string, shot: Shot) {
  await page.goto(`${base}/app/pos-stores/routing`)
  await page.getByRole("heading", { name: "Routing", exact: true }).waitFor()
  await page.getByRole("heading", { name: "Draft", exact: true }).waitFor()
  const before = await draftRuleIds(page)
  if (before.length < 2) {
    fail(`the draft has ${before.length} rule(s): nothing to move`)
  }
  const moved = before[before.length - 1]
  await page.getByRole("button", { name: `Move ${moved} up` }).click()
  const after = await draftRuleIds(page)
  const expected = [...before.slice(0, -2), moved, before[before.length - 2]]
  if (JSON.stringify(after) !== JSON.stringify(expected)) {
    fail(`moving ${moved} up gave ${after.join(", ")}`)
  }

  const version = `dashboard-${Date.now()}`
  await page.getByLabel("Version name").fill(version)
  await page.getByLabel("Last orders to replay").fill("50")
  await page.getByRole("button", { name: "Simulate", exact: true }).click()
  const results = page.getByRole("heading", { name: "Simulation: rules in force against the draft" })
  await results.waitFor({ timeout: 60000 })
  const noOrders = page.getByText("No routed orders to replay yet")
  if (!(await noOrders.count())) {
    const comparison = page.getByLabel("Simulation comparison")
    for (const measure of ["Split rate", "Average distance per unit", "Units shipped from stores", "Routed", "Unroutable"]) {
      await comparison.getByRole("cell", { name: new RegExp(`^${measure}`) }).first().waitFor()
    }
    await comparison.getByRole("columnheader", { name: `Draft (${version})` }).waitFor()
    await comparison.getByRole("heading", { name: "Load per node" }).waitFor()
    await comparison.getByRole("heading", { name: /^Orders placed differently \(\d+\)$/ }).waitFor()
  }
  await results.scrollIntoViewIfNeeded()
  await shot("routing-simulated")

  await page.getByRole("button", { name: "Publish", exact: true }).click()
  const prompt = page.getByRole("alertdialog")
  await prompt.getByText(`Publish rule set ${version}?`).waitFor()
  await shot("routing-publish-prompt")
  await prompt.getByRole("button", { name: "Publish" }).click()
  const inForce = page.getByLabel("Version in force").filter({ hasText: version })
  await inForce.waitFor()
  await inForce.scrollIntoViewIfNeeded()
  await shot("routing-published")
  return { version, rules: after }
}

/**
 * Opens the order's page and checks the POS widget: the store (or warehouse)
 * its decision sends from and a line of the trace written for a person.
 */
export async function readOrderRouting(page: Page, base: string, orderId: string, shot: Shot) {
  const answer = await page.request.get(`${base}/admin/pos/orders/${orderId}`)
  if (!answer.ok()) {
    fail(`GET /admin/pos/orders/${orderId} answered ${answer.status()}`)
  }
  const { decision } = await answer.json()
  if (!decision) {
    fail(`order ${orderId} has no routing decision`)
  }
  const names = new Map<string, string>((decision.trace?.candidates ?? []).map((c: any) => [c.node_id, c.name]))
  const sender = decision.status === "routed" ? names.get(decision.allocations[0].node_id) : null

  await page.goto(`${base}/app/orders/${orderId}`)
  const heading = page.getByRole("heading", { name: "POS fulfilment" })
  await heading.waitFor({ timeout: 60000 })
  const widget = page.locator("div", { has: heading }).filter({ has: page.getByRole("button", { name: "How it was decided" }) }).last()
  await widget.getByText(decision.status === "routed" ? "Routed" : "Unroutable", { exact: true }).first().waitFor()
  if (sender) {
    await widget.getByRole("cell", { name: sender }).first().waitFor()
  }
  await widget.getByRole("button", { name: "How it was decided" }).first().click()
  const trace = widget.getByRole("list", { name: "How it was decided" }).first()
  await trace.getByText(/^Rule [a-z0-9-]+ kept \d+ nodes?:/).first().waitFor()
  await trace.getByText(/^Method: /).waitFor()
  await heading.scrollIntoViewIfNeeded()
  await shot("order-routing-widget")
  return { decision, sender }
}

/**
 * Opens the audit log, filters it by the action of its newest entry, checks
 * every row shown has that action and the count matches the API, opens a
 * row's details, then exports the CSV and checks its header line.
 */
export async function filterAuditLogAndExport(page: Page, base: string, shot: Shot) {
  const newest = await page.request.get(`${base}/admin/pos/audit-log?limit=1`)
  const [entry] = (await newest.json()).audit_log ?? []
  if (!entry) {
    fail("the audit log is empty: nothing to filter")
  }
  const action: string = entry.action
  const { count } = await (await page.request.get(`${base}/admin/pos/audit-log?limit=1&action=${encodeURIComponent(action)}`)).json()

  await page.goto(`${base}/app/pos-stores/audit-log`)
  await page.getByRole("heading", { name: "Audit log" }).waitFor()
  await page.getByText(/^Showing \d+–\d+ of \d+$/).waitFor()
  await page.getByRole("combobox", { name: "Action" }).click()
  await page.getByRole("option", { name: action, exact: true }).click()
  await page.getByText(new RegExp(`^Showing 1–${Math.min(count, 50)} of ${count}$`)).waitFor()
  const rows = page.locator("tr[data-audit-row]")
  const shown = await rows.count()
  if (shown !== Math.min(count, 50)) {
    fail(`the filtered list shows ${shown} rows for ${count} ${action} entries`)
  }
  for (let i = 0; i < shown; i++) {
    const rowAction = await rows.nth(i).getAttribute("data-audit-row")
    if (rowAction !== action) {
      fail(`row ${i + 1} is ${rowAction}, not ${action}`)
    }
  }
  await rows.first().getByRole("button", { name: `Show details of ${action}` }).click()
  await page.getByText(/^(No details recorded\.|\{)/).first().waitFor()
  await shot("audit-log-filtered")

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()])
  const file = await download.path()
  const lines = fs.readFileSync(file!, "utf8").split(/\r?\n/).filter(Boolean)
  const header = lines[0]
  if (!header.startsWith("created_at,action,actor_type,actor_id,store_id")) {
    fail(`the export's first line is ${header}`)
  }
  if (lines.length - 1 !== count || !lines.slice(1).every((line) => line.split(",")[1] === action)) {
    fail(`the export holds ${lines.length - 1} rows for ${count} ${action} entries, or other actions`)
  }
  return { action, count, header, file: download.suggestedFilename() }
}
