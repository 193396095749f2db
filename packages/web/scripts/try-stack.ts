/**
 * For trying the UI by hand: a loopback OpenAI-compatible model that streams Markdown slowly, and a
 * `weft serve` using it. Prints the URL and runs until Ctrl+C.
 *
 *   npx node packages/web/scripts/try-stack.ts [--web-root <built UI folder>]
 */
import { lastUserText, startLoopbackProvider } from '@weft/testing';
import { startWeft } from '../test/support/weft-process.ts';

const rootFlag = process.argv.indexOf('--web-root');
const webRoot = rootFlag >= 0 ? process.argv[rootFlag + 1] : undefined;
const model = await startLoopbackProvider({
  provider: 'openai',
  reply: (request) => {
    const asked = lastUserText(request);
    if (asked.includes('FAIL')) return { error: { status: 400, message: 'The loopback model refuses prompts that say FAIL' } };
    return {
      text: `## Answer\n\nYou asked: *${asked.slice(0, 200)}*\n\n- first point\n- second point\n\nDone.`,
      chunkDelayMs: 60,
      usage: { inputTokens: 40, outputTokens: 24 },
    };
  },
});
const weft = await startWeft({
  OPENAI_BASE_URL: model.url,
  OPENAI_API_KEY: 'loopback',
  WEFT_MODEL: 'openai:gpt-4o-mini',
  ...(webRoot ? { WEFT_WEB_ROOT: webRoot } : {}),
});
console.log(`Weft UI: ${weft.url}/  (model: loopback at ${model.url}; data: ${weft.home})`);
const stop = async () => {
  await weft.stop();
  await model.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
