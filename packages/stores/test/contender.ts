// Child process for the concurrency test: one of several processes sharing a database file. From
// `startAt` on, it claims ticks of schedule `wf:0` until the tick reaches `ticks` and appends one chat
// message between claims, then prints the ticks it won, how many claims it lost and the seqs it got, as JSON.
// Usage: node contender.ts <db path> <ticks> <messages> <startAt epoch ms>
import { openSqliteStore } from '../src/index.ts';

const [path, ticksText, messagesText, startAtText] = process.argv.slice(2);
if (!path || !ticksText || !messagesText || !startAtText)
  throw new Error('usage: contender.ts <db path> <ticks> <messages> <startAt>');
const ticks = Number(ticksText);
let messagesLeft = Number(messagesText);

const store = await openSqliteStore({ path });
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAtText) - Date.now())));

const won: number[] = [];
let lost = 0;
const seqs: number[] = [];
for (;;) {
  const schedule = await store.getSchedule('wf:0');
  const tick = schedule?.nextFireAt;
  if (tick !== undefined && tick < ticks) {
    if (await store.claimScheduleTick('wf:0', tick, tick + 1, Date.now())) won.push(tick);
    else lost++;
  }
  if (messagesLeft > 0) {
    messagesLeft--;
    const message = await store.appendChatMessage({
      workflowId: 'wf',
      sessionId: 'shared',
      role: 'user',
      content: `from ${process.pid}`,
      at: Date.now(),
    });
    seqs.push(message.seq);
  }
  if ((tick === undefined || tick >= ticks) && messagesLeft === 0) break;
}
await store.close();
process.stdout.write(JSON.stringify({ won, lost, seqs }));
