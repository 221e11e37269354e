#!/usr/bin/env node
// node --cpu-prof bench/profile-call.mjs [operation] [way] [calls]
// Runs one way of one operation in the client-alone mode in a tight loop, for a CPU profile
// of the library's own work (no timing, no network).
import { OPERATIONS, stubFetch, waysOf } from './lib/calls.mjs'
import { loadExamples } from './lib/examples.mjs'

const [operationName = 'quo send', wayName = 'facade', count = '100000'] = process.argv.slice(2)
const operation = OPERATIONS.find((candidate) => candidate.name === operationName)
if (!operation) throw new Error(`no operation "${operationName}": ${OPERATIONS.map((o) => o.name).join(', ')}`)
const example = (await loadExamples(new Set([operation.example]))).get(operation.example)
const way = waysOf(operation, example, 'http://api.invalid', stubFetch(example)).find(([name]) => name === wayName)
if (!way) throw new Error(`no way "${wayName}"`)
const started = performance.now()
for (let i = 0; i < Number(count); i++) await way[1]()
const ms = performance.now() - started
process.stdout.write(`${operationName} / ${wayName}: ${((ms * 1000) / Number(count)).toFixed(2)} µs per call\n`)
