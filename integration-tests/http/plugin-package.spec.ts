import { execFileSync } from "child_process"
import fs from "fs"
import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adminHeaders } from "../helpers/admin"
import { createStaffMember, storeInput } from "../helpers/store-network"

jest.setTimeout(240000)

const root = path.resolve(__dirname, "../..")
const server = path.join(root, ".medusa/server")

// Build the package exactly as `npm publish` would (prepublishOnly), before the
// runner below boots the host app that installs it.
beforeAll(() => {
  const env = { ...process.env, NODE_ENV: "production" }
  execFileSync(path.join(root, "node_modules/.bin/medusa"), ["plugin:build"], { cwd: root, stdio: "pipe", env })
  // the POS page, after Medusa's build (which empties .medusa/server)
  execFileSync(process.execPath, ["scripts/build-pos.js", "--out", ".medusa/server/pos", "--quiet"], { cwd: root, stdio: "pipe", env })
})

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../host"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    describe("the built plugin in a merchant's app", () => {
      it("ships compiled modules, migrations, routes and dashboard extensions, and no tests", () => {
        const shipped = (relative: string) => fs.existsSync(path.join(server, relative))
        expect(shipped("src/modules/pos/index.js")).toBe(true)
        expect(fs.readdirSync(path.join(server, "src/modules/pos/migrations")).length).toBeGreaterThan(0)
        expect(shipped("src/api/admin/pos/stores/route.js")).toBe(true)
        expect(shipped("src/admin/index.js")).toBe(true)
        expect(shipped("src/admin/index.mjs")).toBe(true)
        expect(shipped("pos/index.html")).toBe(true)
        expect(shipped("src/pos")).toBe(false)
        expect(shipped("src/modules/pos/__tests__")).toBe(false)
        expect(shipped("integration-tests")).toBe(false)
        expect(shipped("demo")).toBe(false)

        // Every path the exports map promises exists after the build.
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))
        for (const target of [pkg.exports["./admin"].import, pkg.exports["./admin"].require]) {
          expect(fs.existsSync(path.join(root, target))).toBe(true)
        }
      })

      it("runs the plugin's migrations and serves its routes in the host app", async () => {
        const { rows } = await dbConnection.raw(
          "select column_name from information_schema.columns where table_name = 'pos_store'"
        )
        expect(rows.map((r: { column_name: string }) => r.column_name)).toEqual(
          expect.arrayContaining(["id", "code", "latitude", "longitude", "status"])
        )

        // The module is registered under its name, its links load from the package,
        // and its workflows create a store with its core records in the host app.
        const container = getContainer()
        expect(container.resolve("pos")).toBeDefined()
        const headers = await adminHeaders(container, api)
        const { data: created } = await api.post("/admin/pos/stores", storeInput("CHI-STATE", { name: "Northwind State Street" }), headers)
        expect(created.store.stock_location.id).toBe(created.stock_location_id)
        expect(created.store.sales_channel.id).toBe(created.sales_channel_id)

        const query = container.resolve(ContainerRegistrationKeys.QUERY)
        const { data } = await query.graph({ entity: "pos_store", fields: ["code", "stock_location.name"] })
        expect(data).toEqual([
          expect.objectContaining({ code: "CHI-STATE", stock_location: expect.objectContaining({ name: "Northwind State Street" }) }),
        ])

        const { data: list } = await api.get("/admin/pos/stores?fields=name,code", headers)
        expect(list.count).toBe(1)
        expect(list.stores[0]).toMatchObject({ name: "Northwind State Street", code: "CHI-STATE" })

        // Staff sign in with their own actor type in the host app too.
        const staff = await createStaffMember(api, headers, "maya@northwind.test", [
          { store_id: created.store.id, role: "manager" },
        ])
        const { data: me } = await api.get("/terminal/me", staff.headers)
        expect(me.memberships[0].store.code).toBe("CHI-STATE")

        // The POS page, from the package, same origin as /terminal.
        const page = await api.get("/pos/")
        expect(page.headers["content-type"]).toContain("text/html")
        expect(page.data).toContain('<div id="root">')
        const script = String(page.data).match(/src="(\/pos\/assets\/[^"]+\.js)"/)![1]
        expect((await api.get(script)).headers["cache-control"]).toContain("immutable")
        expect((await api.get("/pos/sales/recent")).data).toBe(page.data)

        const bad = await api
          .get("/admin/pos/stores?status=closed", headers)
          .catch((error: any) => error.response)
        expect(bad.status).toBe(400)
        expect(JSON.stringify(bad.data)).toMatch(/status/)
      })
    })
  },
})
