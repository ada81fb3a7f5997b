import { z } from "@medusajs/framework/zod"
import { boundedText, findParams } from "../../../utils/validators"

const name = (field: string) =>
  z
    .string({ error: `${field} is text` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(100, `${field} has at most 100 characters`)

export const AdminGetPosStaffParams = findParams({
  limit: 50,
  orderable: ["id", "email", "first_name", "last_name", "is_active", "created_at", "updated_at"],
}).merge(
  z.object({
    q: boundedText("q", 200).optional(),
    email: boundedText("email", 254).optional(),
    is_active: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean()).optional(),
  })
)
export type AdminGetPosStaffParamsType = z.infer<typeof AdminGetPosStaffParams>

export const AdminCreatePosStaff = z
  .object({
    email: z
      .string({ error: "email is text" })
      .trim()
      .max(254, "email has at most 254 characters")
      .email("email is not a valid email address"),
    password: z
      .string({ error: "password is text" })
      .min(8, "password has at least 8 characters")
      .max(200, "password has at most 200 characters"),
    first_name: name("first_name"),
    last_name: name("last_name"),
  })
  .strict()
export type AdminCreatePosStaffType = z.infer<typeof AdminCreatePosStaff>

export const AdminUpdatePosStaff = z
  .object({
    first_name: name("first_name"),
    last_name: name("last_name"),
    is_active: z.boolean(),
  })
  .partial()
  .strict()
export type AdminUpdatePosStaffType = z.infer<typeof AdminUpdatePosStaff>
