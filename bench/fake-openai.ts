/** The fake OpenAI-compatible server as its own process, so its work does not share the measured event loop. */
import { startFakeOpenAi, structuredName } from '../test/support/fakeOpenAiServer.js';

const text = process.env.FAKE_REPLY ?? 'Hello.';
// A dialogue reply is followed by the small call that files the question's family: answered in the
// form asked, as a real model would, so the bench measures the product's path and not a repair loop.
const fake = await startFakeOpenAi(
  (request) =>
    structuredName(request) === 'question_family' ? { json: { family: 'clarify' } } : { text, chunkChars: 16 },
  { record: false },
);
console.log(fake.url);
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
