import { Container, Text, toast } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useNavigate, useParams } from "react-router-dom"
import { PageHeader } from "../../../../components/stores/page-header"
import { StoreForm } from "../../../../components/stores/store-form"
import { apiMessage, sdk } from "../../../../lib/sdk"
import { storeKeys, useStore } from "../../../../lib/stores"

const EditStorePage = () => {
  const { id } = useParams() as { id: string }
  const navigate = useNavigate()
  const client = useQueryClient()
  const { data, isLoading, error } = useStore(id)
  return (
    <Container className="divide-y p-0">
      <PageHeader title={data ? `Edit ${data.store.name}` : "Edit store"} description="Medusa's records follow: the stock location, the POS channel and the pickup option." />
      {isLoading && <Text className="px-6 py-4">Loading…</Text>}
      {error && <Text className="px-6 py-4 text-ui-fg-error">{apiMessage(error)}</Text>}
      {data && (
        <StoreForm
          store={data.store}
          submitLabel="Save"
          onCancel={() => navigate(`/pos-stores/${id}`)}
          onSubmit={async (body) => {
            const { code, ...rest } = body
            await sdk.client.fetch(`/admin/pos/stores/${id}`, {
              method: "POST",
              body: code === data.store.code ? rest : body,
            })
            await client.invalidateQueries({ queryKey: storeKeys.all })
            toast.success("Saved")
            navigate(`/pos-stores/${id}`)
          }}
        />
      )}
    </Container>
  )
}

export default EditStorePage
