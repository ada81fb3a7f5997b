import { Button, DatePicker, Label, Select } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { KNOWN_ACTIONS, NO_FILTERS, staffName, type AuditFilters, type StaffRef, type StoreRef } from "./api"

const ALL = "__all"

const pad = (n: number) => String(n).padStart(2, "0")
const toDay = (date: Date | null) => (date ? `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` : null)
const fromDay = (day: string | null) => {
  if (!day) {
    return null
  }
  const [y, m, d] = day.split("-").map(Number)
  return new Date(y, m - 1, d)
}

function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
  allLabel,
}: {
  id: string
  label: string
  value: string | null
  onChange: (value: string | null) => void
  options: { value: string; label: string }[]
  allLabel: string
}) {
  return (
    <div className="col-span-2 flex min-w-0 flex-col gap-y-1 sm:col-span-1">
      <Label htmlFor={id} size="xsmall" weight="plus">
        {label}
      </Label>
      <Select size="small" value={value ?? ALL} onValueChange={(v) => onChange(v === ALL ? null : v)}>
        <Select.Trigger id={id} aria-label={label}>
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value={ALL}>{allLabel}</Select.Item>
          {options.map((o) => (
            <Select.Item key={o.value} value={o.value}>
              {o.label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}

/**
 * A day picker whose value reaches the filters only once it is a date the API
 * takes (years 1970 to 9999): typing a year goes through 0002, 0020, 0202.
 */
function DayFilter({
  label,
  name = label,
  day,
  min,
  max,
  onChange,
}: {
  label: string
  name?: string
  day: string | null
  min?: string | null
  max?: string | null
  onChange: (day: string | null) => void
}) {
  const [value, setValue] = useState<Date | null>(fromDay(day))
  useEffect(() => {
    setValue((current) => (toDay(current) === day ? current : fromDay(day)))
  }, [day])
  return (
    <div className="flex min-w-0 flex-col gap-y-1">
      <Label size="xsmall" weight="plus">
        {label}
      </Label>
      <DatePicker
        size="small"
        aria-label={name}
        value={value}
        minValue={fromDay(min ?? null) ?? undefined}
        maxValue={fromDay(max ?? null) ?? undefined}
        onChange={(date) => {
          setValue(date)
          const year = date?.getFullYear() ?? 1970
          if (year >= 1970 && year <= 9999) {
            onChange(toDay(date))
          }
        }}
      />
    </div>
  )
}

/** Store, staff member, action and dates (both days included). */
export function AuditFiltersBar({
  filters,
  onChange,
  stores,
  staff,
  seenActions,
}: {
  filters: AuditFilters
  onChange: (filters: AuditFilters) => void
  stores: StoreRef[]
  staff: StaffRef[]
  seenActions: string[]
}) {
  const actions = [...new Set([...KNOWN_ACTIONS, ...seenActions, ...(filters.action ? [filters.action] : [])])].sort()
  const set = (patch: Partial<AuditFilters>) => onChange({ ...filters, ...patch })
  const active = Object.values(filters).some(Boolean)
  return (
    <div className="grid grid-cols-2 gap-3 px-6 py-4 lg:grid-cols-3 xl:grid-cols-6 xl:items-end">
      <FilterSelect
        id="audit-filter-store"
        label="Store"
        value={filters.store_id}
        onChange={(store_id) => set({ store_id })}
        options={stores.map((s) => ({ value: s.id, label: s.name }))}
        allLabel="All stores"
      />
      <FilterSelect
        id="audit-filter-staff"
        label="Staff member"
        value={filters.actor_id}
        onChange={(actor_id) => set({ actor_id })}
        options={staff.map((s) => ({ value: s.id, label: staffName(s) }))}
        allLabel="Anyone"
      />
      <FilterSelect
        id="audit-filter-action"
        label="Action"
        value={filters.action}
        onChange={(action) => set({ action })}
        options={actions.map((a) => ({ value: a, label: a }))}
        allLabel="All actions"
      />
      <DayFilter label="From" day={filters.from} max={filters.to} onChange={(from) => set({ from })} />
      <DayFilter label="To (included)" name="To" day={filters.to} min={filters.from} onChange={(to) => set({ to })} />
      <div className="col-span-2 sm:col-span-1">
        <Button size="small" variant="transparent" disabled={!active} onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </Button>
      </div>
    </div>
  )
}
