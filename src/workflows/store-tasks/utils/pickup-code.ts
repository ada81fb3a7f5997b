import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createHmac, randomInt, timingSafeEqual } from "node:crypto"

type Container = { resolve: (key: string) => any }

export const newPickupCode = () => String(randomInt(0, 1_000_000)).padStart(6, "0")

/**
 * Only a keyed hash of a pickup code is stored. A 6-digit code has a million
 * values: a plain SHA-256 of it is reversed by hashing them all in a second,
 * so the hash is an HMAC whose key derives from the app's cookie secret
 * (Medusa requires one in production), bound to the task. Changing the secret
 * voids the codes out there: mark those pickups ready again.
 */
export function pickupCodeHash(container: Container, taskId: string, code: string) {
  const secret = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)?.projectConfig?.http?.cookieSecret ?? process.env.COOKIE_SECRET
  if (!secret) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Pickup codes need the app's cookie secret (http.cookieSecret or COOKIE_SECRET)")
  }
  if (secret === "supersecret") {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn("Pickup codes are hashed with the well-known cookie secret 'supersecret': set COOKIE_SECRET, or anyone with the table can reverse them")
  }
  const key = createHmac("sha256", String(secret)).update("medusa-omnichannel-pos:pickup-code").digest()
  return createHmac("sha256", key).update(`${taskId}:${code}`).digest("hex")
}

/** Compares a code with the task's stored hash in constant time. */
export function codeMatches(container: Container, task: { id: string; pickup_code_hash?: string | null }, code: string) {
  if (!task.pickup_code_hash) {
    return false
  }
  const expected = Buffer.from(String(task.pickup_code_hash), "hex")
  const given = Buffer.from(pickupCodeHash(container, task.id, String(code)), "hex")
  return expected.length === given.length && timingSafeEqual(expected, given)
}
