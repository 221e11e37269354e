#!/usr/bin/env node
// Prints "N passed, N failed" from vitest's JSON report (the runner's own counts). A test file
// that failed without a failing test (it did not load, say) counts as one failure, so a broken
// file can never read as green. Exits 1 when anything failed or the report is missing.
// Before that line, the slow-test guard: each file's time (reports/test-times.json, written by
// test/support/file-times-reporter.mjs) against its budget (test/time-budgets.json). A file over
// its budget is named; one over three times its budget is named with its time and fails the run.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { checkTimes, FAIL_FACTOR, loadBudgets, verdictLines } from './test-budgets.mjs'

const file = process.argv[2] ?? 'reports/vitest.json'
const timesFile = process.argv[3] ?? join(dirname(file), 'test-times.json')
const budgetsFile = process.argv[4]
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

let tooSlow = 0
if (existsSync(timesFile)) {
  const checked = checkTimes(JSON.parse(readFileSync(timesFile, 'utf8')).files, loadBudgets(budgetsFile))
  tooSlow = checked.filter(({ verdict }) => verdict === 'failed').length
  const lines = verdictLines(checked)
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`)
  if (tooSlow > 0) process.stdout.write(`${tooSlow} test file(s) over ${FAIL_FACTOR}× their time budget\n`)
} else {
  process.stdout.write(`no test times at ${timesFile}: the slow-test guard could not check the run\n`)
  tooSlow = 1
}
// A skipped test is never silent: the older-Node consumer runs skip on a machine without one.
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
if (skipped > 0) process.stdout.write(`${skipped} skipped (see the test output for why)\n`)
process.stdout.write(`${passed} passed, ${failed} failed\n`)
process.exit(failed === 0 && tooSlow === 0 && report.success !== false ? 0 : 1)
