import path from "path"
import { defineConfig } from "@medusajs/framework/utils"

/**
 * A merchant's Medusa app that installs the built plugin with one `plugins`
 * entry, as the README tells merchants to. Used by plugin-package.spec.ts.
 */
export default defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:9000",
      jwtSecret: "host-app-secret",
      cookieSecret: "host-app-secret",
    },
  },
  plugins: [{ resolve: path.resolve(__dirname, "../.."), options: {} }],
})
