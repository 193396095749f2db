// Reads a V8 .cpuprofile (from `node --cpu-prof`) and sums self time by function and by file.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  label: string;
  us: number;
  share: number;
}

function shortUrl(url: string): string {
  if (!url) return '';
  const path = url.replace(/^file:\/\//, '');
  const inRepo = /\/(packages\/[^/]+\/src\/.*|node_modules\/.*)$/.exec(path);
  return inRepo?.[1] ?? path.split('/').slice(-2).join('/');
}

/** Self time per function (name + file:line) and per file, largest first, as shares of all samples. */
export function summarizeProfile(json: string): { total: number; functions: SelfTime[]; files: SelfTime[] } {
  const profile = JSON.parse(json) as CpuProfile;
  const frames = new Map<number, CallFrame>();
  for (const node of profile.nodes) frames.set(node.id, node.callFrame);
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const frame = frames.get(id);
    if (!frame || frame.functionName === '(idle)') return;
    total += us;
    const file = shortUrl(frame.url);
    const where = file ? ` ${file}:${frame.lineNumber + 1}` : '';
    const fn = `${frame.functionName || '(anonymous)'}${where}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const fileKey = file || frame.functionName;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
  });
  const rank = (map: Map<string, number>) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).map(([label, us]) => ({ label, us, share: us / total }));
  return { total, functions: rank(byFunction), files: rank(byFile) };
}
