// The targets of the bench, each judged on numbers from the same run. A verdict is never
// adjusted here: a miss is reported with its number. A section that did not run (--only)
// has no verdicts.

const SENDS = ['quo send', 'signalwire send', 'textus send']

const list = (items) => items.map(([name, value]) => `${name} ${value}`).join(', ')

/** @returns {{ target: string, met: boolean, detail: string }[]} */
export function judge(results) {
  const verdicts = []
  if (results.calls) verdicts.push(...judgeCalls(results.calls))
  if (results.segments) {
    const ratios = results.segments.filter((row) => row.way === 'countSegments').map((row) => [row.text, row.ratio])
    verdicts.push({
      target: 'segments: countSegments ≥ 10× the throughput of sms-segments-calculator (160 and 1,600 characters)',
      met: ratios.every(([, value]) => value >= 10),
      detail: list(ratios.map(([name, value]) => [name, `${value.toFixed(1)}×`])),
    })
  }
  if (results.queue) {
    const runs = results.queue.throughput
    verdicts.push({
      target: 'queue: every store within 3% of the rate floor (share of limit ≥ 0.97) with 0 429s and no text twice',
      met: runs.every((r) => r.shareOfLimit >= 0.97 && r.rejected429 === 0 && r.takenTwice === 0 && r.sent === r.sends),
      detail: list(
        runs.map((r) => [
          `${r.store} (${r.workers} worker${r.workers > 1 ? 's' : ''})`,
          `${r.shareOfLimit.toFixed(3)}, ${r.rejected429} 429s`,
        ]),
      ),
    })
  }
  if (results.sizes) {
    const facades = results.sizes.filter((entry) => entry.facade)
    verdicts.push({
      target: 'one provider + facade ≤ 8 kB min+gz',
      met: facades.every((entry) => entry.gzipBytes <= 8000),
      detail: list(facades.map((entry) => [entry.name, kB(entry.gzipBytes)])),
    })
  }
  if (results.codegen) {
    verdicts.push({
      target: 'regenerate all specs ≤ 1.5 s cold',
      met: results.codegen.coldMs <= 1500,
      detail: `pnpm generate --force: ${(results.codegen.coldMs / 1000).toFixed(2)} s (the generator alone: ${(results.codegen.generatorOnlyMs / 1000).toFixed(2)} s)`,
    })
    verdicts.push({
      target: 'turbo cache hit ≤ 0.3 s',
      met: results.codegen.cacheHitMs <= 300,
      detail: `pnpm generate, all cached: ${(results.codegen.cacheHitMs / 1000).toFixed(2)} s`,
    })
  }
  return verdicts
}

/** The per-call targets, from the loopback and client-alone tables. */
function judgeCalls(calls) {
  const verdicts = []
  const loop = calls.loopback
  const alone = calls.clientAlone
  // Ratios of median time per call, like the tables.
  const p50 = (rows, operation, way) => rows.find((row) => row.operation === operation && row.way === way)?.p50Ms
  const ratio = (rows, operation, way, base = 'fetch') => p50(rows, operation, way) / p50(rows, operation, base)
  const operations = [...new Set(loop.map((row) => row.operation))]
  const sends = SENDS.filter((operation) => operations.includes(operation))

  const clientRatios = operations.map((operation) => [operation, ratio(loop, operation, 'provider client')])
  verdicts.push({
    target: 'loopback: provider client ≤ 1.05× raw fetch',
    met: clientRatios.every(([, value]) => value <= 1.05),
    detail: list(clientRatios.map(([name, value]) => [name, `${value.toFixed(3)}×`])),
  })
  const facadeRatios = sends.map((operation) => [operation, ratio(loop, operation, 'facade')])
  verdicts.push({
    target: 'loopback: facade send ≤ 1.10× raw fetch',
    met: facadeRatios.every(([, value]) => value <= 1.1),
    detail: list(facadeRatios.map(([name, value]) => [name, `${value.toFixed(3)}×`])),
  })
  const versusAxios = [
    ...operations.map((operation) => [`${operation} client`, ratio(loop, operation, 'provider client', 'axios')]),
    ...sends.map((operation) => [`${operation} facade`, ratio(loop, operation, 'facade', 'axios')]),
  ]
  verdicts.push({
    target: 'loopback: provider client and facade send faster than axios',
    met: versusAxios.every(([, value]) => value < 1),
    detail: `time as a share of axios's: ${list(versusAxios.map(([name, value]) => [name, `${value.toFixed(3)}×`]))}`,
  })
  const facadeVsBare = sends.map((operation) => [operation, ratio(alone, operation, 'facade', 'openapi-fetch (bare)')])
  verdicts.push({
    target: 'client alone: facade send ≤ 2× a bare openapi-fetch call',
    met: facadeVsBare.every(([, value]) => value <= 2),
    detail: list(facadeVsBare.map(([name, value]) => [name, `${value.toFixed(2)}×`])),
  })
  const aloneVsAxios = sends.map((operation) => [operation, ratio(alone, operation, 'facade', 'axios')])
  verdicts.push({
    target: 'client alone: facade send faster than axios',
    met: aloneVsAxios.every(([, value]) => value < 1),
    detail: `time as a share of axios's: ${list(aloneVsAxios.map(([name, value]) => [name, `${value.toFixed(2)}×`]))}`,
  })
  return verdicts
}

export function kB(bytes) {
  return `${(bytes / 1000).toFixed(2)} kB`
}
