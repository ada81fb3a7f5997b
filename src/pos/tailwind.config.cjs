const path = require("path")

/** Medusa's design tokens and type scale (the dashboard's own preset). */
module.exports = {
  presets: [require("@medusajs/ui-preset")],
  content: [
    path.join(__dirname, "index.html"),
    path.join(__dirname, "**/*.{ts,tsx}"),
    path.join(path.dirname(require.resolve("@medusajs/ui")), "**/*.{js,jsx,ts,tsx}"),
  ],
  darkMode: "class",
}
