import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

/** The most records one page of a list answers. */
export const MAX_PAGE_SIZE = 1000
/** The most units one line of a return, release or exchange moves: far below a 32-bit column's limit. */
export const MAX_UNITS = 100_000
/** The largest amount a refund may ask for, in the currency's major unit: far beyond any order. */
export const MAX_AMOUNT = 1_000_000_000
/** Ids are short: anything longer is not one of ours or Medusa's. */
export const MAX_ID_LENGTH = 100

/** A query number: "" and absent are absent, anything else must be a number (no parseInt leniency: "5abc" is refused). */
const queryNumber = (value: unknown) =>
  typeof value === "string" ? (value.trim() === "" ? undefined : Number(value)) : value

/** `limit` of a list: a whole number from 1 to `max`. */
export function limitParam(defaultLimit: number, max = MAX_PAGE_SIZE) {
  const message = `limit is a whole number from 1 to ${max}`
  return z.preprocess(
    queryNumber,
    z.number({ error: message }).int(message).min(1, message).max(max, message).default(defaultLimit)
  )
}

/** `offset` of a list: a whole number, 0 or more. */
export function offsetParam() {
  const message = "offset is a whole number, 0 or more"
  return z.preprocess(
    queryNumber,
    z.number({ error: message }).int(message).min(0, message).max(Number.MAX_SAFE_INTEGER, message).default(0)
  )
}

/** `order`: one of the columns a list sorts by, `-` first for newest or highest first. */
export function orderParam(orderable: string[], defaultOrder?: string) {
  const message = `order is one of ${orderable.join(", ")}, with a leading - to reverse it`
  const order = z
    .string({ error: message })
    .refine((value) => orderable.includes(value.replace(/^-/, "")), message)
  return defaultOrder ? order.default(defaultOrder) : order.optional()
}

/**
 * Medusa's list parameters (`fields`, `order`, `with_deleted`) with a bounded
 * `limit` and `offset`, and `order` only by the given columns (an unknown
 * column would reach the database).
 */
export function findParams(defaults: { limit: number; orderable: string[]; order?: string; max?: number }) {
  return createFindParams({ limit: defaults.limit, offset: 0, order: defaults.order }).extend({
    limit: limitParam(defaults.limit, defaults.max),
    offset: offsetParam(),
    order: orderParam(defaults.orderable, defaults.order),
  })
}

/** Text of at most `max` characters, the message naming the field. */
export const boundedText = (field: string, max: number) =>
  z.string({ error: `${field} is text` }).max(max, `${field} has at most ${max} characters`)

/** An id as the API takes it: non-empty, at most MAX_ID_LENGTH characters. */
export const idParam = (field: string) =>
  z
    .string({ error: `${field} is an id` })
    .min(1, `${field} must not be empty`)
    .max(MAX_ID_LENGTH, `${field} has at most ${MAX_ID_LENGTH} characters`)

/** A whole number of units: 1 to MAX_UNITS. */
export const unitsParam = (field: string, min = 1) =>
  z
    .number({ error: `${field} is a whole number` })
    .int(`${field} is a whole number`)
    .min(min, `${field} is at least ${min}`)
    .max(MAX_UNITS, `${field} is at most ${MAX_UNITS}`)
