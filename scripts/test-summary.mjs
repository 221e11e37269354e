#!/usr/bin/env node
// Prints "N passed, N failed" from vitest's JSON report (the runner's own counts). A test file
// that failed without a failing test (it did not load, say) counts as one failure, so a broken
// file can never read as green. Exits 1 when anything failed or the report is missing.
import { existsSync, readFileSync } from 'node:fs'

const file = process.argv[2] ?? 'reports/vitest.json'
if (!existsSync(file)) {
  process.stderr.write(`no test report at ${file}: the test run did not finish\n`)
  process.stdout.write('0 passed, 0 failed\n')
  process.exit(1)
}
const report = JSON.parse(readFileSync(file, 'utf8'))
const brokenFiles = (report.testResults ?? []).filter(
  (result) => result.status === 'failed' && !(result.assertionResults ?? []).some((test) => test.status === 'failed'),
).length
const passed = report.numPassedTests ?? 0
const failed = (report.numFailedTests ?? 0) + brokenFiles
// A skipped test is never silent: the older-Node consumer runs skip on a machine without one.
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
if (skipped > 0) process.stdout.write(`${skipped} skipped (see the test output for why)\n`)
process.stdout.write(`${passed} passed, ${failed} failed\n`)
process.exit(failed === 0 && report.success !== false ? 0 : 1)
