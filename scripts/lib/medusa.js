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

/**
 * An environment in which Medusa sends no telemetry and starts no telemetry process. Medusa's
 * MEDUSA_DISABLE_TELEMETRY only stops events from being stored: while the machine's Medusa config
 * (~/.config/medusa/config.json) says `telemetry.enabled: true`, which Medusa writes on first use,
 * its telemeter still forks detached `send.js` processes. On this project's 2-core CI machine we
 * saw them follow one another for as long as the machine ran, each at 30-40% of a core, after the
 * specs' `medusa develop` servers had been killed. So tests and the benchmark give Medusa a config
 * directory of their own (XDG_CONFIG_HOME) that says telemetry is off; the machine's is untouched.
 * Answers the variables and a function that removes the directory.
 */
function quietTelemetry() {
  const os = require("os")
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-pos-config-"))
  fs.mkdirSync(path.join(dir, "medusa"))
  fs.writeFileSync(path.join(dir, "medusa", "config.json"), JSON.stringify({ telemetry: { enabled: false } }))
  return {
    env: { MEDUSA_DISABLE_TELEMETRY: "true", XDG_CONFIG_HOME: dir },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

module.exports = { root, medusaBin, runMedusa, waitForHealth, quietTelemetry }
