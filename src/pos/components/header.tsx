import { ArrowRightOnRectangle, LockClosedSolid, Receipt, Clock } from "@medusajs/icons"
import { Badge, Text } from "@medusajs/ui"
import React from "react"
import { usePos } from "../state"

/** Always on screen: store, register, staff member and shift, with the till's menu. */
export function Header(props: { onShift?: () => void; onReceipts?: () => void; status?: React.ReactNode }) {
  const { session, info, register, shift, lock, signOut, online } = usePos()
  return (
    <header className="bg-ui-bg-base border-ui-border-base flex flex-wrap items-center gap-x-3 gap-y-1 border-b px-3 py-2">
      <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-3 gap-y-0.5" data-testid="till-identity">
        <Text weight="plus" className="truncate" data-testid="store-name">
          {info?.store.name ?? "…"}
        </Text>
        <Text className="text-ui-fg-subtle truncate" data-testid="register-name">
          {register?.name ?? "no register"}
        </Text>
        <Text className="text-ui-fg-subtle truncate" data-testid="staff-name">
          {session ? `${session.staff.first_name} ${session.staff.last_name}`.trim() : ""}
          {info ? ` · ${info.role}` : ""}
        </Text>
        {shift ? (
          <Badge color="green" size="small" data-testid="shift-status">
            Shift open · {new Date(shift.opened_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
          </Badge>
        ) : (
          <Badge color="grey" size="small" data-testid="shift-status">
            No open shift
          </Badge>
        )}
        {props.status}
      </div>
      <nav className="flex items-center gap-1" aria-label="Till menu">
        {props.onReceipts && <MenuButton label="Receipts" icon={<Receipt />} onClick={props.onReceipts} />}
        {props.onShift && shift && <MenuButton label="Shift" icon={<Clock />} onClick={props.onShift} />}
        {/* PINs are checked by the server: offline, a locked till could not be opened */}
        {online && <MenuButton label="Switch or lock" icon={<LockClosedSolid />} onClick={lock} />}
        {online && <MenuButton label="Sign out" icon={<ArrowRightOnRectangle />} onClick={signOut} />}
      </nav>
    </header>
  )
}

function MenuButton(props: { label: string; icon: React.ReactNode; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={props.onClick}
      aria-label={props.label}
      title={props.label}
      className="pos-target text-ui-fg-subtle hover:bg-ui-bg-base-hover flex items-center gap-1.5 rounded-md px-2"
    >
      {props.icon}
      <span className="txt-compact-small hidden md:inline">{props.label}</span>
    </button>
  )
}
