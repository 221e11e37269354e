// Runs the test files with the largest time budgets first, whatever their project: the longest
// file starts at once instead of after every project sorted before it by name, so the workers
// finish together. vitest's own order (failed first, then by the last run's durations) breaks ties.

import { relative } from 'node:path'
import { BaseSequencer } from 'vitest/node'
import { budgetOf, loadBudgets, ROOT } from '../../scripts/test-budgets.mjs'

export default class LongestFirstSequencer extends BaseSequencer {
  async sort(files) {
    const budgets = loadBudgets()
    const base = await super.sort(files)
    const rank = new Map(base.map((spec, index) => [spec, index]))
    const budget = (spec) => budgetOf(budgets, relative(ROOT, spec.moduleId))
    return [...base].sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        budget(b) - budget(a) ||
        rank.get(a) - rank.get(b),
    )
  }
}
