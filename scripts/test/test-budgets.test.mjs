import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { BaseSequencer } from 'vitest/node'
import { secondsOf } from '../../test/support/file-times-reporter.mjs'
import LongestFirstSequencer from '../../test/support/longest-first-sequencer.mjs'
import { BUDGETS_FILE, budgetOf, checkTimes, loadBudgets, ROOT, slowestLines, verdictLines } from '../test-budgets.mjs'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'test-budgets-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const budgets = {
  defaultSeconds: 10,
  files: { 'scripts/test/new-provider.test.mjs': 60, 'scripts/test/bench.test.mjs': 5 },
}
const write = (name, value) => {
  const path = join(dir, name)
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value))
  return path
}

describe('time budgets of the test files', () => {
  it('gives a file its own budget, and the default to every other', () => {
    expect(budgetOf(budgets, 'scripts/test/new-provider.test.mjs')).toBe(60)
    expect(budgetOf(budgets, 'packages/quo/test/unit/create-quo-client.test.ts')).toBe(10)
  })

  it('calls a file within its budget ok, over it over, and over three times it failed, slowest first', () => {
    const checked = checkTimes(
      [
        { file: 'a.test.ts', seconds: 9.9 },
        { file: 'scripts/test/new-provider.test.mjs', seconds: 61 },
        { file: 'scripts/test/bench.test.mjs', seconds: 15.1 },
        { file: 'b.test.ts', seconds: 30 },
      ],
      budgets,
    )
    expect(checked.map(({ file, verdict }) => [file, verdict])).toEqual([
      ['scripts/test/new-provider.test.mjs', 'over'],
      ['b.test.ts', 'over'],
      ['scripts/test/bench.test.mjs', 'failed'],
      ['a.test.ts', 'ok'],
    ])
    expect(verdictLines(checked)).toEqual([
      'slow: scripts/test/new-provider.test.mjs took 61.0 s, over its budget of 60.0 s',
      'slow: b.test.ts took 30.0 s, over its budget of 10.0 s',
      expect.stringMatching(/^too slow: scripts\/test\/bench\.test\.mjs took 15\.1 s, over 3× its budget of 5\.0 s/),
    ])
  })

  it('lists at most the ten slowest files, each with its budget', () => {
    const times = Array.from({ length: 12 }, (_, index) => ({ file: `f${index}.test.ts`, seconds: index }))
    const lines = slowestLines(checkTimes(times, budgets))
    expect(lines).toHaveLength(11)
    expect(lines[0]).toBe('slowest test files (10 of 12; budgets in test/time-budgets.json):')
    expect(lines[1]).toMatch(/^ +11\.0 s {2}f11\.test\.ts +\(budget 10\.0 s\) {2}OVER BUDGET$/)
    expect(lines.at(-1)).toMatch(/^ +2\.0 s {2}f2\.test\.ts +\(budget 10\.0 s\)$/)
  })

  it("refuses a budgets file without a default, with a budget that is not a number, or naming a file that isn't there", () => {
    expect(() => loadBudgets(write('no-default.json', { files: {} }))).toThrow(/"defaultSeconds" must be a positive/)
    expect(() =>
      loadBudgets(write('zero.json', { defaultSeconds: 5, files: { 'scripts/test/bench.test.mjs': 0 } })),
    ).toThrow(/the budget of scripts\/test\/bench\.test\.mjs must be a positive number/)
    expect(() => loadBudgets(write('gone.json', { defaultSeconds: 5, files: { 'gone.test.ts': 3 } }))).toThrow(
      /gone\.test\.ts is not a file of the repository/,
    )
  })

  it("the repository's own budgets file is valid and names only files that exist", () => {
    const own = loadBudgets(BUDGETS_FILE)
    expect(own.defaultSeconds).toBeGreaterThan(0)
    expect(Object.keys(own.files).length).toBeGreaterThan(0)
  })

  it("counts a file's whole time in its worker: environment, harness, imports, setup, hooks and tests", () => {
    const diagnostic = {
      environmentSetupDuration: 100,
      prepareDuration: 200,
      collectDuration: 300,
      setupDuration: 400,
      duration: 1000,
    }
    expect(secondsOf(diagnostic)).toBe(2)
  })

  it('starts the files with the largest budgets first, whatever their project', async () => {
    const project = (name) => ({ name, config: { sequence: { groupOrder: 0 }, isolate: true } })
    const spec = (path, name) => ({ moduleId: join(ROOT, path), project: project(name) })
    const specs = [
      spec('packages/quo/test/unit/create-quo-client.test.ts', 'quo'),
      spec('scripts/test/bench.test.mjs', 'scripts'),
      spec('packages/mock-server/test/unit/processes.test.ts', 'mock-server'),
      spec('scripts/test/new-provider.test.mjs', 'scripts'),
    ]
    const ctx = { config: { root: ROOT }, cache: { getTestSpecificationResult: () => undefined } }
    const sorted = await new LongestFirstSequencer(ctx).sort(specs)
    const own = loadBudgets()
    const order = sorted.map((s) => budgetOf(own, s.moduleId.slice(ROOT.length + 1)))
    expect(order).toEqual([...order].sort((a, b) => b - a))
    expect(sorted[0]?.moduleId).toBe(join(ROOT, 'scripts/test/new-provider.test.mjs'))
    expect(new LongestFirstSequencer(ctx)).toBeInstanceOf(BaseSequencer)
  })
})

describe('node scripts/test-summary.mjs (the last step of .ci/run)', () => {
  const report = (overrides = {}) =>
    write(`report-${Math.random()}.json`, {
      numPassedTests: 7,
      numFailedTests: 0,
      numPendingTests: 0,
      success: true,
      testResults: [],
      ...overrides,
    })
  const summary = async (args) => {
    try {
      const { stdout } = await run(process.execPath, [join(ROOT, 'scripts', 'test-summary.mjs'), ...args])
      return { status: 0, stdout }
    } catch (error) {
      return { status: error.code, stdout: error.stdout }
    }
  }
  const budgetsFile = write('budgets.json', budgets)

  it('ends with the count alone on the last line, and passes when every file is within three times its budget', async () => {
    const times = write('times-ok.json', {
      files: [
        { file: 'scripts/test/new-provider.test.mjs', seconds: 70 },
        { file: 'a.test.ts', seconds: 1 },
      ],
    })
    const { status, stdout } = await summary([report(), times, budgetsFile])
    expect(stdout.split('\n')).toEqual([
      'slow: scripts/test/new-provider.test.mjs took 70.0 s, over its budget of 60.0 s',
      '7 passed, 0 failed',
      '',
    ])
    expect(status).toBe(0)
  })

  it('fails, naming the file and its time, when one took over three times its budget', async () => {
    const times = write('times-slow.json', { files: [{ file: 'scripts/test/bench.test.mjs', seconds: 16 }] })
    const { status, stdout } = await summary([report(), times, budgetsFile])
    expect(stdout).toMatch(/^too slow: scripts\/test\/bench\.test\.mjs took 16\.0 s, over 3× its budget of 5\.0 s/m)
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('7 passed, 0 failed')
    expect(status).toBe(1)
  })

  it('fails when the run left no times to check', async () => {
    const { status, stdout } = await summary([report(), join(dir, 'missing.json'), budgetsFile])
    expect(stdout).toContain('the slow-test guard could not check the run')
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('7 passed, 0 failed')
    expect(status).toBe(1)
  })

  it('still counts a failed test and a file that did not load as failures', async () => {
    const times = write('times-none.json', { files: [] })
    const failing = report({
      numPassedTests: 3,
      numFailedTests: 1,
      success: false,
      testResults: [{ status: 'failed', assertionResults: [] }],
    })
    const { status, stdout } = await summary([failing, times, budgetsFile])
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('3 passed, 2 failed')
    expect(status).toBe(1)
  })
})
