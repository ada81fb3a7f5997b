import { useQuery } from "@tanstack/react-query"
import { formatAmount } from "./money"
import { sdk } from "./sdk"

/** The currency's decimals from Medusa's currency data (2 until it answers): a formatter for its amounts. */
export function useMoney(currency: string, options: { grouped?: boolean } = {}) {
  const { data } = useQuery({
    queryKey: ["currency", currency],
    queryFn: () => sdk.client.fetch<{ currency: { decimal_digits: number } }>(`/admin/currencies/${currency.toLowerCase()}`),
    staleTime: Infinity,
  })
  const decimals = data?.currency.decimal_digits ?? 2
  return (amount: number | null | undefined, code = currency) => formatAmount(amount, code, decimals, options)
}
