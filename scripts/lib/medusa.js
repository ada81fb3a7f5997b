// Running the medusa CLI from npm start and npm run bench.
const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")

const root = path.resolve(__dirname, "..", "..")
const medusaBin = path.join(root, "node_modules", ".bin", "medusa")

/** Runs a medusa command with its output appended to `logFile`; on failure the error carries the log's end. */
function runMedusa(args, env, logFile) {
  const log = fs.openSync(logFile, "a")
  return new Promise((resolve, reject) => {
    const child = spawn(medusaBin, args, { cwd: root, env, stdio: ["ignore", log, log] })
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      fs.closeSync(log)
      if (code === 0) {
        return resolve()
      }
      const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n")
      reject(
        new Error(
          `medusa ${args.join(" ")} failed (${signal || `exit code ${code}`}); the end of ${path.relative(root, logFile)}:\n${tail}`
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
