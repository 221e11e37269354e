// bench/RESULTS.md from a run's results: machine, the ratio tables, segment counting, details,
// sizes, codegen, type-check cost, and each target's verdict. A section that did not run
// (--only) is left out.
import { kB } from './targets.mjs'

const us = (ms) => (ms * 1000).toFixed(1)
const WAYS = ['fetch', 'undici request', 'openapi-fetch (bare)', 'provider client', 'facade', 'axios', 'ky', 'ofetch']

/** The ratio table of one mode: a row per way, a column per operation, time per call ÷ raw fetch's. */
export function ratioTable(calls) {
  const operations = [...new Set(calls.map((row) => row.operation))]
  const lines = [`| × raw fetch | ${operations.join(' | ')} |`, `| --- | ${operations.map(() => '---:').join(' | ')} |`]
  for (const way of WAYS) {
    const cells = operations.map((operation) => {
      const row = calls.find((candidate) => candidate.operation === operation && candidate.way === way)
      return row ? `${row.ratio.toFixed(2)}×` : '–'
    })
    if (cells.some((cell) => cell !== '–')) lines.push(`| ${label(way)} | ${cells.join(' | ')} |`)
  }
  return lines.join('\n')
}

function label(way) {
  if (way === 'provider client') return '`@textbridge/<provider>` client'
  if (way === 'facade') return '`textbridge` facade'
  if (way === 'fetch') return 'raw `fetch` (floor)'
  return way
}

function detailTable(calls) {
  const lines = [
    '| operation | way | ops/s | p50 µs | p99 µs | × raw fetch (p50) | samples |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const row of calls) {
    lines.push(
      `| ${row.operation} | ${label(row.way)} | ${Math.round(row.opsPerSecond).toLocaleString('en-US')} | ${us(row.p50Ms)} | ${us(row.p99Ms)} | ${row.ratio.toFixed(3)} | ${row.samples} |`,
    )
  }
  return lines.join('\n')
}

export function renderResults(results, verdicts) {
  const { machine, budget } = results
  const out = []
  out.push('# Benchmark results')
  out.push('')
  out.push(
    `Written by \`pnpm bench\`${results.quick ? ' --quick (a smoke run: too short to quote)' : ''} on ${results.date}. ` +
      'Every number below comes from this one run; the JSON is `results.json` beside this file.',
  )
  out.push('')
  out.push(`- Machine: ${machine.cpu} × ${machine.cores}, ${machine.memoryGb} GB, ${machine.os}`)
  out.push(`- Node ${machine.node}`)
  out.push(`- Load (1-minute average): ${machine.loadBefore.toFixed(2)} before, ${machine.loadAfter.toFixed(2)} after`)
  if (results.only) out.push(`- Sections run (--only): ${results.only.join(', ')}`)
  if (results.calls)
    out.push(
      `- Per call: tinybench, ${budget.rounds} interleaved rounds (order rotated), each task ${budget.warmupTime} ms warm-up then ` +
        `${budget.loopbackTime} ms (loopback) or ${budget.aloneTime} ms (client alone) per round, and at least ` +
        `${budget.iterations} calls after ${budget.warmupIterations} of warm-up; samples merged across rounds. ` +
        'Ratios compare medians (p50): on a shared machine a few stalls move a mean far more than the typical call; ops/s is the mean.',
    )
  out.push('')
  out.push('## Targets')
  out.push('')
  out.push('| target | verdict | numbers |')
  out.push('| --- | --- | --- |')
  for (const verdict of verdicts)
    out.push(`| ${verdict.target} | ${verdict.met ? 'met' : '**missed**'} | ${verdict.detail} |`)
  out.push('')
  if (results.calls) {
    out.push("## Per call: median time ÷ raw fetch's (same run, lower is better)")
    out.push('')
    out.push(
      '**Loopback**: real HTTP to a node:http server on 127.0.0.1 (in a worker thread) that answers each operation ' +
        "with the example response of the provider's spec, the same bytes every time.",
    )
    out.push('')
    out.push(ratioTable(results.calls.loopback))
    out.push('')
    out.push(
      "**Client alone**: `fetch` replaced by a function that returns a ready `Response` with those bytes, so only the library's " +
        'own work is timed (raw fetch is then the stub plus `response.json()`). undici `request` takes no fetch, so it is loopback only.',
    )
    out.push('')
    out.push(ratioTable(results.calls.clientAlone))
    out.push('')
    out.push(
      'Every way sends the same request and reads the answer as JSON. `openapi-fetch (bare)` is `createClient()` from ' +
        'openapi-fetch with no types and no wrapper; the provider client is ours (openapi-fetch with the options checked once); ' +
        "the facade checks the input, maps it to the provider's request, and normalizes the answer into a `Message`. " +
        "quo list is one page (the facade stops at the example page's length).",
    )
    out.push('')
  }
  if (results.segments) out.push(...segmentsSection(results.segments, results.budget))
  if (results.webhooks) out.push(...webhooksSection(results.webhooks, results.budget))
  if (results.queue) out.push(...queueSection(results.queue))
  if (results.sizes) {
    out.push('## Bundle weight (esbuild, browser, minified + gzip -9)')
    out.push('')
    out.push('| entry | minified | min + gzip |')
    out.push('| --- | ---: | ---: |')
    for (const entry of results.sizes)
      out.push(`| \`${entry.name}\` | ${kB(entry.minifiedBytes)} | ${kB(entry.gzipBytes)} |`)
    out.push('')
    out.push('Our entries include their dependencies (openapi-fetch, and the provider package under the facade).')
    out.push('')
  }
  if (results.codegen) {
    const { codegen } = results
    out.push('## Codegen')
    out.push('')
    out.push(`Median of ${codegen.repeats} runs, wall time of the whole command.`)
    out.push('')
    out.push('| command | time |')
    out.push('| --- | ---: |')
    out.push(
      `| \`pnpm generate --force\` (cold: every spec regenerated, turbo cache bypassed) | ${(codegen.coldMs / 1000).toFixed(2)} s |`,
    )
    out.push(`| \`pnpm generate\` right after (turbo cache hit) | ${(codegen.cacheHitMs / 1000).toFixed(2)} s |`)
    out.push(
      `| \`node scripts/generate.mjs\` (the generator alone, no turbo) | ${(codegen.generatorOnlyMs / 1000).toFixed(2)} s |`,
    )
    out.push('')
  }
  if (results.typecheck) {
    const { consumer, baseline } = results.typecheck
    out.push('## Type-check cost')
    out.push('')
    out.push(
      '`tsc --extendedDiagnostics` on `bench/typecheck/consumer.ts` (every provider client operation and every facade method), ' +
        'next to an empty file with the same settings.',
    )
    out.push('')
    out.push('| file | files | types | instantiations | check time | total time |')
    out.push('| --- | ---: | ---: | ---: | ---: | ---: |')
    for (const [name, d] of [
      ['consumer.ts', consumer],
      ['baseline.ts (empty)', baseline],
    ]) {
      out.push(
        `| ${name} | ${d.files} | ${d.types} | ${d.instantiations} | ${d.checkTimeMs} ms | ${d.totalTimeMs} ms |`,
      )
    }
    out.push('')
    if (results.typecheck.perPackage) {
      out.push(
        "Per package, a consumer that calls every operation of the package's spec once (its sample request), " +
          'written for the run and removed after it (goal for Quo: under 1 s and 50k instantiations).',
      )
      out.push('')
      out.push('| package | operations | instantiations | check time | total time |')
      out.push('| --- | ---: | ---: | ---: | ---: |')
      for (const [provider, d] of Object.entries(results.typecheck.perPackage)) {
        out.push(
          `| \`@textbridge/${provider}\` | ${d.operations} | ${d.instantiations} | ${d.checkTimeMs} ms | ${d.totalTimeMs} ms |`,
        )
      }
      out.push('')
      for (const [provider, d] of Object.entries(results.typecheck.perPackage)) {
        if (d.typeErrors) {
          out.push(
            `\`@textbridge/${provider}\`: its consumer does not compile (${d.typeErrors} errors; the spec's own sample ` +
              `request breaks its generated types), first: \`${d.firstTypeError}\``,
          )
          out.push('')
        }
      }
    }
  }
  if (results.calls) {
    out.push('## Per call, in detail')
    out.push('')
    out.push('### Loopback')
    out.push('')
    out.push(detailTable(results.calls.loopback))
    out.push('')
    out.push('### Client alone')
    out.push('')
    out.push(detailTable(results.calls.clientAlone))
    out.push('')
  }
  return out.join('\n')
}

/** The send queue: throughput as a share of the rate a provider enforces, and the cost per job. */
function queueSection({ throughput, overhead }) {
  const lines = [
    '## Send queue (`textbridge/queue`)',
    '',
    'Quo sends against a local provider that enforces the configured rate (a token bucket: up to the rate at once, ' +
      'refilled at the rate; 429 with Retry-After past it). Time runs from `addBulk` to `drained()`, adding (and validating) ' +
      'the jobs included. The floor is sends ÷ rate; share of the limit is floor ÷ time (1.00 = exactly at the limit). The Redis store runs BullMQ workers in their own processes against one redis-server.',
    '',
    '| store | workers | sends | rate | time | of which adding | first to last text taken | floor | share of limit | 429s | sent | taken twice | load avg |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const r of throughput) {
    lines.push(
      `| ${r.store} | ${r.workers} | ${r.sends.toLocaleString('en-US')} | ${r.rate}/s | ${r.seconds.toFixed(2)} s | ` +
        `${r.addSeconds.toFixed(2)} s | ${r.takenSeconds.toFixed(2)} s | ` +
        `${r.floorSeconds.toFixed(2)} s | ${r.shareOfLimit.toFixed(3)} | ${r.rejected429} | ${r.sent} | ${r.takenTwice} | ${r.loadAverage.toFixed(1)} |`,
    )
  }
  lines.push('')
  lines.push(
    `Queue overhead per job, in-process store (${overhead.jobs.toLocaleString('en-US')} Quo sends, fetch stubbed, concurrency 1, ` +
      `validation at add included): ${overhead.overheadUsPerJob.toFixed(0)} µs ` +
      `(${overhead.queuedMsPerJob.toFixed(3)} ms a job through the queue, ${overhead.directMsPerJob.toFixed(3)} ms a direct send).`,
  )
  lines.push('')
  return lines
}

/** Segment counting: a row per text, throughput of each way, and how many times faster we are. */
function webhooksSection(rows, budget) {
  const lines = [
    '## Webhook verification: verifications a second, against one bare Web Crypto HMAC',
    '',
    `One signed delivery (JSON, about 400 bytes) to each verifier, and to one HMAC-SHA256 of the same body with \`crypto.subtle\` ` +
      `(key import and sign: the least a verifier does); tinybench, ${budget.rounds} interleaved rounds of ${budget.segmentsTime} ms a task.`,
    '',
    "| verifier | verifications/s | × the bare HMAC's time (p50) |",
    '| --- | ---: | ---: |',
  ]
  for (const row of rows) {
    lines.push(`| ${row.way} | ${Math.round(1000 / row.p50Ms).toLocaleString('en-US')} | ${row.ratio.toFixed(2)}× |`)
  }
  lines.push('')
  return lines
}

function segmentsSection(rows, budget) {
  const texts = [...new Set(rows.map((row) => row.text))]
  const of = (text, way) => rows.find((row) => row.text === text && row.way === way)
  const ops = (row) => Math.round(1000 / row.p50Ms).toLocaleString('en-US')
  const lines = [
    '## Segment counting: `countSegments` against `sms-segments-calculator`',
    '',
    `The same text to each (\`countSegments(text)\` from \`textbridge/segments\`, \`new SegmentedMessage(text)\` from Twilio's calculator), ` +
      `which must agree on its encoding and segments before it is timed; tinybench, ${budget.rounds} interleaved rounds of ` +
      `${budget.segmentsTime} ms a task. Calls a second from the median time of a call.`,
    '',
    '| text | `countSegments` calls/s | `sms-segments-calculator` calls/s | × faster (p50) |',
    '| --- | ---: | ---: | ---: |',
  ]
  for (const text of texts) {
    const ours = of(text, 'countSegments')
    const theirs = of(text, 'sms-segments-calculator')
    lines.push(`| ${text} | ${ops(ours)} | ${ops(theirs)} | ${ours.ratio.toFixed(1)}× |`)
  }
  lines.push('')
  return lines
}
