// Edit-to-page time of `calcbook preview`, end to end, in headless Chromium (Chrome DevTools
// Protocol; Node 20 needs --experimental-websocket, Node 22 does not):
//
//   node --experimental-websocket Benchmarks/preview-reload.mjs BINARY PROJECT PORT PAGE LESSON [EDITS] [CACHEDIR]
//   e.g. … .build/release/calcbook /tmp/course 8431 chapter-03/lesson-0045.html chapter-03/lesson-0045.md 10 /tmp/course-cache
//
// Starts `BINARY preview` in PROJECT, opens PAGE, then EDITS times appends a paragraph with a
// new word to lessons/LESSON and measures from the write to the word being in the page and the
// next frame painted (whether the page reloaded or swapped its body). Restores the lesson.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const [binary, project, port, page, lesson, editsArg, cacheDir] = process.argv.slice(2);
const edits = Number(editsArg || 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

const preview = spawn(binary, ['preview', '--port', port, '--color', 'never', ...(cacheDir ? ['--cache-dir', cacheDir] : [])], { cwd: project, stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
preview.stderr.on('data', (d) => { log += d; });
const t0 = now();
while (!/Serving/.test(log)) { await sleep(50); if (now() - t0 > 600000) throw new Error('preview did not start'); }
console.log(`first build + listen: ${((now() - t0) / 1000).toFixed(1)} s`);

const chrome = spawn('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--remote-debugging-port=9339',
  `--user-data-dir=/tmp/preview-incremental-chrome-${port}`, 'about:blank'], { stdio: 'ignore' });
let targets;
for (let i = 0; i < 100; i++) {
  try { targets = await (await fetch('http://127.0.0.1:9339/json/list')).json(); if (targets.some((t) => t.type === 'page')) break; } catch {}
  await sleep(200);
}
const target = targets.find((t) => t.type === 'page');
const ws = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((r) => ws.addEventListener('open', r));
let id = 0; const pending = new Map(); const listeners = [];
ws.addEventListener('message', (e) => {
  const m = JSON.parse(e.data);
  if (m.id && pending.has(m.id)) { pending.get(m.id)(m.result); pending.delete(m.id); }
  else if (m.method) for (const l of listeners) l(m);
});
const send = (method, params = {}) => new Promise((r) => { const i = ++id; pending.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
const nextEvent = (name, timeout = 120000) => new Promise((resolve, reject) => {
  const l = (m) => { if (m.method === name) { listeners.splice(listeners.indexOf(l), 1); clearTimeout(t); resolve(m); } };
  const t = setTimeout(() => { listeners.splice(listeners.indexOf(l), 1); reject(new Error('timeout ' + name)); }, timeout);
  listeners.push(l);
});
await send('Page.enable');
await send('Runtime.enable');
const loaded = nextEvent('Page.loadEventFired');
await send('Page.navigate', { url: `http://127.0.0.1:${port}/${page}` });
await loaded;
await sleep(1000);

const lessonPath = `${project}/lessons/${lesson}`;
const original = fs.readFileSync(lessonPath, 'utf8');
const totals = [];
for (let i = 1; i <= edits; i++) {
  await sleep(1500);
  const marker = `calcbookmarker${i}z${Date.now()}`;
  let started = null;
  const startListener = (m) => { if (m.method === 'Page.frameStartedLoading' && started === null) started = now(); };
  listeners.push(startListener);
  const begin = now();
  fs.writeFileSync(lessonPath, original + `\nA new paragraph, ${marker}.\n`);
  // The new text in the page (a reload or a swapped body), then the next frame painted.
  let done = null;
  while (done === null) {
    const r = await send('Runtime.evaluate', { expression: `!!(document.body && document.body.textContent.includes(${JSON.stringify(marker)}))`, returnByValue: true });
    if (r.result && r.result.value === true) {
      await send('Runtime.evaluate', { expression: 'new Promise(function (r) { requestAnimationFrame(function () { setTimeout(r, 0); }); })', awaitPromise: true });
      done = now();
    } else {
      await sleep(5);
      if (now() - begin > 120000) throw new Error('no new page after 120 s');
    }
  }
  listeners.splice(listeners.indexOf(startListener), 1);
  totals.push(done - begin);
  console.log(`edit ${i}: new text painted ${(totals.at(-1)).toFixed(0)} ms after the save${started === null ? '' : ' (the page reloaded whole)'}`);
}
fs.writeFileSync(lessonPath, original);
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
console.log(`edit → new text painted: median ${median(totals).toFixed(0)} ms, max ${Math.max(...totals).toFixed(0)} ms (n=${totals.length})`);
ws.close(); chrome.kill(); preview.kill('SIGINT');
await sleep(500);
console.log('--- preview log (tail) ---\n' + log.split('\n').slice(-8).join('\n'));
process.exit(0);
