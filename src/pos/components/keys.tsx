import { Button } from "@medusajs/ui"
import React from "react"
import { quickCashAmounts } from "../lib/money"

/** A square icon button of at least 44 px, named for screen readers (quantity −/+ and remove). */
export function IconKey(props: { label: string; onClick: () => void; disabled?: boolean; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-label={props.label}
      title={props.label}
      onClick={props.onClick}
      disabled={props.disabled}
      className="pos-target text-ui-fg-subtle hover:bg-ui-bg-base-hover flex items-center justify-center rounded-md disabled:opacity-40"
    >
      {props.children}
    </button>
  )
}

/** The exact amount due and the next round amounts, each one tap (online and offline cash). */
export function QuickCashKeys(props: {
  due: number
  decimals: number
  money: (n: number) => string
  busy?: (amount: number) => boolean
  disabled?: boolean
  onCash: (amount: number) => void
}) {
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {quickCashAmounts(props.due, props.decimals).map((amount, i) => (
        <Button
          key={amount}
          variant={i === 0 ? "primary" : "secondary"}
          size="xlarge"
          className="pos-target h-14 w-full tabular-nums"
          isLoading={props.busy?.(amount)}
          disabled={props.disabled}
          onClick={() => props.onCash(amount)}
          data-testid={i === 0 ? "cash-exact" : "cash-quick"}
        >
          {i === 0 ? `Exact ${props.money(amount)}` : props.money(amount)}
        </Button>
      ))}
    </div>
  )
}
