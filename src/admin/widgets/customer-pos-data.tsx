import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { saveFile } from "../lib/download"
import { sdk } from "../lib/sdk"

type Consent = { purpose: string; granted: boolean; changed_at: string | null; source: string | null }
type Summary = { consents: Consent[]; counts: { consent_changes: number; notes: number; product_views: number } }

const LABELS: Record<string, string> = {
  purchase_history: "Purchase history",
  recommendations: "Suggestions",
  browsing_history: "Products viewed online",
  marketing_contact: "Marketing contact",
}

/**
 * What the POS plugin holds about the customer (docs/customers.md): their consents as they stand,
 * how many changes, notes and views are kept; the customer's export (JSON) and its erasure.
 */
const CustomerPosDataWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const client = useQueryClient()
  const prompt = usePrompt()
  const path = `/admin/pos/customers/${customer.id}/data`
  const { data, isLoading, error } = useQuery({
    queryKey: ["pos-customer-data", customer.id],
    queryFn: () => sdk.client.fetch<Summary>(path, { query: { summary: "true" } }),
  })
  const erase = useMutation({
    mutationFn: () => sdk.client.fetch<{ erased: { consents: number; notes: number; views: number } }>(path, { method: "DELETE" }),
    onSuccess: ({ erased }) => {
      toast.success(`Erased ${erased.consents} consent change(s), ${erased.notes} note(s), ${erased.views} view(s)`)
      void client.invalidateQueries({ queryKey: ["pos-customer-data", customer.id] })
    },
    onError: (e: any) => toast.error(e?.message ?? "Could not erase"),
  })

  /** The customer's export (audited on the server), saved as a JSON file. */
  async function download() {
    let full: unknown
    try {
      full = await sdk.client.fetch(path)
    } catch (e: any) {
      toast.error(e?.message ?? "Could not export")
      return
    }
    saveFile(new Blob([JSON.stringify(full, null, 2)], { type: "application/json" }), `pos-customer-${customer.id}.json`)
  }

  return (
    <Container className="divide-y p-0" data-testid="pos-customer-data">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <Heading level="h2">Consent and store data</Heading>
        <div className="flex gap-2">
          <Button size="small" variant="secondary" onClick={() => void download()} disabled={!data}>
            Export
          </Button>
          <Button
            size="small"
            variant="danger"
            isLoading={erase.isPending}
            disabled={!data || !(data.counts.consent_changes + data.counts.notes + data.counts.product_views)}
            onClick={async () => {
              const confirmed = await prompt({
                title: "Erase this customer's store data?",
                description: "Their consents, staff notes and viewed products kept by the POS plugin are deleted for good. Orders stay.",
                confirmText: "Erase",
                cancelText: "Cancel",
              })
              if (confirmed) erase.mutate()
            }}
          >
            Erase
          </Button>
        </div>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          Loading…
        </Text>
      ) : error || !data ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          Could not load: {(error as any)?.message ?? "no answer"}
        </Text>
      ) : (
        <div className="flex flex-col gap-3 px-6 py-4">
          <div className="flex flex-wrap gap-2">
            {data.consents.map((c) => (
              <Badge key={c.purpose} size="small" color={c.granted ? "green" : "grey"} data-testid={`pos-consent-${c.purpose}`}>
                {LABELS[c.purpose] ?? c.purpose}: {c.granted ? "agreed" : c.changed_at ? "withdrawn" : "never asked"}
              </Badge>
            ))}
          </div>
          <Text size="small" className="text-ui-fg-subtle" data-testid="pos-customer-counts">
            {data.counts.consent_changes} consent change(s), {data.counts.notes} staff note(s), {data.counts.product_views} viewed product(s) kept
          </Text>
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.after" })

export default CustomerPosDataWidget
