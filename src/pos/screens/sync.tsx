import { Badge, Button, Heading, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { formatMoney } from "../lib/money"
import type { SyncReport, SyncResult } from "../lib/offline-queue"
import { usePos } from "../state"

const STATUS: Record<SyncResult["status"], { label: string; color: "green" | "grey" | "red" | "orange" }> = {
  applied: { label: "applied", color: "green" },
  duplicate: { label: "already sent", color: "grey" },
  rejected: { label: "rejected", color: "red" },
  needs_attention: { label: "needs attention", color: "orange" },
  error: { label: "not applied, will be sent again", color: "red" },
}

/** The offline queue of this till and the reports of its syncs, kept on the device. */
export function SyncPanel(props: { onClose: () => void }) {
  const { queue, queued, syncing, syncNow, online, lastReport, info } = usePos()
  const money = (n: number) => formatMoney(n, info?.currency ?? null)
  const [reports, setReports] = useState<SyncReport[]>([])

  useEffect(() => {
    queue?.reports().then(setReports).catch(() => undefined)
  }, [queue, lastReport])

  return (
    <div className="flex w-full flex-col gap-4" data-testid="sync-panel">
      <div className="flex items-start justify-between gap-3">
        <div>
          <Heading level="h2">Offline sales</Heading>
          <Text className="text-ui-fg-subtle" data-testid="queued-count">
            {queued} sale(s) waiting on this till{online ? "" : " · offline"}
          </Text>
        </div>
        <Button variant="secondary" className="pos-target" onClick={props.onClose}>
          Back
        </Button>
      </div>
      <Button size="large" className="pos-target w-full" disabled={!online || !queued} isLoading={syncing} onClick={() => void syncNow()}>
        Send now
      </Button>
      {reports.length === 0 && <Text className="text-ui-fg-muted">No sync yet on this till.</Text>}
      {reports.map((report) => (
        <section key={report.id ?? report.at} className="border-ui-border-base rounded-lg border p-3" data-testid="sync-report">
          <Text weight="plus">
            {new Date(report.at).toLocaleString()}: {summary(report)}
          </Text>
          {report.error && <Text className="text-ui-fg-error">Stopped: {report.error}</Text>}
          <ul className="mt-2 flex flex-col gap-1">
            {report.results.map((r) => (
              <li key={r.client_txn_id} className="flex flex-wrap items-center gap-2">
                <Badge size="small" color={STATUS[r.status].color}>
                  {STATUS[r.status].label}
                </Badge>
                <Text className="txt-compact-small">
                  {r.recorded_at ? new Date(r.recorded_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : ""}
                  {r.total != null ? ` · ${money(r.total)}` : ""} · {r.client_txn_id.slice(0, 16)}
                </Text>
                {r.reason && <Text className="text-ui-fg-subtle txt-compact-small">{r.reason}</Text>}
                {(r.conflicts ?? []).map((c, i) => (
                  <Badge key={i} size="small" color="orange">
                    {c.type}
                  </Badge>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}

export function summary(report: SyncReport) {
  const count = (status: string) => report.results.filter((r) => r.status === status).length
  const parts = [
    `${count("applied")} applied`,
    count("duplicate") && `${count("duplicate")} already sent`,
    count("rejected") && `${count("rejected")} rejected`,
    count("needs_attention") && `${count("needs_attention")} need attention`,
    count("error") && `${count("error")} to send again`,
    report.results.some((r) => r.conflicts?.length) && `${report.results.filter((r) => r.conflicts?.length).length} with conflicts`,
    report.left && `${report.left} left on the till`,
  ]
  return parts.filter(Boolean).join(", ")
}
