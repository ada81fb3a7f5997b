import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import { redisModules } from "./demo/redis-modules"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The demo app of this repository. It runs the plugin's source directly: the
 * repository's `src/` is loaded as the app's own code, so the plugin's modules
 * are registered here as the app's modules (loading this repository as a
 * plugin from its own root would register every link twice).
 * Merchants add the built package with one `plugins` entry instead; see README.
 */
export default defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL,
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server") || "shared",
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000,http://localhost:9000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors:
        process.env.AUTH_CORS || "http://localhost:8000,http://localhost:9000,http://localhost:5173",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.DISABLE_MEDUSA_ADMIN === "true",
    backendUrl: process.env.MEDUSA_BACKEND_URL,
  },
  // Medusa's loyalty plugin: gift cards, gift card products and store credit accounts, with their
  // dashboard pages. The till takes them as tenders and credits returns and loyalty to them
  // (docs/customers.md). It pins Medusa 2.21.1 exactly, so the demo and the tests run on 2.21.1.
  plugins: [{ resolve: "@medusajs/loyalty-plugin", options: {} }],
  modules: [
    {
      resolve: "./src/modules/pos",
      // The plugin's options; a merchant passes them in the `plugins` entry instead.
      options: {
        shift_variance_threshold: 5,
        pin_max_attempts: 5,
        pin_lock_minutes: 15,
        // Loyalty: registered customers earn 5% of what they pay, online or in a shop, as store credit (docs/customers.md).
        loyalty: { earn_rate: 0.05 },
        receipt_return_policy: "Returns and exchanges within 30 days at any Northwind shop or online, with this receipt.",
        // The scorecard's promises and targets (docs/reports.md): Northwind aims for 97% inventory accuracy.
        reports: {
          ship_sla_hours: 48,
          pickup_sla_hours: 4,
          targets: { inventory_accuracy: 0.97, promise_accuracy: 0.95, pick_accuracy: 0.98, bopis_adoption: 0.25, return_rate: 0.1, void_rate: 0.02, gmroi: 0.5 },
        },
        // Without a Stripe key the demo's last till of each shop takes cards on
        // the simulated reader (training: no money moves). POS_SIMULATED_READER=false turns it off.
        simulated_reader: process.env.POS_SIMULATED_READER
          ? process.env.POS_SIMULATED_READER === "true"
          : !process.env.STRIPE_API_KEY,
      },
    },
    {
      // The demo logs emails (receipts) instead of sending them; configure a real
      // email provider (e.g. SendGrid) for the "email" channel in production.
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/notification-local",
            id: "local",
            options: { name: "Local notifications (logged)", channels: ["email", "feed"] },
          },
        ],
      },
    },
    // With a Stripe key (STRIPE_API_KEY): card tenders at the tills through the
    // plugin's Stripe Terminal provider (STRIPE_TERMINAL_WEBHOOK_SECRET for
    // /hooks/stripe-terminal), and card payments in the webshop through Medusa's
    // own Stripe provider, so that online orders can be refunded to the card.
    ...(process.env.STRIPE_API_KEY
      ? [
          {
            resolve: "@medusajs/medusa/payment",
            options: {
              providers: [
                { resolve: "./src/providers/stripe-terminal", id: "stripe-terminal", options: {} },
                { resolve: "@medusajs/medusa/payment-stripe", id: "stripe", options: { apiKey: process.env.STRIPE_API_KEY, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET } },
              ],
            },
          },
        ]
      : []),
    ...redisModules(process.env.REDIS_URL),
  ],
})
