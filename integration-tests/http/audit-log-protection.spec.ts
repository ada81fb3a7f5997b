import fs from "fs"
import path from "path"
import crypto from "crypto"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

jest.setTimeout(120000)

const APPEND_ONLY = /pos_audit_log is append-only/

/**
 * The SQL block of docs/production.md that grants the application role its
 * privileges, for `role` on `database` with tables owned by `owner`: the test
 * checks what the document says, not a copy of it.
 */
function productionGrants(role: string, database: string, owner: string) {
  const doc = fs.readFileSync(path.join(__dirname, "../../docs/production.md"), "utf8")
  const block = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)]
    .map((match) => match[1])
    .find((sql) => sql.includes("REVOKE UPDATE, DELETE, TRUNCATE ON pos_audit_log FROM medusa_app"))
  if (!block) {
    throw new Error("docs/production.md has no SQL block revoking UPDATE, DELETE, TRUNCATE on pos_audit_log")
  }
  return block
    .replace(/\bmedusa_app\b/g, `"${role}"`)
    .replace(/\bmedusa_owner\b/g, `"${owner}"`)
    .replace(/\bDATABASE medusa\b/g, `DATABASE "${database}"`)
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    describe("the audit log against the application role of docs/production.md", () => {
      let role: string
      const db = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

      /** Runs `sql` in a transaction of its own as `as` (a role name), or as the test's superuser. */
      const run = async (sql: string, as?: string) => {
        let result: { rows: Record<string, unknown>[] } = { rows: [] }
        await db().transaction(async (trx) => {
          if (as) {
            await trx.raw(`set local role "${as}"`)
          }
          result = await trx.raw(sql)
        })
        return result
      }

      const appendRow = (as?: string) => {
        const id = `aud_test_${crypto.randomBytes(6).toString("hex")}`
        return run(
          `insert into pos_audit_log (id, actor_type, actor_id, action) values ('${id}', 'system', 'test', 'test.appended')`,
          as
        ).then(() => id)
      }

      const auditRows = async () => Number((await db().raw(`select count(*) from pos_audit_log`)).rows[0].count)

      beforeEach(async () => {
        role = `pos_app_test_${crypto.randomBytes(4).toString("hex")}`
        const { rows } = await db().raw(
          `select current_database() as database, tableowner as owner from pg_tables where tablename = 'pos_audit_log'`
        )
        await db().raw(`create role "${role}" nologin`)
        await db().raw(productionGrants(role, rows[0].database, rows[0].owner))
      })

      afterEach(async () => {
        await db().raw(`drop owned by "${role}"`)
        await db().raw(`drop role "${role}"`)
      })

      it("lets the application role append and read, and refuses it every way to change, remove or unprotect rows", async () => {
        const id = await appendRow(role)
        expect((await run(`select action from pos_audit_log where id = '${id}'`, role)).rows).toEqual([
          { action: "test.appended" },
        ])

        const refused = async (sql: string) => {
          await expect(run(sql, role)).rejects.toThrow(/permission denied|must be owner/)
        }
        await refused(`update pos_audit_log set action = 'forged' where id = '${id}'`)
        await refused(`delete from pos_audit_log where id = '${id}'`)
        await refused(`truncate pos_audit_log`)
        await refused(`alter table pos_audit_log disable trigger pos_audit_log_append_only`)
        await refused(`alter table pos_audit_log disable trigger all`)
        await refused(`drop trigger pos_audit_log_no_truncate on pos_audit_log`)
        await refused(`drop table pos_audit_log`)
        await refused(`set session_replication_role = replica`)
        // A trigger of its own could swallow new rows: the role has no TRIGGER privilege.
        await refused(
          `create trigger swallow before insert on pos_audit_log for each row execute function pos_audit_log_append_only()`
        )
        await refused(`create or replace function pos_audit_log_append_only() returns trigger language plpgsql as $$ begin return new; end $$`)

        // The rest of the application's tables stay writable.
        await run(`insert into pos_setting (id, key, value) values ('pset_${role}', '${role}', '{}')`, role)
        await run(`update pos_setting set value = '{"a": 1}' where key = '${role}'`, role)
        await run(`delete from pos_setting where key = '${role}'`, role)
        const { rows: sequences } = await db().raw(
          `select sequence_schema, sequence_name from information_schema.sequences where sequence_schema = 'public' limit 1`
        )
        expect(sequences).toHaveLength(1)
        await run(`select nextval('"${sequences[0].sequence_schema}"."${sequences[0].sequence_name}"')`, role)

        expect((await run(`select action from pos_audit_log where id = '${id}'`, role)).rows).toEqual([
          { action: "test.appended" },
        ])
      })

      it("still refuses the application role when it was granted too much: the triggers refuse and it cannot switch them off", async () => {
        // As after a careless `GRANT ALL ON ALL TABLES` that re-granted what step 3 revokes.
        await db().raw(`grant update, delete, truncate on pos_audit_log to "${role}"`)
        const id = await appendRow(role)
        const before = await auditRows()

        await expect(run(`update pos_audit_log set action = 'forged' where id = '${id}'`, role)).rejects.toThrow(APPEND_ONLY)
        await expect(run(`delete from pos_audit_log where id = '${id}'`, role)).rejects.toThrow(APPEND_ONLY)
        await expect(run(`truncate pos_audit_log`, role)).rejects.toThrow(APPEND_ONLY)
        await expect(run(`alter table pos_audit_log disable trigger pos_audit_log_no_truncate`, role)).rejects.toThrow(
          /must be owner/
        )

        expect(await auditRows()).toBe(before)
      })

      it("refuses the owner (here a superuser) too, unless it disables the triggers first", async () => {
        const id = await appendRow()
        const before = await auditRows()

        await expect(run(`update pos_audit_log set action = 'forged' where id = '${id}'`)).rejects.toThrow(
          /append-only: UPDATE is not allowed/
        )
        await expect(run(`delete from pos_audit_log where id = '${id}'`)).rejects.toThrow(
          /append-only: DELETE is not allowed/
        )
        await expect(run(`truncate pos_audit_log`)).rejects.toThrow(/append-only: TRUNCATE is not allowed/)
        // Replica mode silences ordinary triggers, not these.
        await expect(
          run(`set local session_replication_role = replica; delete from pos_audit_log where id = '${id}'`)
        ).rejects.toThrow(APPEND_ONLY)
        await expect(run(`set local session_replication_role = replica; truncate pos_audit_log`)).rejects.toThrow(
          APPEND_ONLY
        )
        expect(await auditRows()).toBe(before)

        // What the owner can do (docs/production.md, deleting old audit rows on purpose).
        await run(
          `alter table pos_audit_log disable trigger pos_audit_log_append_only;
           delete from pos_audit_log where id = '${id}';
           alter table pos_audit_log enable always trigger pos_audit_log_append_only`
        )
        expect(await auditRows()).toBe(before - 1)
        const { rows: triggers } = await db().raw(
          `select tgname, tgenabled from pg_trigger where tgrelid = 'pos_audit_log'::regclass and not tgisinternal order by tgname`
        )
        expect(triggers).toEqual([
          { tgname: "pos_audit_log_append_only", tgenabled: "A" },
          { tgname: "pos_audit_log_no_truncate", tgenabled: "A" },
        ])
      })
    })
  },
})
