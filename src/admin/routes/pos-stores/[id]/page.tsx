import { StoreScorecard } from "../../../components/reports/store-scorecard"
import { Badge, Button, Container, Tabs, Text, toast, usePrompt } from "@medusajs/ui"
import { Link, useParams } from "react-router-dom"
import { PageHeader } from "../../../components/stores/page-header"
import { StoreMembers } from "../../../components/stores/store-members"
import { StoreRegisters } from "../../../components/stores/store-registers"
import { StoreToday } from "../../../components/stores/store-today"
import { formatPeriods } from "../../../lib/opening-hours"
import { apiMessage } from "../../../lib/sdk"
import { CAPABILITIES, usePosMutation, useStore, WEEKDAYS, type PosStore } from "../../../lib/stores"

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-2 gap-4 px-6 py-3 text-sm">
      <Text size="small" weight="plus" className="text-ui-fg-subtle">
        {label}
      </Text>
      <div className="min-w-0 break-words">{children}</div>
    </div>
  )
}

function Details({ store }: { store: PosStore }) {
  const channels = (store.stock_location?.sales_channels ?? []).filter((c) => c.id !== store.sales_channel?.id)
  return (
    <div className="divide-y">
      <Row label="Address">
        {[store.address_1, store.address_2, [store.postal_code, store.city].filter(Boolean).join(" "), store.province, store.country_code?.toUpperCase()]
          .filter(Boolean)
          .join(", ") || "–"}
      </Row>
      <Row label="Coordinates">{store.latitude !== null && store.longitude !== null ? `${store.latitude}, ${store.longitude}` : "Missing: routing cannot measure distances"}</Row>
      <Row label="Time zone, currency">
        {store.timezone}, {store.currency_code.toUpperCase()}
      </Row>
      <Row label="Opening hours">
        {store.opening_hours ? (
          <div className="flex flex-col">
            {WEEKDAYS.map(([day, label]) => (
              <span key={day}>
                {label.slice(0, 3)}: {formatPeriods(store.opening_hours?.[day]) || "closed"}
              </span>
            ))}
          </div>
        ) : (
          "Not set"
        )}
      </Row>
      <Row label="Switched on">
        <div className="flex flex-wrap gap-1">
          {CAPABILITIES.map(({ key, label }) => (
            <Badge key={key} size="2xsmall" color={store.capabilities?.[key] ? "blue" : "grey"}>
              {label}: {store.capabilities?.[key] ? "on" : "off"}
            </Badge>
          ))}
        </div>
      </Row>
      <Row label="Ship-from-store capacity">{store.ship_from_store_capacity} parcels a day</Row>
      <Row label="Pickup hold">{store.pickup_hold_hours} hours</Row>
      <Row label="Online channels served">{channels.map((c) => c.name).join(", ") || "None"}</Row>
      <Row label="In Medusa">
        <div className="flex flex-col">
          {store.stock_location && <Link to={`/settings/locations/${store.stock_location.id}`}>Stock location</Link>}
          {store.sales_channel && <Link to={`/settings/sales-channels/${store.sales_channel.id}`}>POS sales channel</Link>}
        </div>
      </Row>
    </div>
  )
}

const StorePage = () => {
  const { id } = useParams() as { id: string }
  const { data, isLoading, error } = useStore(id)
  const prompt = usePrompt()
  const setStatus = usePosMutation<{ _to: "disable" | "enable" }>((b) => `/admin/pos/stores/${id}/${b._to}`)

  if (isLoading) {
    return <Container>Loading…</Container>
  }
  if (error || !data) {
    return <Container className="text-ui-fg-error">Could not load the store: {apiMessage(error)}</Container>
  }
  const { store } = data
  const active = store.status === "active"

  const toggle = async () => {
    const confirmed = await prompt({
      title: active ? `Disable ${store.name}?` : `Enable ${store.name}?`,
      description: active
        ? "What stops at once: the tills cannot sell or open shifts, checkout stops offering pickup here, routing sends no new online order here. Orders already here stay in its queue; nothing is deleted."
        : "The store sells again, is offered for pickup (if switched on) and routing can send it online orders.",
      confirmText: active ? "Disable" : "Enable",
      cancelText: "Cancel",
    })
    if (confirmed) {
      setStatus.mutate(
        { _to: active ? "disable" : "enable" },
        { onSuccess: () => toast.success(active ? `${store.name} is disabled` : `${store.name} is active`), onError: (e) => toast.error(apiMessage(e)) }
      )
    }
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <PageHeader
          title={
            <span className="flex items-center gap-2">
              {store.name}
              <Badge size="2xsmall" color={active ? "green" : "grey"}>
                {store.status}
              </Badge>
            </span>
          }
          description={`${store.code} · ${store.city ?? ""}`}
          actions={
            <>
              <Button size="small" variant="secondary" asChild>
                <Link to={`/pos-stores/readiness?store_id=${store.id}`}>Go-live check</Link>
              </Button>
              <Button size="small" variant="secondary" asChild>
                <Link to={`/pos-stores/${store.id}/edit`}>Edit</Link>
              </Button>
              <Button size="small" variant={active ? "danger" : "primary"} onClick={toggle} isLoading={setStatus.isPending}>
                {active ? "Disable" : "Enable"}
              </Button>
            </>
          }
        />
        <Tabs defaultValue="today">
          <div className="overflow-x-auto px-6 pt-3">
            <Tabs.List>
              <Tabs.Trigger value="today">Today</Tabs.Trigger>
              <Tabs.Trigger value="scorecard">Scorecard</Tabs.Trigger>
              <Tabs.Trigger value="team">Registers and staff</Tabs.Trigger>
              <Tabs.Trigger value="details">Details</Tabs.Trigger>
            </Tabs.List>
          </div>
          <Tabs.Content value="today">
            <StoreToday storeId={store.id} currency={store.currency_code} />
          </Tabs.Content>
          <Tabs.Content value="scorecard">
            <StoreScorecard storeId={store.id} />
          </Tabs.Content>
          <Tabs.Content value="team" className="divide-y">
            <StoreRegisters storeId={store.id} />
            <StoreMembers store={store} />
          </Tabs.Content>
          <Tabs.Content value="details">
            <Details store={store} />
          </Tabs.Content>
        </Tabs>
      </Container>
    </div>
  )
}

export default StorePage
