import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { POS_MODULE } from ".."
import { PosStore, StoreStatus } from "../models/store"
import PosModuleService from "../service"

jest.setTimeout(60000)

moduleIntegrationTestRunner<PosModuleService>({
  moduleName: POS_MODULE,
  moduleModels: [PosStore],
  resolve: "./src/modules/pos",
  testSuite: ({ service }) => {
    describe("POS store records", () => {
      it("creates a store with its address and coordinates, active by default", async () => {
        const store = await service.createPosStores({
          name: "Northwind State Street",
          code: "CHI-STATE",
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
        await service.createPosStores({ name: "A", code: "DUP" })
        await expect(service.createPosStores({ name: "B", code: "DUP" })).rejects.toThrow(/already exists/)
      })

      it("frees the code of a deleted store", async () => {
        const store = await service.createPosStores({ name: "Pop-up", code: "POPUP" })
        await service.softDeletePosStores(store.id)
        const again = await service.createPosStores({ name: "Pop-up again", code: "POPUP" })
        expect(again.id).not.toBe(store.id)
      })
    })
  },
})
