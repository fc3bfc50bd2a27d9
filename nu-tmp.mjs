import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: 1300, height: 900 } });
p.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text()); });
p.on('pageerror', (e) => console.log('page error:', e.message));
await p.goto('http://127.0.0.1:3998/');
await p.fill('input[name=clientName]', 'Acme Health');
await p.fill('input[name=industry]', 'Digital health');
await p.check('input[value=quick_check]');
await p.click('text=Start session');
await p.waitForTimeout(1500);
await p.screenshot({ path: '/tmp/qc-1.png' });
const answers = [
  'Replace our on-prem EHR integration engine with a managed cloud integration platform by Q3; cost $400k one-off, saves $150k a year in ops.',
  'Our CEO will ask why now, when the current engine works.',
  'The CFO will say the payback is almost 3 years.',
  'The board will worry about patient data in the cloud.',
  'If it fails, it is because the migration takes twice as long and we run both systems for a year.',
];
for (const a of answers) { await p.fill('textarea', a); await p.keyboard.press('Enter'); await p.waitForTimeout(900); }
await p.screenshot({ path: '/tmp/qc-2.png' });
await b.close();
