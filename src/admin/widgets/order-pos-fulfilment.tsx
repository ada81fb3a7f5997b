import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { useOrderPos } from "../components/routing/api"
import { errorMessage } from "../components/routing/format"
import { DecisionStatus, OrderRouting } from "../components/routing/order-routing"
import { OrderStoreWork } from "../components/routing/order-store-work"

/** The currency's decimals from Medusa's currency table, for the returns' amounts. */
function useDecimals(code: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ["currency", code],
    queryFn: () => sdk.client.fetch<{ currency: { decimal_digits: number } }>(`/admin/currencies/${code}`),
    enabled: enabled && !!code,
    staleTime: Infinity,
  })
}

/** How the POS plugin placed the order, its stores' work on it and the returns taken in stores. */
const OrderPosFulfilmentWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, isLoading, error } = useOrderPos(order.id)
  const decimals = useDecimals(order.currency_code, !!data?.returns.length)

  const header = (aside?: JSX.Element) => (
    <div className="flex items-center justify-between gap-x-2 px-6 py-4">
      <Heading level="h2">POS fulfilment</Heading>
      {aside}
    </div>
  )

  if (isLoading) {
    return (
      <Container className="divide-y p-0">
        {header(
          <Text size="small" className="text-ui-fg-subtle">
            Loading…
          </Text>
        )}
      </Container>
    )
  }
  if (error || !data) {
    return (
      <Container className="divide-y p-0">
        {header()}
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          Could not load how the order was routed: {errorMessage(error)}
        </Text>
      </Container>
    )
  }
  if (!data.decision && !data.tasks.length && !data.returns.length) {
    return (
      <Container className="p-0">
        {header(
          <Text size="small" className="text-ui-fg-muted">
            Not routed by the POS plugin
          </Text>
        )}
      </Container>
    )
  }

  const titles = new Map((order.items ?? []).map((item) => [item.id, item.variant_sku ? `${item.title} (${item.variant_sku})` : item.title]))
  const lineTitle = (lineId: string) => titles.get(lineId.split("#")[0]) ?? lineId

  return (
    <Container className="divide-y p-0">
      {header(data.decision ? <DecisionStatus decision={data.decision} /> : undefined)}
      {data.decision && (
        <OrderRouting
          decision={data.decision}
          history={data.history}
          lineTitle={lineTitle}
          rerouteStore={data.tasks.find((t) => t.id === data.decision?.rerouted_from_task_id)?.store_name}
        />
      )}
      <OrderStoreWork tasks={data.tasks} returns={data.returns} decimals={decimals.data?.currency.decimal_digits ?? 2} />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.after",
})

export default OrderPosFulfilmentWidget
