import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto"

type Container = { resolve: (key: string) => any }

export const newPickupCode = () => String(randomInt(0, 1_000_000)).padStart(6, "0")

/**
 * Codes are compared by a keyed hash (the code itself is kept only sealed, for the
 * customer's own route: sealPickupCode). A 6-digit code has a million
 * values: a plain SHA-256 of it is reversed by hashing them all in a second,
 * so the hash is an HMAC whose key derives from the app's cookie secret
 * (Medusa requires one in production), bound to the task. Changing the secret
 * voids the codes out there: mark those pickups ready again.
 */
export function pickupCodeHash(container: Container, taskId: string, code: string) {
  return createHmac("sha256", derivedKey(container, "pickup-code")).update(`${taskId}:${code}`).digest("hex")
}

/** A key for one purpose, derived from the app's cookie secret. */
function derivedKey(container: Container, purpose: string) {
  const secret = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)?.projectConfig?.http?.cookieSecret ?? process.env.COOKIE_SECRET
  if (!secret) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Pickup codes need the app's cookie secret (http.cookieSecret or COOKIE_SECRET)")
  }
  if (secret === "supersecret") {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn("Pickup codes are hashed with the well-known cookie secret 'supersecret': set COOKIE_SECRET, or anyone with the table can reverse them")
  }
  return createHmac("sha256", String(secret)).update(`medusa-omnichannel-pos:${purpose}`).digest()
}

/**
 * The code sealed for the customer's own route (`GET /store/orders/:id/pickup`): AES-256-GCM with
 * a key derived from the cookie secret, bound to the task. Staff routes never answer it.
 */
export function sealPickupCode(container: Container, taskId: string, code: string) {
  const iv = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", derivedKey(container, "pickup-code-seal"), iv)
  cipher.setAAD(Buffer.from(taskId))
  const sealed = Buffer.concat([cipher.update(code, "utf8"), cipher.final()])
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString("base64url")).join(".")
}

/** The sealed code, or null when it cannot be opened (no code, or the secret changed: mark the pickup ready again). */
export function openPickupCode(container: Container, task: { id: string; pickup_code_sealed?: string | null }) {
  const [iv, tag, sealed] = String(task.pickup_code_sealed ?? "").split(".").map((p) => Buffer.from(p, "base64url"))
  if (!iv?.length || !tag?.length || !sealed?.length) {
    return null
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", derivedKey(container, "pickup-code-seal"), iv)
    decipher.setAAD(Buffer.from(task.id))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString("utf8")
  } catch {
    return null
  }
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
