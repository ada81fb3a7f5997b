/**
 * Sizes in their order, to find the one below and the one above what a customer bought: letter
 * sizes on the usual apparel scale, number sizes (waist, shoe) by value, anything else as the
 * product lists it.
 */
const LETTER_SCALE = ["XXXS", "XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL", "XXXXL"]
const ALIASES: Record<string, string> = { "2XS": "XXS", "3XS": "XXXS", "2XL": "XXL", "3XL": "XXXL", "4XL": "XXXXL" }

function letterRank(size: string): number {
  const upper = size.trim().toUpperCase()
  return LETTER_SCALE.indexOf(ALIASES[upper] ?? upper)
}

/** The product's sizes in wearing order. */
export function orderSizes(sizes: string[]): string[] {
  const unique = [...new Set(sizes)]
  if (unique.every((s) => letterRank(s) >= 0)) {
    return unique.sort((a, b) => letterRank(a) - letterRank(b))
  }
  if (unique.every((s) => /^\d+(\.\d+)?$/.test(s.trim()))) {
    return unique.sort((a, b) => Number(a) - Number(b))
  }
  return unique
}

/** The sizes either side of the one bought (smaller first), among the product's sizes; none when it is not one of them. */
export function nextSizes(bought: string, sizes: string[]): string[] {
  const ordered = orderSizes(sizes)
  const at = ordered.indexOf(bought)
  if (at < 0) {
    return []
  }
  return [ordered[at - 1], ordered[at + 1]].filter((s): s is string => s !== undefined)
}

/** Whether an option of a product is its size (its title says so). */
export const isSizeOption = (title: string | null | undefined) => /size|taille|größe|talla/i.test(title ?? "")
