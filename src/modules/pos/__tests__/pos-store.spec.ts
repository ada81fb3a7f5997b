import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { POS_MODULE } from ".."
import { PosApproval } from "../models/approval"
import { PosAuditLog } from "../models/audit-log"
import { PosRegister } from "../models/register"
import { PosStaff } from "../models/staff"
import { PosStaffMembership, StaffRole } from "../models/staff-membership"
import { PosStore, StoreStatus } from "../models/store"
import PosModuleService from "../service"
import { hashPin } from "../utils/pin"

jest.setTimeout(60000)

moduleIntegrationTestRunner<PosModuleService>({
  moduleName: POS_MODULE,
  moduleModels: [PosStore, PosRegister, PosStaff, PosStaffMembership, PosApproval, PosAuditLog],
  resolve: "./src/modules/pos",
  // The real migrations, so that the database-level rules (audit trigger, partial unique indexes) are tested too.
  pathToMigrations: path.join(__dirname, "../migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    describe("POS store records", () => {
      it("creates a store with its address and coordinates, active by default", async () => {
        const store = await service.createPosStores({
          name: "Northwind State Street",
          code: "CHI-STATE",
          capabilities: {},
          city: "Chicago",
          country_code: "us",
          latitude: 41.8836,
          longitude: -87.6278,
        })

        expect(store.id).toMatch(/^str_/)
        const [found] = await service.listPosStores({ code: "CHI-STATE" })
        expect(found).toMatchObject({
          name: "Northwind State Street",
          status: StoreStatus.ACTIVE,
          timezone: "UTC",
          latitude: 41.8836,
          longitude: -87.6278,
        })
      })

      it("refuses a second store with the same code", async () => {
        await service.createPosStores({ name: "A", code: "DUP", capabilities: {} })
        await expect(service.createPosStores({ name: "B", code: "DUP", capabilities: {} })).rejects.toThrow(/already exists/)
      })

      it("frees the code of a deleted store", async () => {
        const store = await service.createPosStores({ name: "Pop-up", code: "POPUP", capabilities: {} })
        await service.softDeletePosStores(store.id)
        const again = await service.createPosStores({ name: "Pop-up again", code: "POPUP", capabilities: {} })
        expect(again.id).not.toBe(store.id)
      })
    })

    describe("PIN approvals", () => {
      async function storeWithManager() {
        const store = await service.createPosStores({ name: "Shop", code: "SHOP", capabilities: {} })
        const [manager, associate] = await service.createPosStaffs([
          { email: "m@shop.test", first_name: "Mia", last_name: "Manager" },
          { email: "a@shop.test", first_name: "Ari", last_name: "Associate" },
        ])
        await service.createPosStaffMemberships([
          { store_id: store.id, staff_id: manager.id, role: StaffRole.MANAGER, pin_hash: hashPin("9137") },
          { store_id: store.id, staff_id: associate.id, role: StaffRole.ASSOCIATE, pin_hash: hashPin("2468") },
        ])
        return { store, manager, associate }
      }

      it("approves with a manager's PIN, once, for the action and requester it was given for", async () => {
        const { store, manager, associate } = await storeWithManager()
        const request = { store_id: store.id, requested_by: associate.id, action: "shift.cash_out" }
        // An associate's own PIN approves nothing.
        expect(await service.approveWithPin({ ...request, pin: "2468" })).toMatchObject({ status: "wrong_pin" })

        const result = await service.approveWithPin({ ...request, pin: "9137" })
        expect(result).toMatchObject({ status: "approved", approval: { approved_by: manager.id } })
        const id = (result as any).approval.id

        expect(await service.consumeApproval({ ...request, id, action: "sale.void_completed" })).toBeNull()
        expect(await service.consumeApproval({ ...request, id, requested_by: manager.id })).toBeNull()
        expect(await service.consumeApproval({ ...request, id })).toEqual({ approved_by: manager.id })
        expect(await service.consumeApproval({ ...request, id })).toBeNull()
      })

      it("does not accept an expired approval", async () => {
        const { store, associate } = await storeWithManager()
        const request = { store_id: store.id, requested_by: associate.id, action: "shift.cash_out" }
        const past = new Date(Date.now() - 3600_000)
        const result = await service.approveWithPin({ ...request, pin: "9137" }, undefined, past)
        expect(await service.consumeApproval({ ...request, id: (result as any).approval.id })).toBeNull()
      })

      it("locks PIN entry for the requester after repeated wrong PINs", async () => {
        const { store, associate } = await storeWithManager()
        const request = { store_id: store.id, requested_by: associate.id, action: "shift.cash_out" }
        const policy = { max_attempts: 3, lock_minutes: 10 }
        expect(await service.approveWithPin({ ...request, pin: "0000" }, policy)).toEqual({ status: "wrong_pin", attempts_left: 2 })
        expect(await service.approveWithPin({ ...request, pin: "0001" }, policy)).toEqual({ status: "wrong_pin", attempts_left: 1 })
        expect(await service.approveWithPin({ ...request, pin: "0002" }, policy)).toMatchObject({ status: "locked" })
        // Even the right PIN is refused while locked.
        expect(await service.approveWithPin({ ...request, pin: "9137" }, policy)).toMatchObject({ status: "locked" })
      })
    })

    describe("audit log", () => {
      it("is append-only, in the service and in the database", async () => {
        const [row] = await service.createPosAuditLogs([
          { actor_type: "user", actor_id: "user_1", action: "store.disabled", store_id: "str_1" },
        ])
        await expect(service.updatePosAuditLogs()).rejects.toThrow("cannot be changed")
        await expect(service.deletePosAuditLogs()).rejects.toThrow("cannot be deleted")
        await expect(
          MikroOrmWrapper.forkManager().execute(`update pos_audit_log set action = 'x' where id = '${row.id}'`)
        ).rejects.toThrow(/append-only/)
        await expect(
          MikroOrmWrapper.forkManager().execute(`delete from pos_audit_log where id = '${row.id}'`)
        ).rejects.toThrow(/append-only/)
        expect((await service.listPosAuditLogs({ id: row.id }))[0].action).toBe("store.disabled")
      })
    })
  },
})
