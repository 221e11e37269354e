// Type checks for generated code in a temporary repository: a small .ts file of assertions
// (`@ts-expect-error` included) compiled with the workspace's compiler options.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { ROOT } from './temp-repo.mjs'

/** Writes `source` to `file` and returns the compiler's errors for it, as text lines. */
export function typeErrors(file, source) {
  writeFileSync(file, source)
  const base = ts.parseConfigFileTextToJson(
    'tsconfig.base.json',
    readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8'),
  )
  const { options } = ts.convertCompilerOptionsFromJson(base.config.compilerOptions, ROOT)
  const program = ts.createProgram([file], { ...options, noEmit: true })
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
}
