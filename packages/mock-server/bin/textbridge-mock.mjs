#!/usr/bin/env node
// Thin launcher so the command exists as soon as the package is installed.
import '../dist/cli.mjs'
