import { Button } from "@medusajs/ui"
import React from "react"
import { orderLabel } from "../lib/tasks"
import type { Task } from "../lib/types"
import { useWorkQueue } from "../work-queue"

/** A banner and a chime wherever the cashier is when a customer checks in outside. */
export function CurbsideAlert(props: { onOpen?: (task: Task) => void }) {
  const { alert, dismissAlert } = useWorkQueue()
  if (!alert) return null
  return (
    <div role="alert" className="bg-ui-tag-red-bg text-ui-tag-red-text flex flex-wrap items-center gap-2 px-3 py-2" data-testid="curbside-alert">
      <span className="flex-1 font-semibold">
        Curbside: {orderLabel(alert)} {alert.order?.customer_name ?? ""} is outside{alert.arrival_note ? ` · ${alert.arrival_note}` : ""}
      </span>
      {props.onOpen ? (
        <Button
          size="small"
          className="pos-target"
          onClick={() => {
            dismissAlert()
            props.onOpen!(alert)
          }}
        >
          Open
        </Button>
      ) : (
        <span className="txt-compact-small">Unlock the till to open it</span>
      )}
      <Button size="small" variant="transparent" className="pos-target" onClick={dismissAlert} aria-label="Dismiss">
        ×
      </Button>
    </div>
  )
}
