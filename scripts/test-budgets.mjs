// Time budgets of the test files (test/time-budgets.json): what the slowest-files report, the
// longest-first sequencer and CI's guard read. A budget is a file's whole time in its worker
// (start-up, imports, hooks and tests), in seconds, generous enough for a loaded 2-core machine:
// over it, CI names the file; over three times it, CI fails. No test asserts on time itself.
// Plain JavaScript with no dependencies: scripts/test-summary.mjs runs it on a bare Node.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
export const BUDGETS_FILE = join(ROOT, 'test', 'time-budgets.json')
/** Where the reporter writes each file's time, beside vitest's own JSON report. */
export const TIMES_FILE = join(ROOT, 'reports', 'test-times.json')
/** Over this many times its budget, a file fails CI. */
export const FAIL_FACTOR = 3

/**
 * Reads and checks a budgets file: `{ "defaultSeconds": n, "files": { "<path from the root>": n } }`.
 * @returns {{ defaultSeconds: number, files: Record<string, number> }}
 */
export function loadBudgets(file = BUDGETS_FILE) {
  const budgets = JSON.parse(readFileSync(file, 'utf8'))
  const positive = (value) => typeof value === 'number' && Number.isFinite(value) && value > 0
  if (!positive(budgets.defaultSeconds)) throw new Error(`${file}: "defaultSeconds" must be a positive number`)
  for (const [path, seconds] of Object.entries(budgets.files ?? {})) {
    if (!positive(seconds)) throw new Error(`${file}: the budget of ${path} must be a positive number of seconds`)
    if (!existsSync(join(ROOT, path))) throw new Error(`${file}: ${path} is not a file of the repository`)
  }
  return { defaultSeconds: budgets.defaultSeconds, files: budgets.files ?? {} }
}

/** The budget of one file (its path from the repository root), in seconds. */
export const budgetOf = (budgets, path) => budgets.files[path] ?? budgets.defaultSeconds

/**
 * Each file against its budget. `times`: [{ file, seconds }]. Returns every file with its budget
 * and verdict ('ok', 'over' its budget, 'failed' over FAIL_FACTOR times it), slowest first.
 */
export function checkTimes(times, budgets) {
  return times
    .map(({ file, seconds }) => {
      const budget = budgetOf(budgets, file)
      const verdict = seconds > budget * FAIL_FACTOR ? 'failed' : seconds > budget ? 'over' : 'ok'
      return { file, seconds, budget, verdict }
    })
    .sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file))
}

const seconds = (value) => `${value.toFixed(1)} s`

/** The ten slowest files with their budgets, as the reporter prints them after a run. */
export function slowestLines(checked, count = 10) {
  const shown = checked.slice(0, count)
  const width = Math.max(0, ...shown.map(({ file }) => file.length))
  const lines = [`slowest test files (${shown.length} of ${checked.length}; budgets in test/time-budgets.json):`]
  for (const { file, seconds: time, budget, verdict } of shown) {
    const flag = verdict === 'ok' ? '' : verdict === 'over' ? '  OVER BUDGET' : `  OVER ${FAIL_FACTOR}× BUDGET`
    lines.push(`  ${seconds(time).padStart(8)}  ${file.padEnd(width)}  (budget ${seconds(budget)})${flag}`)
  }
  return lines
}

/** A line for each file over its budget ("slow: …") or over FAIL_FACTOR times it ("too slow: …"). */
export function verdictLines(checked) {
  const lines = []
  for (const { file, seconds: time, budget, verdict } of checked) {
    if (verdict === 'over') lines.push(`slow: ${file} took ${seconds(time)}, over its budget of ${seconds(budget)}`)
    if (verdict === 'failed')
      lines.push(
        `too slow: ${file} took ${seconds(time)}, over ${FAIL_FACTOR}× its budget of ${seconds(budget)} ` +
          '(make it faster, or raise its budget in test/time-budgets.json and say why)',
      )
  }
  return lines
}
