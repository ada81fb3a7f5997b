import { Container, toast } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useNavigate } from "react-router-dom"
import { PageHeader } from "../../../components/stores/page-header"
import { StoreForm } from "../../../components/stores/store-form"
import { sdk } from "../../../lib/sdk"
import { storeKeys, type PosStore } from "../../../lib/stores"

/** A new store: the API creates its stock location, POS sales channel and pickup option with it. */
const CreateStorePage = () => {
  const navigate = useNavigate()
  const client = useQueryClient()
  return (
    <Container className="divide-y p-0">
      <PageHeader title="Create store" description="Its stock location, its POS sales channel and its pickup option are created with it." />
      <StoreForm
        submitLabel="Create store"
        onCancel={() => navigate("/pos-stores")}
        onSubmit={async (body) => {
          const { store } = await sdk.client.fetch<{ store: PosStore }>("/admin/pos/stores", { method: "POST", body })
          await client.invalidateQueries({ queryKey: storeKeys.all })
          toast.success(`${store.name} was created with its stock location and sales channel`)
          navigate(`/pos-stores/${store.id}`)
        }}
      />
    </Container>
  )
}

export default CreateStorePage
