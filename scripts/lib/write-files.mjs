// Writes a set of files as one change that can be taken back: every file's previous bytes
// (or its absence) are kept until the caller is done.
import { existsSync, mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Writes `files` ({ path, content }) and returns `rollback()`, which restores every one of
 * them as it was, and removes the folders the writing created.
 */
export function writeFiles(files) {
  const saved = []
  const createdDirs = []
  const rollback = () => {
    for (const { path, previous } of saved.reverse()) {
      if (previous === null) rmSync(path, { force: true })
      else writeFileSync(path, previous)
    }
    for (const dir of createdDirs.reverse()) {
      try {
        rmdirSync(dir)
      } catch {
        // not empty: something else lives there now
      }
    }
  }
  try {
    for (const file of files) {
      saved.push({ path: file.path, previous: existsSync(file.path) ? readFileSync(file.path) : null })
      createdDirs.push(...missingDirs(dirname(file.path)))
      mkdirSync(dirname(file.path), { recursive: true })
      writeFileSync(file.path, file.content)
    }
  } catch (error) {
    rollback()
    throw error
  }
  return { rollback }
}

/** The folders above `dir` (itself included) that do not exist yet, outermost first. */
function missingDirs(dir) {
  const missing = []
  for (let current = dir; !existsSync(current); current = dirname(current)) missing.unshift(current)
  return missing
}
