// A vitest reporter: at the end of a run, writes each test file's time to reports/test-times.json
// and prints the ten slowest files against their budgets (test/time-budgets.json). It never fails
// the run: CI's guard (scripts/test-summary.mjs) reads the file and decides.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import { checkTimes, loadBudgets, ROOT, slowestLines, TIMES_FILE, verdictLines } from '../../scripts/test-budgets.mjs'

/** A file's whole time in its worker: environment, harness, imports, setup files, hooks and tests. */
export function secondsOf(diagnostic) {
  const { environmentSetupDuration, prepareDuration, collectDuration, setupDuration, duration } = diagnostic
  return (environmentSetupDuration + prepareDuration + collectDuration + setupDuration + duration) / 1000
}

export default class FileTimesReporter {
  onInit(vitest) {
    this.logger = vitest.logger
  }

  onTestRunEnd(testModules) {
    const times = testModules
      .filter((module) => module.state() !== 'skipped' && module.state() !== 'pending')
      .map((module) => ({
        file: relative(ROOT, module.moduleId),
        project: module.project.name,
        seconds: Math.round(secondsOf(module.diagnostic()) * 1000) / 1000,
      }))
    if (times.length === 0) return
    mkdirSync(dirname(TIMES_FILE), { recursive: true })
    writeFileSync(TIMES_FILE, `${JSON.stringify({ files: times }, null, 2)}\n`)
    const checked = checkTimes(times, loadBudgets())
    const lines = [...slowestLines(checked), ...verdictLines(checked)]
    this.logger.log(`\n${lines.join('\n')}\n`)
  }
}
