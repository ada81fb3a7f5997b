import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

export const AdminGetPosStaffParams = createFindParams({ limit: 50, offset: 0 }).merge(
  z.object({
    q: z.string().optional(),
    email: z.string().optional(),
    is_active: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean()).optional(),
  })
)
export type AdminGetPosStaffParamsType = z.infer<typeof AdminGetPosStaffParams>

export const AdminCreatePosStaff = z
  .object({
    email: z.string().trim().email("email is not a valid email address"),
    password: z.string().min(8, "password has at least 8 characters"),
    first_name: z.string().trim().min(1, "first_name must not be empty"),
    last_name: z.string().trim().min(1, "last_name must not be empty"),
  })
  .strict()
export type AdminCreatePosStaffType = z.infer<typeof AdminCreatePosStaff>

export const AdminUpdatePosStaff = z
  .object({
    first_name: z.string().trim().min(1, "first_name must not be empty"),
    last_name: z.string().trim().min(1, "last_name must not be empty"),
    is_active: z.boolean(),
  })
  .partial()
  .strict()
export type AdminUpdatePosStaffType = z.infer<typeof AdminUpdatePosStaff>
