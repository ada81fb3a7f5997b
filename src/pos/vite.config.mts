import path from "path"
import { fileURLToPath } from "url"
import react from "@vitejs/plugin-react"
import autoprefixer from "autoprefixer"
import tailwindcss from "tailwindcss"
import { defineConfig } from "vite"

const __dirname = path.dirname(fileURLToPath(import.meta.url))

// The POS page: built by scripts/build-pos.js into .medusa/pos (sources) or
// .medusa/server/pos (the package), served by the plugin at /pos.
export default defineConfig({
  root: __dirname,
  base: "/pos/",
  plugins: [react()],
  css: {
    postcss: {
      plugins: [tailwindcss({ config: path.join(__dirname, "tailwind.config.cjs") }), autoprefixer()],
    },
  },
  build: {
    outDir: path.resolve(__dirname, "../../.medusa/pos"),
    emptyOutDir: true,
    target: "es2020",
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
})
