import Medusa from "@medusajs/js-sdk"

// The dashboard's own session: the plugin's pages call the same backend with it.
export const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_BACKEND_URL || "/",
  debug: import.meta.env.DEV,
  auth: { type: "session" },
})
