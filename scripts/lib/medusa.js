// Running the medusa CLI from npm start and npm run bench.
const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")

const root = path.resolve(__dirname, "..", "..")
const medusaBin = path.join(root, "node_modules", ".bin", "medusa")

/**
 * Runs a medusa command with its output appended to `logFile`; on failure the error carries the log's end.
 * Aborting `signal` stops the command (SIGTERM, SIGKILL 10 s later); the promise settles once it has exited.
 */
function runMedusa(args, env, logFile, { signal } = {}) {
  const log = fs.openSync(logFile, "a")
  let closed = false
  const close = () => {
    if (!closed) {
      closed = true
      fs.closeSync(log)
    }
  }
  return new Promise((resolve, reject) => {
    const child = spawn(medusaBin, args, { cwd: root, env, stdio: ["ignore", log, log], signal })
    signal?.addEventListener(
      "abort",
      () => setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill("SIGKILL"), 10000).unref(),
      { once: true }
    )
    child.on("error", (error) => {
      if (error.name !== "AbortError") {
        close()
        reject(error)
      }
    })
    child.on("exit", (code, exitSignal) => {
      close()
      if (signal?.aborted) {
        return reject(new Error(`medusa ${args.join(" ")} was stopped`))
      }
      if (code === 0) {
        return resolve()
      }
      const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n")
      reject(
        new Error(
          `medusa ${args.join(" ")} failed (${exitSignal || `exit code ${code}`}); the end of ${path.relative(root, logFile)}:\n${tail}`
        )
      )
    })
  })
}

/** Polls `url` until it answers 200 (true), the child exits, or the time is up (false). */
async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      return false
    }
    try {
      const response = await fetch(url)
      if (response.ok) {
        return true
      }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return false
}

module.exports = { root, medusaBin, runMedusa, waitForHealth }
