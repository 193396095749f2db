// `npx node bench/profile.ts [steps] [seconds] [memory|sqlite]`: runs the engine's no-op chain under
// `--cpu-prof` and prints the functions and files with the most self time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '@weft/engine';
import { summarizeProfile, type SelfTime } from './lib/cpuprofile.ts';
import { openStore, type StoreKind } from './lib/stores.ts';
import { benchRegistry, chainWorkflow } from './lib/workflows.ts';

const steps = Number(process.argv[2] ?? 100);
const seconds = Number(process.argv[3] ?? 5);
const kind: StoreKind = process.argv[4] === 'sqlite' ? 'sqlite' : 'memory';
const CHILD = 'WEFT_BENCH_PROFILE_CHILD';

async function child(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-profile-db-'));
  const { store } = await openStore(kind, dir);
  const engine = createEngine({ store, registry: benchRegistry() });
  const workflow = chainWorkflow(steps);
  const until = Date.now() + seconds * 1000;
  let runs = 0;
  const start = process.hrtime.bigint();
  while (Date.now() < until) {
    const { done } = await engine.startRun({ workflow });
    if ((await done).status !== 'succeeded') throw new Error('profile run failed');
    runs++;
  }
  const us = Number(process.hrtime.bigint() - start) / 1000;
  console.log(
    `${runs} runs of chain ${steps} (${kind}): ${(us / (runs * steps)).toFixed(1)} µs/step under the profiler`,
  );
  await engine.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

function print(title: string, rows: SelfTime[], limit: number): void {
  console.log(`\n${title}`);
  for (const row of rows.slice(0, limit)) {
    console.log(
      `${(row.share * 100).toFixed(1).padStart(5)}%  ${(row.us / 1000).toFixed(0).padStart(6)} ms  ${row.label}`,
    );
  }
}

if (process.env[CHILD]) {
  await child();
} else {
  const dir = mkdtempSync(join(tmpdir(), 'weft-profile-'));
  try {
    const args = [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      import.meta.filename,
      String(steps),
      String(seconds),
      kind,
    ];
    const result = spawnSync(process.execPath, args, {
      env: { ...process.env, [CHILD]: '1' },
      stdio: 'inherit',
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile written');
    const summary = summarizeProfile(readFileSync(join(dir, file), 'utf8'));
    console.log(`Busy time sampled: ${(summary.total / 1000).toFixed(0)} ms`);
    print('Top self time by function', summary.functions, 30);
    print('Self time by file', summary.files, 20);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
