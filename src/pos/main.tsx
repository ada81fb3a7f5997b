import React from "react"
import { createRoot } from "react-dom/client"
import { App } from "./app"
import "./index.css"

// The app shell works offline once the service worker has it (localhost or HTTPS only).
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/pos/sw.js", { scope: "/pos/" }).catch(() => undefined)
  })
}

createRoot(document.getElementById("root")!).render(
  <React.StrictMode>
    <App />
  </React.StrictMode>
)
