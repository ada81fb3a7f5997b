import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Checkbox, Container, Input, Label, Table, Text, toast } from "@medusajs/ui"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useRef, useState } from "react"
import { PageHeader } from "../../../components/stores/page-header"
import { parseCostCsv, type CostRow } from "../../../lib/cost-csv"
import { apiMessage, sdk } from "../../../lib/sdk"

type VariantCost = { variant_id: string; sku: string | null; product_title: string; variant_title: string | null; amount: number | null }
type CostList = { currency_code: string; variant_costs: VariantCost[]; count: number }
const PAGE = 50
/** the API takes at most this many costs a request; a longer file goes in parts */
const BATCH = 1000

function CostInput({ row, currency, onSaved }: { row: VariantCost; currency: string; onSaved: () => void }) {
  const [value, setValue] = useState(row.amount === null ? "" : String(row.amount))
  const save = useMutation({
    mutationFn: (amount: number | null) =>
      sdk.client.fetch("/admin/pos/variant-costs", { method: "POST", body: { currency_code: currency, costs: [{ variant_id: row.variant_id, amount }] } }),
    onSuccess: () => {
      toast.success(`Cost of ${row.sku ?? row.product_title} saved`)
      onSaved()
    },
    onError: (e) => toast.error(apiMessage(e)),
  })
  // what was last sent: a field leaving focus while its save runs does not send it again
  const sent = useRef(row.amount === null ? "" : String(row.amount))
  const commit = () => {
    const text = value.trim()
    if (text === sent.current) {
      return
    }
    if (text !== "" && !/^\d+(\.\d+)?$/.test(text)) {
      toast.error(`${text} is not a cost; type a number such as 12.50, or leave it empty for none`)
      return
    }
    sent.current = text
    save.mutate(text === "" ? null : Number(text), { onError: () => (sent.current = row.amount === null ? "" : String(row.amount)) })
  }
  return (
    <Input
      size="small"
      inputMode="decimal"
      aria-label={`Unit cost of ${row.sku ?? row.product_title}`}
      className="w-28 text-right"
      value={value}
      placeholder="No cost"
      onChange={(e) => setValue(e.target.value)}
      onBlur={commit}
      // Enter leaves the field, which saves once (on blur)
      onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
      disabled={save.isPending}
    />
  )
}

/**
 * What each variant costs the retailer, for the scorecard's margin and GMROI
 * (Medusa keeps prices, not costs): typed in the table or imported from a
 * CSV file of SKUs and costs.
 */
const CostsPage = () => {
  const queryClient = useQueryClient()
  const [q, setQ] = useState("")
  const [missing, setMissing] = useState(false)
  const [offset, setOffset] = useState(0)
  const [importing, setImporting] = useState(false)
  const [importErrors, setImportErrors] = useState<string[]>([])
  const file = useRef<HTMLInputElement>(null)
  const { data, error } = useQuery({
    queryKey: ["pos_variant_costs", q, missing, offset],
    queryFn: () =>
      sdk.client.fetch<CostList>("/admin/pos/variant-costs", {
        query: { limit: PAGE, offset, ...(q.trim() ? { q: q.trim() } : {}), ...(missing ? { missing: "true" } : {}) },
      }),
    placeholderData: keepPreviousData,
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["pos_variant_costs"] })
  const currency = data?.currency_code ?? "usd"

  const importFile = async (chosen: File) => {
    setImporting(true)
    setImportErrors([])
    try {
      const { rows, errors } = parseCostCsv(await chosen.text())
      if (errors.length) {
        setImportErrors(["Nothing was imported:", ...errors.slice(0, 20)])
        return
      }
      for (let i = 0; i < rows.length; i += BATCH) {
        const costs = rows.slice(i, i + BATCH).map((r: CostRow) => (r.sku ? { sku: r.sku, amount: r.amount } : { variant_id: r.variant_id, amount: r.amount }))
        try {
          await sdk.client.fetch("/admin/pos/variant-costs", { method: "POST", body: { currency_code: currency, costs } })
        } catch (e) {
          // each part of 1,000 is saved whole or not at all: say which parts are in
          setImportErrors([
            i === 0
              ? `Nothing was imported: ${apiMessage(e)}`
              : `The first ${i} costs were saved; the rest, from the file's line ${i + 2}, were not: ${apiMessage(e)}`,
          ])
          refresh()
          return
        }
      }
      toast.success(`${rows.length} costs imported from ${chosen.name}`)
      refresh()
    } catch (e) {
      setImportErrors([`Nothing was imported: ${apiMessage(e)}`])
    } finally {
      setImporting(false)
      if (file.current) {
        file.current.value = ""
      }
    }
  }

  return (
    <Container className="divide-y p-0">
      <PageHeader
        title="Unit costs"
        description={`What each variant costs you, in ${currency.toUpperCase()}: the scorecard's gross margin and GMROI use it. Import a CSV with the columns sku and cost.`}
        actions={
          <>
            <input ref={file} type="file" accept=".csv,text/csv" className="hidden" aria-label="CSV file of unit costs" onChange={(e) => e.target.files?.[0] && importFile(e.target.files[0])} />
            {/* the currency comes with the list: no import before it is known */}
            <Button size="small" variant="secondary" isLoading={importing} disabled={!data} onClick={() => file.current?.click()}>
              Import CSV
            </Button>
          </>
        }
      />
      {importErrors.length > 0 && (
        <div className="px-6 py-3" role="alert">
          <Text size="small" weight="plus" className="text-ui-fg-error">
            Fix the file and import it again (a cost already saved is simply saved again):
          </Text>
          {importErrors.map((e) => (
            <Text key={e} size="small" className="text-ui-fg-error">
              {e}
            </Text>
          ))}
        </div>
      )}
      <div className="flex flex-col gap-3 px-6 py-3 sm:flex-row sm:items-center">
        <Input
          size="small"
          type="search"
          placeholder="Search by SKU or product"
          className="sm:w-72"
          value={q}
          onChange={(e) => {
            setQ(e.target.value)
            setOffset(0)
          }}
        />
        <div className="flex items-center gap-2">
          <Checkbox
            id="costs-missing"
            checked={missing}
            onCheckedChange={(checked) => {
              setMissing(checked === true)
              setOffset(0)
            }}
          />
          <Label htmlFor="costs-missing" size="small">
            Only variants without a cost
          </Label>
        </div>
      </div>
      {error && (
        <Text className="text-ui-fg-error px-6 py-4" role="alert">
          {apiMessage(error)}
        </Text>
      )}
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Product</Table.HeaderCell>
              <Table.HeaderCell>SKU</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Unit cost ({currency.toUpperCase()})</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(data?.variant_costs ?? []).map((row) => (
              <Table.Row key={row.variant_id}>
                <Table.Cell>
                  {row.product_title}
                  {row.variant_title ? <span className="text-ui-fg-subtle"> · {row.variant_title}</span> : null}
                </Table.Cell>
                <Table.Cell className="font-mono text-xs">{row.sku ?? "–"}</Table.Cell>
                <Table.Cell className="flex justify-end">
                  <CostInput key={`${row.variant_id}-${row.amount}`} row={row} currency={currency} onSaved={refresh} />
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      <Table.Pagination
        count={data?.count ?? 0}
        pageSize={PAGE}
        pageIndex={Math.floor(offset / PAGE)}
        pageCount={Math.max(1, Math.ceil((data?.count ?? 0) / PAGE))}
        canPreviousPage={offset > 0}
        canNextPage={offset + PAGE < (data?.count ?? 0)}
        previousPage={() => setOffset(Math.max(0, offset - PAGE))}
        nextPage={() => setOffset(offset + PAGE)}
      />
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Unit costs" })

export default CostsPage
