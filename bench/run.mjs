#!/usr/bin/env node
// pnpm bench [--quick] [--only <sections>] [--out <dir>]
// One run: per-call overhead against raw fetch and peers (loopback and client alone), segment
// counting against Twilio's calculator, the send queue's throughput against a rate-limited
// provider and its cost per job, bundle weight, codegen time, type-check cost. Writes
// RESULTS.md and results.json.
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem, type } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { formatAs } from '../scripts/lib/tools.mjs'
import { OPERATIONS, stubFetch, waysOf } from './lib/calls.mjs'
import { measureCodegen } from './lib/codegen.mjs'
import { loadExamples } from './lib/examples.mjs'
import { timeCalls } from './lib/per-call.mjs'
import { measureQueue } from './lib/queue.mjs'
import { renderResults } from './lib/report.mjs'
import { timeSegments } from './lib/segments.mjs'
import { startServer } from './lib/server.mjs'
import { measureSizes } from './lib/sizes.mjs'
import { judge } from './lib/targets.mjs'
import { measureTypecheck } from './lib/typecheck.mjs'
import { timeWebhooks } from './lib/webhooks.mjs'

const BENCH = dirname(fileURLToPath(import.meta.url))
const ROOT = dirname(BENCH)

const SECTIONS = ['calls', 'segments', 'webhooks', 'queue', 'sizes', 'codegen', 'typecheck']

const USAGE = `usage: pnpm bench [--quick] [--only <sections>] [--out <dir>]

Times every provider operation written every way (raw fetch, undici, openapi-fetch, our
clients, the facade, axios, ky, ofetch) over loopback HTTP and with fetch stubbed, times
countSegments against Twilio's calculator, times webhook verification against one bare
Web Crypto HMAC, runs the send queue at a rate a provider enforces
(in-process, and on Redis with worker processes: needs redis-server), weighs the bundles,
times codegen and the type check, and writes RESULTS.md and results.json.
Expects built packages: \`pnpm bench\` builds first (turbo, cached).

  --quick            a smoke run: one short round, no codegen or type check (numbers not to quote)
  --only <sections>  run only these, comma-separated: ${SECTIONS.join(', ')} @default all
  --out <dir>        where to write the results @default bench/
`

// Each task runs for its time and at least its iterations (tinybench's defaults in a full run:
// 64, after 16 of warm-up); a smoke run only shows that every way works.
const FULL = {
  rounds: 4,
  warmupTime: 50,
  loopbackTime: 300,
  aloneTime: 100,
  segmentsTime: 200,
  iterations: 64,
  warmupIterations: 16,
}
const QUICK = {
  rounds: 1,
  warmupTime: 5,
  loopbackTime: 10,
  aloneTime: 5,
  segmentsTime: 5,
  iterations: 4,
  warmupIterations: 1,
}

function log(line) {
  process.stderr.write(`bench: ${line}\n`)
}

async function timeMode(examples, budget, time, baseFor) {
  const tasks = []
  for (const operation of OPERATIONS) {
    const example = examples.get(operation.example)
    if (!example) throw new Error(`no example answer for ${operation.example}`)
    const { base, fetch } = baseFor(example)
    for (const [way, fn] of waysOf(operation, example, base, fetch)) {
      await fn() // fails fast, before any timing, if a way cannot make the call
      tasks.push({ id: `${operation.name}|${way}`, operation: operation.name, way, fn })
    }
  }
  const stats = await timeCalls(tasks, { ...budget, time })
  return tasks.map(({ id, operation, way }) => {
    const floor = stats.get(`${operation}|fetch`)
    const row = stats.get(id)
    // The median: on a shared machine a few stalls (another process, a GC pause) move a mean
    // far more than they move the typical call.
    return { operation, way, ...row, ratio: row.p50Ms / floor.p50Ms }
  })
}

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string', default: BENCH },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return void process.stdout.write(USAGE)
  const budget = values.quick ? QUICK : FULL
  const only = new Set(values.only === undefined ? SECTIONS : values.only.split(',').map((name) => name.trim()))
  const unknown = [...only].filter((name) => !SECTIONS.includes(name))
  if (unknown.length > 0)
    throw new Error(`--only: no section ${unknown.join(', ')} (the sections: ${SECTIONS.join(', ')})`)
  const started = performance.now()
  const loadBefore = loadavg()[0]

  let calls
  if (only.has('calls')) {
    log('reading the example answers from the specs')
    const examples = await loadExamples(new Set(OPERATIONS.map((operation) => operation.example)))
    const server = await startServer([...examples.values()])
    calls = {}
    try {
      log(`loopback calls against ${server.url}`)
      calls.loopback = await timeMode(examples, budget, budget.loopbackTime, () => ({ base: server.url }))
      log('client-alone calls (fetch stubbed)')
      calls.clientAlone = await timeMode(examples, budget, budget.aloneTime, (example) => ({
        base: 'http://api.invalid',
        fetch: stubFetch(example),
      }))
    } finally {
      await server.close()
    }
  }

  let segments
  if (only.has('segments')) {
    log('segment counting against sms-segments-calculator')
    segments = await timeSegments({ ...budget, time: budget.segmentsTime })
  }
  let webhooks
  if (only.has('webhooks')) {
    log('webhook verification against one bare Web Crypto HMAC')
    webhooks = await timeWebhooks({ ...budget, time: budget.segmentsTime })
  }
  let queue
  if (only.has('queue')) {
    log(
      values.quick
        ? 'send queue (100 sends at 200/s)'
        : 'send queue (2,000 sends at 100/s, in-process and on Redis with 4 workers)',
    )
    queue = await measureQueue({ quick: values.quick })
  }
  let sizes
  if (only.has('sizes')) {
    log('bundle weight')
    sizes = await measureSizes(BENCH)
  }
  let codegen
  let typecheck
  if (!values.quick && only.has('codegen')) {
    log('codegen (pnpm generate --force, then a cache hit)')
    codegen = measureCodegen(ROOT)
  }
  if (!values.quick && only.has('typecheck')) {
    log('type-check cost')
    typecheck = measureTypecheck(BENCH)
  }

  const results = {
    date: new Date().toISOString(),
    quick: values.quick,
    machine: {
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 1e9),
      os: `${type()} ${release()}`,
      node: process.versions.node,
      loadBefore,
      loadAfter: loadavg()[0],
    },
    budget,
    ...(values.only === undefined ? {} : { only: [...only] }),
    ...(calls ? { calls } : {}),
    ...(segments ? { segments } : {}),
    ...(webhooks ? { webhooks } : {}),
    ...(queue ? { queue } : {}),
    ...(sizes ? { sizes } : {}),
    ...(codegen ? { codegen } : {}),
    ...(typecheck ? { typecheck } : {}),
  }
  const verdicts = judge(results)
  mkdirSync(values.out, { recursive: true })
  // Formatted as the repository's lint wants them, so that a new run can be committed as it is.
  writeFileSync(
    join(values.out, 'results.json'),
    formatAs('bench/results.json', `${JSON.stringify({ ...results, verdicts }, null, 2)}\n`),
  )
  writeFileSync(join(values.out, 'RESULTS.md'), formatAs('bench/RESULTS.md', renderResults(results, verdicts)))
  for (const verdict of verdicts) log(`${verdict.met ? 'met    ' : 'MISSED '} ${verdict.target}: ${verdict.detail}`)
  log(
    `wrote ${relative(process.cwd(), join(values.out, 'RESULTS.md')) || 'RESULTS.md'} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  )
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack}\n`)
  process.exitCode = 1
})
