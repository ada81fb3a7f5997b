import Medusa from "@medusajs/js-sdk"

// Defined by Medusa's admin build, in the merchant's app as in this repository's demo.
declare const __BACKEND_URL__: string | undefined

/** The dashboard's own session: the plugin's pages call the same backend with it. */
export const sdk = new Medusa({
  baseUrl: (typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__) || "/",
  auth: { type: "session" },
})

/** What the API said when it refused (its `message`), for a form or a toast. */
export function apiMessage(error: unknown): string {
  const message = (error as { message?: string } | null)?.message
  return message && message.trim() ? message : "Something went wrong; try again"
}
