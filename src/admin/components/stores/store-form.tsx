import { Button, Checkbox, Heading, Input, Label, Switch, Text, toast } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState, type FormEvent, type ReactNode } from "react"
import { formatPeriods, parsePeriods } from "../../lib/opening-hours"
import { apiMessage, sdk } from "../../lib/sdk"
import { CAPABILITIES, WEEKDAYS, type Capabilities, type OpeningHours, type PosStore } from "../../lib/stores"

type SalesChannel = { id: string; name: string; metadata: Record<string, unknown> | null }

const DEFAULT_CAPABILITIES: Capabilities = { sell: true, pickup: true, curbside: false, ship_from_store: false, returns: true }

type Values = {
  name: string
  code: string
  address_1: string
  address_2: string
  city: string
  province: string
  postal_code: string
  country_code: string
  phone: string
  latitude: string
  longitude: string
  timezone: string
  currency_code: string
  hours: Record<string, string>
  capabilities: Capabilities
  ship_from_store_capacity: string
  pickup_hold_hours: string
  online_sales_channel_ids: string[] | null
}

function initialValues(store?: PosStore): Values {
  const hours = Object.fromEntries(WEEKDAYS.map(([day]) => [day, formatPeriods(store?.opening_hours?.[day])]))
  const pos = store?.sales_channel?.id
  return {
    name: store?.name ?? "",
    code: store?.code ?? "",
    address_1: store?.address_1 ?? "",
    address_2: store?.address_2 ?? "",
    city: store?.city ?? "",
    province: store?.province ?? "",
    postal_code: store?.postal_code ?? "",
    country_code: (store?.country_code ?? "").toUpperCase(),
    phone: store?.phone ?? "",
    latitude: store?.latitude?.toString() ?? "",
    longitude: store?.longitude?.toString() ?? "",
    timezone: store?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC",
    currency_code: (store?.currency_code ?? "usd").toUpperCase(),
    hours,
    capabilities: { ...DEFAULT_CAPABILITIES, ...(store?.capabilities ?? {}) },
    ship_from_store_capacity: String(store?.ship_from_store_capacity ?? 50),
    pickup_hold_hours: String(store?.pickup_hold_hours ?? 72),
    online_sales_channel_ids: store ? (store.stock_location?.sales_channels ?? []).map((c) => c.id).filter((id) => id !== pos) : null,
  }
}

/** The body the admin API takes, or the first problem found before sending (the API checks everything again). */
function toBody(values: Values, creating: boolean): { body?: Record<string, unknown>; problem?: string } {
  const opening_hours: OpeningHours = {}
  for (const [day, label] of WEEKDAYS) {
    const periods = parsePeriods(values.hours[day] ?? "")
    if (!periods) {
      return { problem: `${label}: write opening hours as 09:00-18:00 (several periods separated by commas), or leave it empty when closed` }
    }
    opening_hours[day] = periods
  }
  const number = (text: string) => (text.trim() === "" ? NaN : Number(text))
  const latitude = number(values.latitude)
  const longitude = number(values.longitude)
  if (Number.isNaN(latitude) || Number.isNaN(longitude)) {
    return { problem: "Latitude and longitude are numbers, e.g. 41.8837 and -87.6278: routing measures distances from them" }
  }
  const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : NaN)
  const address = {
    address_1: values.address_1,
    address_2: values.address_2 || null,
    city: values.city,
    province: values.province || null,
    postal_code: values.postal_code,
    country_code: values.country_code.trim().toLowerCase(),
    phone: values.phone || null,
  }
  const body: Record<string, unknown> = {
    name: values.name,
    ...(creating || values.code ? { code: values.code.trim() } : {}),
    address,
    latitude,
    longitude,
    timezone: values.timezone.trim(),
    currency_code: values.currency_code.trim().toLowerCase(),
    opening_hours,
    capabilities: values.capabilities,
    ship_from_store_capacity: whole(values.ship_from_store_capacity),
    pickup_hold_hours: whole(values.pickup_hold_hours),
  }
  if (values.online_sales_channel_ids) {
    body.online_sales_channel_ids = values.online_sales_channel_ids
  }
  if (Number.isNaN(body.ship_from_store_capacity) || Number.isNaN(body.pickup_hold_hours)) {
    return { problem: "Ship-from-store capacity and pickup hold are whole numbers" }
  }
  return { body }
}

function Field({ label, hint, children, id }: { label: string; hint?: string; id: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={id} size="small" weight="plus">
        {label}
      </Label>
      {children}
      {hint && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {hint}
        </Text>
      )}
    </div>
  )
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-y-4 px-6 py-5">
      <div>
        <Heading level="h2">{title}</Heading>
        {description && (
          <Text size="small" className="text-ui-fg-subtle">
            {description}
          </Text>
        )}
      </div>
      {children}
    </section>
  )
}

/**
 * Create or edit a store: every field the admin API takes, checked here for
 * what a person mistypes and sent as is; the API's refusal is shown verbatim.
 */
export function StoreForm({
  store,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  store?: PosStore
  submitLabel: string
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>
  onCancel: () => void
}) {
  const creating = !store
  const [values, setValues] = useState<Values>(() => initialValues(store))
  const [problem, setProblem] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const channels = useQuery({
    queryKey: ["sales_channels", "online"],
    queryFn: () => sdk.client.fetch<{ sales_channels: SalesChannel[] }>("/admin/sales-channels", { query: { limit: 200, fields: "id,name,metadata" } }),
  })
  const online = (channels.data?.sales_channels ?? []).filter((c) => !c.metadata?.pos_store_code)
  const chosen = values.online_sales_channel_ids

  const set = (key: keyof Values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }))
  const text = (key: keyof Values, label: string, props: { hint?: string; placeholder?: string; required?: boolean; inputMode?: "decimal" | "numeric" } = {}) => (
    <Field label={label} hint={props.hint} id={`store-${key}`}>
      <Input
        id={`store-${key}`}
        name={key}
        value={values[key] as string}
        onChange={set(key)}
        placeholder={props.placeholder}
        required={props.required}
        inputMode={props.inputMode}
      />
    </Field>
  )

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const { body, problem } = toBody(values, creating)
    setProblem(problem ?? null)
    if (!body) {
      return
    }
    // the channels are sent only when changed here: a link made meanwhile in Medusa's own pages stays
    const before = initialValues(store).online_sales_channel_ids
    const same = (a: string[] | null, b: string[] | null) => JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort())
    if (store && same(before, values.online_sales_channel_ids)) {
      delete body.online_sales_channel_ids
    }
    setSaving(true)
    try {
      await onSubmit(body)
    } catch (error) {
      setProblem(apiMessage(error))
      toast.error(apiMessage(error))
    } finally {
      setSaving(false)
    }
  }

  return (
    <form onSubmit={submit} className="divide-y" noValidate>
      <Section title="The shop">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {text("name", "Name", { placeholder: "Northwind Lincoln Park" })}
          {text("code", "Code", { hint: "2 to 32 letters, digits, - or _; printed on receipts and used by the tills.", placeholder: "CHI-LINCOLN" })}
          {text("timezone", "Time zone", { hint: "An IANA name such as America/Chicago: opening hours and the day's figures use it." })}
          {text("currency_code", "Currency", { hint: "The counter sells and counts cash in it (ISO code, e.g. USD)." })}
        </div>
      </Section>
      <Section title="Address and position" description="Shoppers see the address at checkout; routing measures distances from the coordinates.">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {text("address_1", "Address", {})}
          {text("address_2", "Address, second line")}
          {text("city", "City", {})}
          {text("province", "State or province")}
          {text("postal_code", "Postal code", {})}
          {text("country_code", "Country", { hint: "Two-letter ISO code, e.g. US." })}
          {text("phone", "Phone")}
          <div className="grid grid-cols-2 gap-4">
            {text("latitude", "Latitude", { placeholder: "41.8837", inputMode: "decimal" })}
            {text("longitude", "Longitude", { placeholder: "-87.6278", inputMode: "decimal" })}
          </div>
        </div>
      </Section>
      <Section title="Opening hours" description="In the store's time zone, e.g. 09:00-18:00 or 09:00-13:00, 14:00-19:00. Empty means closed.">
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
          {WEEKDAYS.map(([day, label]) => (
            <Field key={day} label={label} id={`hours-${day}`}>
              <Input
                id={`hours-${day}`}
                value={values.hours[day] ?? ""}
                placeholder="Closed"
                onChange={(e) => setValues((v) => ({ ...v, hours: { ...v.hours, [day]: e.target.value } }))}
              />
            </Field>
          ))}
        </div>
      </Section>
      <Section title="What the store does" description="Pilot switches: turn a service on in one or two stores first.">
        <div className="flex flex-col gap-y-3">
          {CAPABILITIES.map(({ key, label, hint }) => (
            <div key={key} className="flex items-start gap-x-3">
              <Switch
                id={`capability-${key}`}
                checked={values.capabilities[key]}
                onCheckedChange={(checked) => setValues((v) => ({ ...v, capabilities: { ...v.capabilities, [key]: checked } }))}
              />
              <div>
                <Label htmlFor={`capability-${key}`} size="small" weight="plus">
                  {label}
                </Label>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {hint}
                </Text>
              </div>
            </div>
          ))}
        </div>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {text("ship_from_store_capacity", "Ship-from-store capacity", { hint: "Parcels a day this store can pick and ship.", inputMode: "numeric" })}
          {text("pickup_hold_hours", "Pickup hold (hours)", { hint: "How long a ready pickup waits before it is released.", inputMode: "numeric" })}
        </div>
      </Section>
      <Section title="Online channels served" description="Orders from these channels can be collected here and shipped from here.">
        {channels.isLoading && <Text size="small">Loading channels…</Text>}
        {online.length === 0 && !channels.isLoading && (
          <Text size="small" className="text-ui-fg-subtle">
            No online sales channel yet.
          </Text>
        )}
        {creating && chosen === null && online.length > 0 && (
          <Text size="small" className="text-ui-fg-subtle">
            Left as is, the store serves the store's default channel.
          </Text>
        )}
        <div className="flex flex-col gap-y-2">
          {online.map((channel) => (
            <div key={channel.id} className="flex items-center gap-x-2">
              <Checkbox
                id={`channel-${channel.id}`}
                checked={chosen?.includes(channel.id) ?? false}
                onCheckedChange={(checked) =>
                  setValues((v) => {
                    const current = v.online_sales_channel_ids ?? []
                    return { ...v, online_sales_channel_ids: checked ? [...current, channel.id] : current.filter((id) => id !== channel.id) }
                  })
                }
              />
              <Label htmlFor={`channel-${channel.id}`} size="small">
                {channel.name}
              </Label>
            </div>
          ))}
        </div>
      </Section>
      <div className="sticky bottom-0 flex flex-col gap-y-2 bg-ui-bg-base px-6 py-4">
        {problem && (
          <Text size="small" className="text-ui-fg-error" role="alert">
            {problem}
          </Text>
        )}
        <div className="flex justify-end gap-x-2">
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" isLoading={saving}>
            {submitLabel}
          </Button>
        </div>
      </div>
    </form>
  )
}
