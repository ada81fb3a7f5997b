/**
 * The demo retailer: Northwind Outfitters, an apparel and outdoor brand with a
 * webshop, three shops around Chicago and a distribution centre near O'Hare.
 * Plain data and pure functions only; `seed.ts` writes it through Medusa's workflows.
 */
import { toEan13 } from "../src/lib/barcode"

export const DEMO_SEED_VERSION = 1

export const ADMIN_LOGIN = {
  email: "admin@northwind.test",
  password: "northwind-admin",
  first_name: "Nora",
  last_name: "Whitfield",
}

export const WEBSHOP = { name: "Northwind Webshop", description: "Online store" }
export const PUBLISHABLE_KEY_TITLE = "Northwind Webshop"

export const REGIONS = [
  {
    name: "United States",
    currency_code: "usd",
    countries: ["us"],
    // Chicago's combined sales tax; the rest of the country is out of the demo's scope.
    tax: { country_code: "us", rate: 0, name: "No sales tax", code: "US" },
    provinceTax: { province_code: "us-il", rate: 10.25, name: "Chicago sales tax", code: "US-IL-CHI" },
  },
  {
    name: "Canada",
    currency_code: "cad",
    countries: ["ca"],
    tax: { country_code: "ca", rate: 5, name: "GST", code: "CA-GST" },
    provinceTax: { province_code: "ca-on", rate: 13, name: "HST Ontario", code: "CA-ON-HST" },
  },
] as const

export type DemoLocation = {
  key: string
  kind: "warehouse" | "shop"
  name: string
  /** shops: the POS store code, registers and pilot switches */
  store?: {
    code: string
    registers: string[]
    capabilities: { curbside: boolean; ship_from_store: boolean }
  }
  address: {
    address_1: string
    city: string
    province: string
    postal_code: string
    country_code: string
    phone: string
  }
  latitude: number
  longitude: number
}

export const LOCATIONS: DemoLocation[] = [
  {
    key: "dc",
    kind: "warehouse",
    name: "Northwind Distribution Center",
    address: {
      address_1: "2350 Lunt Avenue",
      city: "Elk Grove Village",
      province: "IL",
      postal_code: "60007",
      country_code: "us",
      phone: "+1 847 555 0140",
    },
    latitude: 42.0008,
    longitude: -87.9712,
  },
  {
    key: "state",
    kind: "shop",
    store: { code: "CHI-STATE", registers: ["Till 1", "Till 2", "Till 3"], capabilities: { curbside: true, ship_from_store: true } },
    name: "Northwind State Street",
    address: {
      address_1: "112 North State Street",
      city: "Chicago",
      province: "IL",
      postal_code: "60602",
      country_code: "us",
      phone: "+1 312 555 0110",
    },
    latitude: 41.8836,
    longitude: -87.6278,
  },
  {
    key: "wicker",
    kind: "shop",
    store: { code: "CHI-WICKER", registers: ["Till 1", "Till 2"], capabilities: { curbside: false, ship_from_store: true } },
    name: "Northwind Wicker Park",
    address: {
      address_1: "1543 North Milwaukee Avenue",
      city: "Chicago",
      province: "IL",
      postal_code: "60622",
      country_code: "us",
      phone: "+1 773 555 0122",
    },
    latitude: 41.9096,
    longitude: -87.6772,
  },
  {
    key: "evanston",
    kind: "shop",
    store: { code: "EVANSTON", registers: ["Till 1", "Till 2"], capabilities: { curbside: true, ship_from_store: false } },
    name: "Northwind Evanston",
    address: {
      address_1: "1622 Sherman Avenue",
      city: "Evanston",
      province: "IL",
      postal_code: "60201",
      country_code: "us",
      phone: "+1 847 555 0133",
    },
    latitude: 42.0464,
    longitude: -87.6816,
  },
]

/** Shop opening hours, America/Chicago. */
export const SHOP_HOURS = {
  mon: [["10:00", "20:00"]],
  tue: [["10:00", "20:00"]],
  wed: [["10:00", "20:00"]],
  thu: [["10:00", "21:00"]],
  fri: [["10:00", "21:00"]],
  sat: [["10:00", "21:00"]],
  sun: [["11:00", "18:00"]],
} as Record<string, [string, string][]>

export const STAFF_PASSWORD = "northwind-pos"

/** One manager and two associates per shop; PINs are unique within a shop. */
export const STAFF = [
  { store: "state", role: "manager", first_name: "Maya", last_name: "Okafor", pin: "4821" },
  { store: "state", role: "associate", first_name: "Luis", last_name: "Ortega", pin: "1357" },
  { store: "state", role: "associate", first_name: "Hannah", last_name: "Kim", pin: "2468" },
  { store: "wicker", role: "manager", first_name: "Dev", last_name: "Patel", pin: "7314" },
  { store: "wicker", role: "associate", first_name: "Sofia", last_name: "Rossi", pin: "1593" },
  { store: "wicker", role: "associate", first_name: "Marcus", last_name: "Bell", pin: "8642" },
  { store: "evanston", role: "manager", first_name: "Grace", last_name: "Lindqvist", pin: "6205" },
  { store: "evanston", role: "associate", first_name: "Omar", last_name: "Haddad", pin: "3179" },
  { store: "evanston", role: "associate", first_name: "Ivy", last_name: "Chen", pin: "9051" },
] as const

export function staffEmail(member: { first_name: string; last_name: string }): string {
  return `${member.first_name}.${member.last_name}@northwind.test`.toLowerCase()
}

export const CATEGORIES = ["Tees", "Sweaters & Hoodies", "Jackets", "Pants & Shorts", "Footwear", "Accessories"] as const
type Category = (typeof CATEGORIES)[number]

const APPAREL = ["S", "M", "L", "XL"]
const WAIST = ["30", "32", "34", "36"]
const SHOE = ["8", "9", "10", "11", "12"]
const SOCK = ["S", "M", "L"]
const ONE = ["One Size"]

type ProductSpec = {
  code: string
  title: string
  category: Category
  sizes: string[]
  colors: string[]
  usd: number
  description: string
}

/** Thirty products, priced in US dollars; Canadian prices follow from `cadPrice`. */
export const PRODUCTS: ProductSpec[] = [
  { code: "TEE", title: "Organic Crew Tee", category: "Tees", sizes: APPAREL, colors: ["Black", "White", "Heather Grey"], usd: 28, description: "Midweight organic cotton jersey, cut for everyday wear." },
  { code: "PKT", title: "Pocket Tee", category: "Tees", sizes: APPAREL, colors: ["Navy", "Olive"], usd: 32, description: "Slub cotton tee with a chest pocket." },
  { code: "HEN", title: "Long Sleeve Henley", category: "Tees", sizes: APPAREL, colors: ["Oatmeal", "Charcoal"], usd: 48, description: "Waffle-knit henley with a three-button placket." },
  { code: "RUN", title: "Performance Run Tee", category: "Tees", sizes: APPAREL, colors: ["Volt", "Black"], usd: 38, description: "Quick-drying recycled polyester with reflective details." },
  { code: "LKF", title: "Lakefront Graphic Tee", category: "Tees", sizes: APPAREL, colors: ["White"], usd: 34, description: "Screen-printed skyline, printed in Chicago." },
  { code: "HOO", title: "Fleece Pullover Hoodie", category: "Sweaters & Hoodies", sizes: APPAREL, colors: ["Black", "Forest"], usd: 78, description: "Brushed-back fleece hoodie with a kangaroo pocket." },
  { code: "ZIP", title: "Full-Zip Hoodie", category: "Sweaters & Hoodies", sizes: APPAREL, colors: ["Heather Grey"], usd: 88, description: "Heavyweight zip hoodie with metal hardware." },
  { code: "CRW", title: "Crewneck Sweatshirt", category: "Sweaters & Hoodies", sizes: APPAREL, colors: ["Navy", "Oatmeal"], usd: 68, description: "Loopback terry crewneck, garment dyed." },
  { code: "MER", title: "Merino Sweater", category: "Sweaters & Hoodies", sizes: APPAREL, colors: ["Camel", "Navy"], usd: 120, description: "Fine-gauge merino wool crewneck." },
  { code: "DWN", title: "Packable Down Jacket", category: "Jackets", sizes: APPAREL, colors: ["Black", "Red"], usd: 189, description: "650-fill responsibly sourced down, packs into its own pocket." },
  { code: "RAI", title: "Rain Shell", category: "Jackets", sizes: APPAREL, colors: ["Yellow", "Navy"], usd: 149, description: "Seam-sealed waterproof shell with a stowaway hood." },
  { code: "CHR", title: "Waxed Canvas Chore Coat", category: "Jackets", sizes: APPAREL, colors: ["Tan"], usd: 210, description: "Waxed cotton canvas with a corduroy collar." },
  { code: "VST", title: "Fleece Vest", category: "Jackets", sizes: APPAREL, colors: ["Heather Grey"], usd: 85, description: "Recycled polar fleece vest." },
  { code: "CHI", title: "Slim Chino", category: "Pants & Shorts", sizes: WAIST, colors: ["Khaki", "Navy"], usd: 72, description: "Stretch twill chino with a slim leg." },
  { code: "DEN", title: "Selvedge Denim Jean", category: "Pants & Shorts", sizes: WAIST, colors: ["Indigo"], usd: 128, description: "13.5 oz selvedge denim, straight leg." },
  { code: "TRL", title: "Trail Pant", category: "Pants & Shorts", sizes: WAIST, colors: ["Olive"], usd: 95, description: "Ripstop hiking pant with zip pockets." },
  { code: "JOG", title: "Fleece Jogger", category: "Pants & Shorts", sizes: APPAREL, colors: ["Black", "Heather Grey"], usd: 64, description: "Tapered fleece jogger with ribbed cuffs." },
  { code: "SHO", title: "Running Shorts", category: "Pants & Shorts", sizes: APPAREL, colors: ["Black"], usd: 42, description: "5-inch running shorts with a liner." },
  { code: "CRT", title: "Court Sneaker", category: "Footwear", sizes: SHOE, colors: ["White", "Black"], usd: 110, description: "Leather court sneaker with a cupsole." },
  { code: "TRR", title: "Trail Runner", category: "Footwear", sizes: SHOE, colors: ["Grey/Orange"], usd: 145, description: "Lugged outsole and a rock plate for rough trails." },
  { code: "CHB", title: "Chelsea Boot", category: "Footwear", sizes: SHOE, colors: ["Brown"], usd: 220, description: "Suede Chelsea boot with a crepe sole." },
  { code: "SLP", title: "Wool Slipper", category: "Footwear", sizes: SOCK, colors: ["Heather Grey"], usd: 60, description: "Boiled wool slipper with a suede sole." },
  { code: "BNE", title: "Wool Beanie", category: "Accessories", sizes: ONE, colors: ["Black", "Rust", "Navy"], usd: 29, description: "Ribbed merino beanie." },
  { code: "CAP", title: "Six-Panel Cap", category: "Accessories", sizes: ONE, colors: ["Navy", "Khaki"], usd: 32, description: "Washed cotton twill cap." },
  { code: "HSK", title: "Merino Hiking Socks", category: "Accessories", sizes: SOCK, colors: ["Heather Grey"], usd: 22, description: "Cushioned merino hiking socks." },
  { code: "SK3", title: "Everyday Socks 3-Pack", category: "Accessories", sizes: SOCK, colors: ["White", "Black"], usd: 18, description: "Combed cotton crew socks, three pairs." },
  { code: "BLT", title: "Leather Belt", category: "Accessories", sizes: ["32", "34", "36"], colors: ["Brown", "Black"], usd: 58, description: "Full-grain leather belt with a brass buckle." },
  { code: "DAY", title: "Daypack 20L", category: "Accessories", sizes: ONE, colors: ["Black", "Olive"], usd: 98, description: "Water-resistant daypack with a laptop sleeve." },
  { code: "TOT", title: "Canvas Tote", category: "Accessories", sizes: ONE, colors: ["Natural"], usd: 36, description: "Heavy canvas tote with leather handles." },
  { code: "BTL", title: "Insulated Bottle 750 ml", category: "Accessories", sizes: ONE, colors: ["Steel", "Forest"], usd: 34, description: "Double-walled steel bottle, keeps cold for 24 hours." },
]

/** Canadian prices: the US price times 1.35, ending in .00 like the US ones. */
export function cadPrice(usd: number): number {
  return Math.round(usd * 1.35)
}

function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/(^-|-$)/g, "")
}

function colorCode(color: string): string {
  return color
    .split(/[\s/]+/)
    .map((part) => part.slice(0, 3).toUpperCase())
    .join("")
}

export type DemoVariant = {
  sku: string
  barcode: string
  title: string
  size: string
  color: string
  /** position of the size in the product's size run, 0 = smallest */
  sizeIndex: number
  sizeCount: number
}

/**
 * Every variant of a product: one per size and colour, with a SKU a person can
 * read (`NW-TEE-BLA-M`) and an EAN-13 from the GS1 "in-store" prefix 2 range, as
 * retailers do for their own labels. The barcode body encodes product, colour
 * and size positions, so it is stable across runs.
 */
export function variantsOf(product: ProductSpec, productIndex: number): DemoVariant[] {
  return product.colors.flatMap((color, colorIndex) =>
    product.sizes.map((size, sizeIndex) => {
      const body = `20${String(productIndex + 1).padStart(4, "0")}${String(colorIndex).padStart(2, "0")}${String(sizeIndex).padStart(2, "0")}00`
      return {
        sku: ["NW", product.code, colorCode(color), size === "One Size" ? "OS" : size].join("-"),
        barcode: toEan13(body),
        title: product.sizes.length === 1 ? color : `${size} / ${color}`,
        size,
        color,
        sizeIndex,
        sizeCount: product.sizes.length,
      }
    })
  )
}

export function productHandle(product: ProductSpec): string {
  return `nw-${slug(product.title)}`
}

/** A small deterministic hash, so the same SKU always gets the same stock. */
function hash(value: string): number {
  let h = 2166136261
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}

export type StockPlanRow = { sku: string; location: string; quantity: number }

/**
 * How much of each variant sits where. Uneven on purpose, so routing, endless
 * aisle and pickup have something to decide:
 * - the largest size of a size run is stocked at the distribution centre only;
 * - the smallest size is in exactly one shop and nowhere else;
 * - other sizes: the distribution centre holds most, and each shop carries some
 *   (State Street the most, Evanston the least); a few are missing from a shop;
 * - one-size items are everywhere.
 * Only positive quantities are listed: no row means no stock at that location.
 */
export function planStock(products: ProductSpec[], locations: DemoLocation[]): StockPlanRow[] {
  const warehouse = locations.find((l) => l.kind === "warehouse")!
  const shops = locations.filter((l) => l.kind === "shop")
  const shopDepth: Record<string, number> = { state: 9, wicker: 6, evanston: 4 }
  const rows: StockPlanRow[] = []

  products.forEach((product, productIndex) => {
    for (const variant of variantsOf(product, productIndex)) {
      const h = hash(variant.sku)
      const oneSize = variant.sizeCount === 1
      const largest = !oneSize && variant.sizeIndex === variant.sizeCount - 1
      const smallest = !oneSize && variant.sizeIndex === 0

      if (smallest) {
        const shop = shops[(productIndex + variant.sku.length) % shops.length]
        rows.push({ sku: variant.sku, location: shop.key, quantity: 1 + (h % 3) })
        continue
      }
      rows.push({ sku: variant.sku, location: warehouse.key, quantity: 12 + (h % 48) })
      if (largest) {
        continue
      }
      shops.forEach((shop, shopIndex) => {
        const depth = shopDepth[shop.key] ?? 4
        const roll = (h >>> (shopIndex * 4)) % 16
        // About one in eight shop/variant pairs is not carried at all.
        if (!oneSize && roll < 2) {
          return
        }
        rows.push({ sku: variant.sku, location: shop.key, quantity: 1 + (roll % depth) })
      })
    }
  })
  return rows
}
