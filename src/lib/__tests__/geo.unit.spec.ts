import { distanceKm } from "../geo"

describe("distanceKm", () => {
  it.each([
    // State Street → Evanston, about 18 km; Chicago → New York, about 1,145 km.
    [{ latitude: 41.8836, longitude: -87.6278 }, { latitude: 42.0464, longitude: -87.6816 }, 18.6],
    [{ latitude: 41.8781, longitude: -87.6298 }, { latitude: 40.7128, longitude: -74.006 }, 1144.3],
    [{ latitude: 10, longitude: 10 }, { latitude: 10, longitude: 10 }, 0],
  ])("from %j to %j is %p km", (a, b, km) => {
    expect(distanceKm(a, b)).toBeCloseTo(km, 0)
  })
})
