/** The fake OpenAI-compatible server as its own process, so its work does not share the measured event loop. */
import { startFakeOpenAi } from '../test/support/fakeOpenAiServer.js';

const text = process.env.FAKE_REPLY ?? 'Hello.';
const fake = await startFakeOpenAi(() => ({ text, chunkChars: 16 }), { record: false });
console.log(fake.url);
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
