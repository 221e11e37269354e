// Type checks for generated code in a temporary repository: a small .ts file of assertions
// (`@ts-expect-error` included) compiled with the workspace's compiler options.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { ROOT } from './temp-repo.mjs'

const base = ts.parseConfigFileTextToJson('tsconfig.base.json', readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8'))
const { options } = ts.convertCompilerOptionsFromJson(base.config.compilerOptions, ROOT)
const compilerOptions = { ...options, noEmit: true }

/**
 * Parsed files kept between checks, by path and text: the lib files and a package's generated
 * types are parsed once per test file instead of once per check. A file whose text changed is
 * parsed again, and every check is a new program with its own type checker, so a result never
 * depends on the checks before it.
 */
const parsed = new Map()
const host = ts.createCompilerHost(compilerOptions)
const readSourceFile = host.getSourceFile.bind(host)
host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
  const text = ts.sys.readFile(fileName)
  if (text === undefined) return readSourceFile(fileName, languageVersion, onError, shouldCreate)
  const key = `${fileName}\0${JSON.stringify(languageVersion)}`
  const cached = parsed.get(key)
  if (cached?.text === text) return cached
  const file = ts.createSourceFile(fileName, text, languageVersion)
  parsed.set(key, file)
  return file
}

/** Writes `source` to `file` and returns the compiler's errors for it, as text lines. */
export function typeErrors(file, source) {
  writeFileSync(file, source)
  const program = ts.createProgram([file], compilerOptions, host)
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
}
