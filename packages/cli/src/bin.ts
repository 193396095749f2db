#!/usr/bin/env node
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
// `weft serve` may stop with runs still executing (they keep their lease and resume on the next start):
// they must not hold the process. The timer is unref'd, so a clean exit does not wait for it.
setTimeout(() => process.exit(), 2_000).unref();
