import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowDownTray } from "@medusajs/icons"
import { Alert, Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { downloadAuditCsv, NO_FILTERS, PAGE_SIZE, staffName, useAuditLog, useStoresAndStaff, type AuditFilters } from "../../../components/audit/api"
import { AuditFiltersBar } from "../../../components/audit/audit-filters"
import { AuditTable } from "../../../components/audit/audit-table"
import { errorMessage } from "../../../components/routing/format"

const AuditLogPage = () => {
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS)
  const [offset, setOffset] = useState(0)
  const [exporting, setExporting] = useState(false)
  const [exportError, setExportError] = useState<string | null>(null)
  const people = useStoresAndStaff()
  const log = useAuditLog(filters, offset)

  const names = useMemo(() => {
    const staff = new Map((people.data?.staff ?? []).map((s) => [s.id, staffName(s)]))
    const stores = new Map((people.data?.stores ?? []).map((s) => [s.id, s.name]))
    return { staff: (id: string) => staff.get(id), store: (id: string) => stores.get(id) }
  }, [people.data])

  const [seen, setSeen] = useState<string[]>([])
  const entries = log.data?.audit_log ?? []
  // the action filter also offers every action met so far, beyond the known ones
  useEffect(() => {
    setSeen((current) => {
      const unseen = entries.map((e) => e.action).filter((a) => !current.includes(a))
      return unseen.length ? [...new Set([...current, ...unseen])] : current
    })
  }, [log.data])

  const count = log.data?.count ?? 0
  const first = count ? offset + 1 : 0
  const lastShown = Math.min(offset + entries.length, count)

  const onFilters = (next: AuditFilters) => {
    setFilters(next)
    setOffset(0)
  }

  const onExport = async () => {
    setExporting(true)
    setExportError(null)
    try {
      const { matched, truncated } = await downloadAuditCsv(filters)
      if (truncated) {
        toast.warning(`The file holds the newest 50,000 of ${matched} rows: narrow the dates to export the older ones`)
      } else {
        toast.success("Audit log exported")
      }
    } catch (error) {
      setExportError(errorMessage(error))
    } finally {
      setExporting(false)
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col gap-3 px-6 py-4 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <Heading level="h1">Audit log</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Who did what, in which store, and when: sales, shifts, pickups, approvals and settings. Newest first; entries cannot be changed.
          </Text>
        </div>
        <Button size="small" variant="secondary" className="shrink-0 self-start whitespace-nowrap sm:self-auto" onClick={onExport} isLoading={exporting}>
          <ArrowDownTray />
          Export CSV
        </Button>
      </div>
      <AuditFiltersBar
        filters={filters}
        onChange={onFilters}
        stores={people.data?.stores ?? []}
        staff={people.data?.staff ?? []}
        seenActions={seen}
      />
      {exportError && (
        <div className="px-6 py-4">
          <Alert variant="error" dismissible role="alert">
            Could not export: {exportError}
          </Alert>
        </div>
      )}
      {people.error && (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          Could not load the stores and staff for the filters: {errorMessage(people.error)}
        </Text>
      )}
      {log.isLoading && <Text className="px-6 py-4">Loading the audit log…</Text>}
      {log.error && (
        <div className="px-6 py-4">
          <Alert variant="error" role="alert">Could not load the audit log: {errorMessage(log.error)}</Alert>
        </div>
      )}
      {log.data && count === 0 && (
        <Text className="text-ui-fg-subtle px-6 py-8 text-center">
          {Object.values(filters).some(Boolean) ? "No entries match these filters." : "Nothing recorded yet."}
        </Text>
      )}
      {log.data && count > 0 && <AuditTable entries={entries} staffName={names.staff} storeName={names.store} />}
      {log.data && count > 0 && (
        <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle" aria-live="polite">
            Showing {first}–{lastShown} of {count}
          </Text>
          <div className="flex gap-x-2">
            <Button size="small" variant="secondary" disabled={offset === 0 || log.isFetching} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              Previous
            </Button>
            <Button
              size="small"
              variant="secondary"
              disabled={offset + PAGE_SIZE >= count || log.isFetching}
              onClick={() => setOffset(offset + PAGE_SIZE)}
            >
              Next
            </Button>
          </div>
        </div>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Audit log",
})

export default AuditLogPage
