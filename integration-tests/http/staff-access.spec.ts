import jwt from "jsonwebtoken"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../src/modules/pos"
import type PosModuleService from "../../src/modules/pos/service"
import { adminHeaders } from "../helpers/admin"
import { attempt, createStaffMember, type StaffLogin } from "../helpers/store-network"
import { createStore } from "../helpers/store-workflows"

jest.setTimeout(180000)

type Headers = { headers: Record<string, string> }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: Headers
    let storeA: string
    let storeB: string
    let registerA: string
    let registerB: string
    let managerA: StaffLogin
    let associateA: StaffLogin
    let associateB: StaffLogin

    beforeEach(async () => {
      const container = getContainer()
      admin = await adminHeaders(container, api)
      storeA = (await createStore(container, "A-STATE", { name: "Alpha State Street" })).store_id
      storeB = (await createStore(container, "B-WICKER", { name: "Bravo Wicker Park" })).store_id
      registerA = (await api.post(`/admin/pos/stores/${storeA}/registers`, { name: "Till A1" }, admin)).data.register.id
      registerB = (await api.post(`/admin/pos/stores/${storeB}/registers`, { name: "Till B1" }, admin)).data.register.id
      managerA = await createStaffMember(api, admin, "mia@alpha.test", [{ store_id: storeA, role: "manager", pin: "9137" }])
      associateA = await createStaffMember(api, admin, "ari@alpha.test", [{ store_id: storeA, role: "associate", pin: "2468" }])
      associateB = await createStaffMember(api, admin, "bo@bravo.test", [{ store_id: storeB, role: "associate", pin: "1357" }])
    })

    async function customerHeaders(): Promise<Headers> {
      const container = getContainer()
      const customer = await container.resolve(Modules.CUSTOMER).createCustomers({ email: "shopper@example.com" })
      const auth = container.resolve(Modules.AUTH)
      const { authIdentity } = await auth.register("emailpass", {
        body: { email: "shopper@example.com", password: "shopper-password" },
      })
      await auth.updateAuthIdentities({ id: authIdentity!.id, app_metadata: { customer_id: customer.id } })
      const { data } = await api.post("/auth/customer/emailpass", {
        email: "shopper@example.com",
        password: "shopper-password",
      })
      return { headers: { authorization: `Bearer ${data.token}` } }
    }

    async function openShift(storeId: string, registerId: string, who: StaffLogin, float = 100) {
      const { data } = await api.post(
        `/terminal/stores/${storeId}/shifts`,
        { register_id: registerId, opening_float: float },
        who.headers
      )
      return data.shift.id as string
    }

    describe("signing in", () => {
      it("gives staff a token for /terminal only, with their stores and roles", async () => {
        const { data } = await api.get("/terminal/me", managerA.headers)
        expect(data.staff).toMatchObject({ id: managerA.id, email: "mia@alpha.test" })
        expect(data.memberships).toEqual([
          expect.objectContaining({ role: "manager", store: expect.objectContaining({ id: storeA, code: "A-STATE" }) }),
        ])

        for (const path of ["/admin/pos/stores", "/admin/orders", "/admin/products", "/admin/users/me"]) {
          expect({ path, status: (await attempt(api.get(path, managerA.headers))).status }).toEqual({ path, status: 401 })
        }
      })

      it("refuses wrong passwords, self-registration, forged, expired and deactivated tokens", async () => {
        expect((await attempt(api.post("/auth/staff/emailpass", { email: "mia@alpha.test", password: "nope" }))).status).toBe(401)

        const register = await attempt(
          api.post("/auth/staff/emailpass/register", { email: "intruder@example.com", password: "whatever-pass" })
        )
        expect(register.status).toBe(400)
        expect(register.data.message).toContain("created by an admin")

        const claims = jwt.decode(managerA.token) as Record<string, unknown>
        const { iat, exp, ...payload } = claims
        const forged = jwt.sign(payload, "not-the-secret", { expiresIn: "1h" })
        const expired = jwt.sign(payload, "supersecret", { expiresIn: -60 })
        for (const token of [forged, expired, "garbage"]) {
          const response = await attempt(api.get("/terminal/me", { headers: { authorization: `Bearer ${token}` } }))
          expect(response.status).toBe(401)
        }

        await api.post(`/admin/pos/staff/${associateA.id}`, { is_active: false }, admin)
        expect((await attempt(api.get("/terminal/me", associateA.headers))).status).toBe(401)
        expect((await attempt(api.post("/auth/staff/emailpass", { email: associateA.email, password: associateA.password }))).status).toBe(200)
      })

      it("stops a removed member at the store door at once", async () => {
        await api.delete(`/admin/pos/stores/${storeA}/staff/${associateA.id}`, admin)
        expect((await attempt(api.get(`/terminal/stores/${storeA}`, associateA.headers))).status).toBe(403)
      })
    })

    describe("the authorization matrix", () => {
      it("answers every terminal route for every kind of caller as it should, and leaks nothing of store B", async () => {
        const customer = await customerHeaders()
        const shiftA = await openShift(storeA, registerA, managerA)
        const shiftB = await openShift(storeB, registerB, associateB)

        // Each member of store A opens their shift on a register of their own.
        const spareRegisters: Record<string, string> = {}
        for (const who of ["associate of store A", "manager of store A"]) {
          spareRegisters[who] = (await api.post(`/admin/pos/stores/${storeA}/registers`, { name: who }, admin)).data.register.id
        }

        type Call = {
          name: string
          manager_only?: boolean
          run: (h: Headers | undefined, who: string) => Promise<{ status: number; data: any }>
        }
        const calls: Call[] = [
          { name: "GET /terminal/me", run: (h) => attempt(api.get("/terminal/me", h)) },
          { name: "GET store", run: (h) => attempt(api.get(`/terminal/stores/${storeA}`, h)) },
          { name: "GET shifts", run: (h) => attempt(api.get(`/terminal/stores/${storeA}/shifts?status=open`, h)) },
          {
            name: "POST pin/verify",
            run: (h) => attempt(api.post("/terminal/pin/verify", { store_id: storeA, pin: "9137", action: "shift.cash_out" }, h)),
          },
          {
            name: "POST pin/switch",
            run: (h) => attempt(api.post("/terminal/pin/switch", { store_id: storeA, pin: "2468" }, h)),
          },
          { name: "GET shift", run: (h) => attempt(api.get(`/terminal/shifts/${shiftA}`, h)) },
          {
            name: "cash in",
            run: (h) => attempt(api.post(`/terminal/shifts/${shiftA}/cash-movements`, { amount: 20, reason: "change from bank" }, h)),
          },
          {
            name: "open shift",
            run: (h, who) =>
              attempt(
                api.post(
                  `/terminal/stores/${storeA}/shifts`,
                  { register_id: spareRegisters[who] ?? registerA, opening_float: 50 },
                  h
                )
              ),
          },
          {
            name: "cash out",
            manager_only: true,
            run: (h) => attempt(api.post(`/terminal/shifts/${shiftA}/cash-movements`, { amount: -10, reason: "bank deposit" }, h)),
          },
          {
            name: "close with a variance",
            manager_only: true,
            run: (h) => attempt(api.post(`/terminal/shifts/${shiftA}/close`, { counted_cash: 0 }, h)),
          },
        ]

        const callers: { who: string; headers?: Headers; expect: (call: Call) => number[] }[] = [
          { who: "no token", headers: undefined, expect: () => [401] },
          { who: "admin user", headers: admin, expect: () => [401] },
          { who: "customer", headers: customer, expect: () => [401] },
          {
            who: "staff of store B",
            headers: associateB.headers,
            expect: (call) => (call.name === "GET /terminal/me" ? [200] : [403]),
          },
          {
            who: "associate of store A",
            headers: associateA.headers,
            expect: (call) => (call.manager_only ? [403] : [200]),
          },
          { who: "manager of store A", headers: managerA.headers, expect: () => [200] },
        ]

        const storeBMarkers = [storeB, "Bravo Wicker Park", "B-WICKER", shiftB, registerB]
        for (const caller of callers) {
          for (const call of calls) {
            const { status, data } = await call.run(caller.headers, caller.who)
            const allowed = caller.expect(call)
            expect({ who: caller.who, call: call.name, status: allowed.includes(status) ? "as expected" : status }).toEqual({
              who: caller.who,
              call: call.name,
              status: "as expected",
            })
            if (caller.who !== "staff of store B") {
              const body = JSON.stringify(data)
              for (const marker of storeBMarkers) {
                expect({ who: caller.who, call: call.name, leaks: body.includes(marker) }).toEqual({
                  who: caller.who,
                  call: call.name,
                  leaks: false,
                })
              }
            }
          }
        }

        // Store B's staff knocking on store A's door leaves audit rows naming them.
        const pos = getContainer().resolve<PosModuleService>(POS_MODULE)
        const denied = await pos.listPosAuditLogs({ action: "access.denied", actor_id: associateB.id })
        expect(denied.length).toBeGreaterThanOrEqual(calls.length - 1)
        expect(denied.every((row) => row.store_id === storeA && row.request_id)).toBe(true)

        // Unknown stores and shifts are 404s, for members of any store.
        expect((await attempt(api.get("/terminal/stores/str_missing", managerA.headers))).status).toBe(404)
        expect((await attempt(api.get("/terminal/shifts/shft_missing", managerA.headers))).status).toBe(404)
      })
    })

    describe("manager approval with a PIN", () => {
      it("lets an associate take cash out with a manager's PIN, once, for that action only", async () => {
        const shift = await openShift(storeA, registerA, associateA)
        const refused = await attempt(
          api.post(`/terminal/shifts/${shift}/cash-movements`, { amount: -50, reason: "bank deposit" }, associateA.headers)
        )
        expect(refused.status).toBe(403)
        expect(refused.data.message).toContain("needs a manager")
        expect(refused.data.manager_action).toEqual({ action: "shift.cash_out", store_id: storeA })

        const { data } = await api.post(
          "/terminal/pin/verify",
          { store_id: storeA, pin: "9137", action: "shift.cash_out" },
          associateA.headers
        )
        expect(data.approval).toMatchObject({ action: "shift.cash_out", approved_by: managerA.id, store_id: storeA })

        // Another associate cannot use it.
        const otherAssociate = await createStaffMember(api, admin, "cy@alpha.test", [{ store_id: storeA, role: "associate" }])
        const stolen = await attempt(
          api.post(
            `/terminal/shifts/${shift}/cash-movements`,
            { amount: -50, reason: "bank deposit", approval_id: data.approval.id },
            otherAssociate.headers
          )
        )
        expect(stolen.status).toBe(403)

        const ok = await api.post(
          `/terminal/shifts/${shift}/cash-movements`,
          { amount: -50, reason: "bank deposit", approval_id: data.approval.id },
          associateA.headers
        )
        expect(ok.status).toBe(200)
        expect(ok.data.cash_movement).toMatchObject({ approved_by: managerA.id, staff_id: associateA.id })

        const reused = await attempt(
          api.post(
            `/terminal/shifts/${shift}/cash-movements`,
            { amount: -5, reason: "again", approval_id: data.approval.id },
            associateA.headers
          )
        )
        expect(reused.status).toBe(403)
        expect(reused.data.message).toContain("used, expired")

        const { data: audit } = await api.get(`/admin/pos/audit-log?store_id=${storeA}&action=shift.cash_out`, admin)
        expect(audit.audit_log).toEqual([
          expect.objectContaining({ actor_id: associateA.id, approved_by: managerA.id, resource_id: shift }),
        ])
      })

      it("locks PIN entry after five wrong PINs, even for the right PIN", async () => {
        const verify = (pin: string) =>
          attempt(api.post("/terminal/pin/verify", { store_id: storeA, pin, action: "shift.cash_out" }, associateA.headers))
        for (let i = 1; i <= 4; i++) {
          const { status, data } = await verify(`000${i}`)
          expect(status).toBe(400)
          expect(data.message).toContain(`${5 - i} attempt(s) left`)
        }
        const locked = await verify("0005")
        expect(locked.status).toBe(429)
        expect((await verify("9137")).status).toBe(429)
        // The lock is the requester's: the manager's PIN still works for someone else.
        const otherAssociate = await createStaffMember(api, admin, "cy@alpha.test", [{ store_id: storeA, role: "associate" }])
        const other = await attempt(
          api.post("/terminal/pin/verify", { store_id: storeA, pin: "9137", action: "shift.cash_out" }, otherAssociate.headers)
        )
        expect(other.status).toBe(200)
        // An associate's own PIN is no manager approval; a bad PIN format is a 400 naming the field.
        const badFormat = await attempt(
          api.post("/terminal/pin/verify", { store_id: storeA, pin: "12", action: "shift.cash_out" }, otherAssociate.headers)
        )
        expect(badFormat.status).toBe(400)
        expect(badFormat.data.message).toMatch(/pin/)
      })

      it("switches a shared till to another member of the store by their PIN, with the same lockout", async () => {
        const pos = getContainer().resolve<PosModuleService>(POS_MODULE)
        // The associate's PIN on the manager's till: a token of the associate's own.
        const { data } = await api.post("/terminal/pin/switch", { store_id: storeA, pin: "2468" }, managerA.headers)
        expect(data.staff).toMatchObject({ id: associateA.id, email: "ari@alpha.test" })
        expect(JSON.stringify(data)).not.toMatch(/pin_hash|password/)
        const switched = { headers: { authorization: `Bearer ${data.token}` } }
        const { data: me } = await api.get("/terminal/me", switched)
        expect(me.staff.id).toBe(associateA.id)
        expect(me.memberships).toEqual([expect.objectContaining({ role: "associate" })])
        // The switched token is an associate's: a manager action is refused.
        const shift = await openShift(storeA, registerA, managerA)
        const cashOut = await attempt(
          api.post(`/terminal/shifts/${shift}/cash-movements`, { amount: -5, reason: "bank" }, switched)
        )
        expect(cashOut.status).toBe(403)
        expect(await pos.listPosAuditLogs({ action: "staff.switched" })).toEqual([
          expect.objectContaining({ actor_id: associateA.id, store_id: storeA, data: { from_staff_id: managerA.id } }),
        ])

        // The token from a PIN opens the store it was given at, not the member's other stores.
        const dual = await createStaffMember(api, admin, "dual@alpha.test", [
          { store_id: storeA, role: "associate", pin: "5555" },
          { store_id: storeB, role: "associate" },
        ])
        const { data: dualSwitch } = await api.post("/terminal/pin/switch", { store_id: storeA, pin: "5555" }, associateA.headers)
        const dualHeaders = { headers: { authorization: `Bearer ${dualSwitch.token}` } }
        expect((await api.get("/terminal/me", dualHeaders)).data.memberships.map((m: any) => m.store.id)).toEqual([storeA])
        expect((await attempt(api.get(`/terminal/stores/${storeB}`, dualHeaders))).status).toBe(403)
        expect((await api.get(`/terminal/stores/${storeB}`, dual.headers)).status).toBe(200)

        // A deactivated member's PIN opens nothing.
        await api.post(`/admin/pos/staff/${managerA.id}`, { is_active: false }, admin)
        const gone = await attempt(api.post("/terminal/pin/switch", { store_id: storeA, pin: "9137" }, associateA.headers))
        expect(gone.status).toBe(400)

        // Store B's PIN does not open store A's till; a member of store B cannot switch at store A.
        const foreign = await attempt(api.post("/terminal/pin/switch", { store_id: storeA, pin: "1357" }, associateA.headers))
        expect(foreign.status).toBe(400)
        expect(foreign.data.message).toContain("no member of store")
        expect((await attempt(api.post("/terminal/pin/switch", { store_id: storeA, pin: "2468" }, associateB.headers))).status).toBe(403)
        // Their own PIN between guesses does not wipe the count of wrong ones.
        expect((await attempt(api.post("/terminal/pin/switch", { store_id: storeA, pin: "2468" }, associateA.headers))).status).toBe(200)

        // Wrong PINs count against whoever is signed in, and lock as manager PINs do.
        for (let i = 1; i <= 2; i++) {
          expect((await attempt(api.post("/terminal/pin/switch", { store_id: storeA, pin: `000${i}` }, associateA.headers))).status).toBe(400)
        }
        const locked = await attempt(api.post("/terminal/pin/switch", { store_id: storeA, pin: "0004" }, associateA.headers))
        expect(locked.status).toBe(429)
        expect(locked.data.message).toContain("Too many wrong PINs")
        expect((await attempt(api.post("/terminal/pin/switch", { store_id: storeA, pin: "2468" }, associateA.headers))).status).toBe(429)
        const refusals = await pos.listPosAuditLogs({ actor_id: associateA.id, action: ["pin.rejected", "pin.locked"] })
        expect(refusals.every((row) => (row.data as any).for_action === "staff.switch")).toBe(true)
        expect(refusals.length).toBe(6)
      })

      it("refuses PINs that another member of the store already uses", async () => {
        const { data } = await api.post(
          "/admin/pos/staff",
          { email: "dee@alpha.test", password: "correct-horse-battery", first_name: "Dee", last_name: "Tester" },
          admin
        )
        const clash = await attempt(
          api.post(`/admin/pos/stores/${storeA}/staff`, { staff_id: data.staff.id, role: "associate", pin: "9137" }, admin)
        )
        expect(clash.status).toBe(400)
        expect(clash.data.message).toContain("already uses this PIN")
        // The same PIN in another store is fine.
        const elsewhere = await api.post(
          `/admin/pos/stores/${storeB}/staff`,
          { staff_id: data.staff.id, role: "associate", pin: "9137" },
          admin
        )
        expect(elsewhere.status).toBe(200)
        const { data: members } = await api.get(`/admin/pos/stores/${storeB}/staff`, admin)
        expect(JSON.stringify(members)).not.toContain("pin_hash")
        for (const path of [
          `/admin/pos/staff?fields=*memberships`,
          `/admin/pos/staff/${data.staff.id}?fields=memberships.pin_hash`,
          `/admin/pos/stores/${storeB}?fields=memberships.*`,
        ]) {
          const asked = await attempt(api.get(path, admin))
          expect({ path, status: asked.status }).toEqual({ path, status: 400 })
        }
        expect(members.members.find((m: any) => m.staff.id === data.staff.id)).toMatchObject({ has_pin: true })
      })
    })

    describe("shifts", () => {
      it("opens one shift per register, even when two tills race", async () => {
        const results = await Promise.all(
          [associateA, managerA].map((who) =>
            attempt(api.post(`/terminal/stores/${storeA}/shifts`, { register_id: registerA, opening_float: 150 }, who.headers))
          )
        )
        expect(results.map((r) => r.status).sort()).toEqual([200, 400])
        expect(results.find((r) => r.status === 400)!.data.message).toContain("already has an open shift")

        const wrongStore = await attempt(
          api.post(`/terminal/stores/${storeA}/shifts`, { register_id: registerB, opening_float: 100 }, managerA.headers)
        )
        expect(wrongStore.status).toBe(404)
        const negative = await attempt(
          api.post(`/terminal/stores/${storeA}/shifts`, { register_id: registerA, opening_float: -1 }, managerA.headers)
        )
        expect(negative.status).toBe(400)
        expect(negative.data.message).toContain("opening_float")
      })

      it("does not open shifts in a disabled store or one whose sell switch is off", async () => {
        const open = () =>
          attempt(api.post(`/terminal/stores/${storeA}/shifts`, { register_id: registerA, opening_float: 100 }, managerA.headers))
        await api.post(`/admin/pos/stores/${storeA}`, { capabilities: { sell: false } }, admin)
        const noSell = await open()
        expect(noSell.status).toBe(400)
        expect(noSell.data.message).toContain('"sell" switch is off')

        await api.post(`/admin/pos/stores/${storeA}`, { capabilities: { sell: true } }, admin)
        await api.post(`/admin/pos/stores/${storeA}/disable`, {}, admin)
        const disabled = await open()
        expect(disabled.status).toBe(400)
        expect(disabled.data.message).toContain("is disabled")

        await api.post(`/admin/pos/stores/${storeA}/enable`, {}, admin)
        expect((await open()).status).toBe(200)
      })

      it("closes with expected, counted and variance; a variance over the threshold needs a manager", async () => {
        const shift = await openShift(storeA, registerA, associateA, 100)
        await api.post(`/terminal/shifts/${shift}/cash-movements`, { amount: 25.5, reason: "change" }, associateA.headers)

        const tooFar = await attempt(api.post(`/terminal/shifts/${shift}/close`, { counted_cash: 110 }, associateA.headers))
        expect(tooFar.status).toBe(403)

        const { data: approval } = await api.post(
          "/terminal/pin/verify",
          { store_id: storeA, pin: "9137", action: "shift.close_with_variance" },
          associateA.headers
        )
        const { data } = await api.post(
          `/terminal/shifts/${shift}/close`,
          { counted_cash: 110, approval_id: approval.approval.id },
          associateA.headers
        )
        expect(data).toMatchObject({ expected_cash: 125.5, counted_cash: 110, variance: -15.5 })
        expect(data.shift).toMatchObject({ status: "closed", variance_approved_by: managerA.id, closed_by: associateA.id })

        const again = await attempt(api.post(`/terminal/shifts/${shift}/close`, { counted_cash: 110 }, associateA.headers))
        expect(again.status).toBe(400)

        // Within the threshold an associate closes alone.
        const second = await openShift(storeA, registerA, associateA, 50)
        const { data: small } = await api.post(`/terminal/shifts/${second}/close`, { counted_cash: 48 }, associateA.headers)
        expect(small).toMatchObject({ expected_cash: 50, variance: -2 })
        expect(small.shift.variance_approved_by).toBeNull()
      })
    })

    describe("hostile input", () => {
      const auditRows = async () => (await getContainer().resolve<PosModuleService>(POS_MODULE).listAndCountPosAuditLogs({}))[1]

      it("refuses control characters in a path, query or body with 400 before any store check, and writes nothing", async () => {
        const audits = await auditRows()
        const cases: [string, Promise<{ status: number; data: any }>, string][] = [
          ["store id", attempt(api.get(`/terminal/stores/ab%00cd`, associateA.headers)), "A path segment contains a control character (U+0000)"],
          ["sale id", attempt(api.get(`/terminal/sales/ab%07cd`, associateA.headers)), "A path segment contains a control character (U+0007)"],
          ["lookup q", attempt(api.get(`/terminal/stores/${storeA}/lookup?q=ab%00cd`, associateA.headers)), "q contains a control character (U+0000)"],
          ["shift status", attempt(api.get(`/terminal/stores/${storeA}/shifts?status=%1B`, associateA.headers)), "status contains a control character (U+001B)"],
          [
            "PIN store_id",
            attempt(api.post("/terminal/pin/verify", { store_id: "a\u0000b", pin: "9137", action: "sale.void" }, associateA.headers)),
            "store_id contains a control character (U+0000)",
          ],
          [
            "12 KB shift id",
            attempt(api.post(`/terminal/shifts/${"x".repeat(12_000)}/cash-movements`, { amount: 1, reason: "r" }, associateA.headers)),
            "A path segment is longer than 10000 characters",
          ],
          ["sign-in email", attempt(api.post("/auth/staff/emailpass", { email: "mia\u0000@alpha.test", password: "x" })), "email contains a control character"],
        ]
        for (const [name, request, message] of cases) {
          const { status, data } = await request
          expect({ name, status, message: data.message }).toEqual({ name, status: 400, message: expect.stringContaining(message) })
        }
        expect(await auditRows()).toBe(audits)
        // tab, line feed and carriage return are text
        const shift = await openShift(storeA, registerA, associateA)
        const moved = await api.post(`/terminal/shifts/${shift}/cash-movements`, { amount: 5, reason: "float\tfor\r\nthe till" }, associateA.headers)
        expect(moved.status).toBe(200)
      })

      it("answers each missing lookup parameter in its own words, and bounds every list", async () => {
        const none = await attempt(api.get(`/terminal/stores/${storeA}/lookup`, associateA.headers))
        expect(none.status).toBe(400)
        expect(none.data.message).toContain("give code (a barcode or SKU) or q (text) to look up")
        expect(none.data.message).not.toContain("not both")
        const both = await attempt(api.get(`/terminal/stores/${storeA}/lookup?code=X1&q=shirt`, associateA.headers))
        expect(both.status).toBe(400)
        expect(both.data.message).toContain("give either code (a barcode or SKU) or q (text), not both")

        for (const path of [
          "/admin/pos/staff?limit=-1",
          "/admin/pos/staff?offset=-1",
          "/admin/pos/audit-log?limit=-1",
          "/admin/pos/audit-log?limit=2147483648",
          "/admin/pos/audit-log?from=0000-01-01",
          "/admin/pos/audit-log?to=yesterday",
          "/admin/pos/audit-log?order=-secret",
          "/admin/pos/staff?order=password",
        ]) {
          const { status, data } = await attempt(api.get(path, admin))
          expect({ path, status }).toEqual({ path, status: 400 })
          expect(data.message).toMatch(/limit|offset|from|to|order/)
        }
        for (const path of [
          `/terminal/stores/${storeA}/lookup?q=shirt&limit=0`,
          `/terminal/stores/${storeA}/returns?offset=-1`,
          `/terminal/stores/${storeA}/tasks?status=lost`,
          "/terminal/orders?q=1&limit=1e20",
        ]) {
          const { status, data } = await attempt(api.get(path, managerA.headers))
          expect({ path, status }).toEqual({ path, status: 400 })
          expect(data.message).toMatch(/limit|offset|status/)
        }
      })

      it("refuses quantities no till can mean on returns and exchanges", async () => {
        const bodies: [string, Record<string, unknown>, string][] = [
          [`/terminal/stores/${storeA}/returns`, { order_id: "order_1", lines: [{ line_item_id: "li_1", quantity: 2 ** 31, disposition: "resellable" }], idempotency_key: "hostile-0001" }, "quantity"],
          [`/terminal/stores/${storeA}/returns`, { order_id: "order_1", lines: [{ line_item_id: "li_1", quantity: 1e20, disposition: "resellable" }], idempotency_key: "hostile-0002" }, "quantity"],
          [`/terminal/stores/${storeA}/exchanges`, { order_id: "order_1", lines: [{ line_item_id: "li_1", quantity: 1, disposition: "resellable" }], new_items: [{ variant_id: "v_1", quantity: 2 ** 31 }], shift_id: "s_1", idempotency_key: "hostile-0003" }, "quantity"],
        ]
        for (const [path, body, field] of bodies) {
          const { status, data } = await attempt(api.post(path, body, managerA.headers))
          expect({ path, status }).toEqual({ path, status: 400 })
          expect(data.message).toContain(field)
        }
      })
    })
  },
})
