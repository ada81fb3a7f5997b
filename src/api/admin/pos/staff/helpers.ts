import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { defaultAdminPosStaffFields } from "./query-config"

export async function refetchPosStaff(container: MedusaContainer, id: string, fields = defaultAdminPosStaffFields) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "pos_staff", fields, filters: { id } })
  if (!data[0]) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Staff member ${id} was not found`)
  }
  return data[0]
}
