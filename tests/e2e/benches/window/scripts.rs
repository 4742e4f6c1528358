//! The scripts the window benchmark runs inside the page: each times one
//! step from the page's side, so WebDriver's own round trips are not counted.

/// Does one thing in the page (presses a key, clicks, or submits the form of
/// a field) and waits until the text of what `watch` selects has changed,
/// `need` is on the page and that text holds `expect`; returns the
/// milliseconds to the frame after, or -1 after 10 s.
pub const STEP: &str = r#"
const [act, target, watch, need, expect, done] = arguments;
const text = () => Array.from(document.querySelectorAll(watch)).map((e) => e.textContent).join('|');
const before = text();
let moved = false;
const seen = new MutationObserver(() => { if (text() !== before) moved = true; });
seen.observe(document.body, { subtree: true, childList: true, characterData: true });
const t0 = performance.now();
if (act === 'key') document.body.dispatchEvent(new KeyboardEvent('keydown', { key: target, bubbles: true, cancelable: true }));
else if (act === 'click') document.querySelector(target).click();
else document.querySelector(target).form.requestSubmit();
const check = () => {
  const ready = moved && (!need || document.querySelector(need)) && (!expect || text().includes(expect));
  if (ready) { seen.disconnect(); requestAnimationFrame(() => done(performance.now() - t0)); }
  else if (performance.now() - t0 > 10000) { seen.disconnect(); done(-1); }
  else requestAnimationFrame(check);
};
requestAnimationFrame(check);
"#;

/// Notes when, after the key press, the agenda's heading and the case's
/// heading change: the time before the first is the move and the meeting's
/// refresh, the time between them the case's own loading and drawing.
pub const TRACE: &str = r#"
window.__marks = [];
window.__t0 = null;
const seen = {};
window.__traceObserver?.disconnect();
window.__traceObserver = new MutationObserver(() => {
  if (window.__t0 === null) return;
  for (const id of ['work-title', 'case-title']) {
    const text = document.getElementById(id)?.textContent ?? '';
    if (seen[id] !== undefined && seen[id] !== text) {
      const at = performance.now();
      document.body.getBoundingClientRect();
      window.__marks.push(`${id} ${text ? 'changed' : 'gone'} at ${(at - window.__t0).toFixed(1)} ms (layout ${(performance.now() - at).toFixed(1)} ms, ${document.getElementsByTagName('*').length} elements)`);
    }
    seen[id] = text;
  }
}).observe(document.body, { subtree: true, childList: true, characterData: true });
for (const id of ['work-title', 'case-title']) seen[id] = document.getElementById(id)?.textContent ?? '';
document.addEventListener('keydown', () => { window.__t0 = performance.now(); }, { capture: true, once: true });
"#;

/// Times the cockpit's IPC commands on their own, called from the page, with
/// the size of what each returns.
pub const PROBE: &str = r#"
const [meetingId, done] = arguments;
const invoke = window.__TAURI_INTERNALS__.invoke;
const time = async (cmd, args) => {
  const runs = [];
  let size = 0;
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    const out = await invoke(cmd, args);
    runs.push(performance.now() - t);
    size = JSON.stringify(out ?? null).length;
  }
  runs.sort((a, b) => a - b);
  return `${cmd}: median ${runs[7].toFixed(1)} ms, ${size} B`;
};
(async () => {
  const now = await invoke('meeting_now', { meetingId });
  const item = now.meeting.items.find((i) => i.case);
  done([
    await time('meeting_now', { meetingId }),
    await time('case_in_meeting', { meetingId, caseId: item.case.id }),
    await time('go_to_item', { meetingId, itemId: item.id }),
    await time('meeting_actions', { meetingId }),
  ]);
})().catch((e) => done(String(e)));
"#;

/// What `TRACE` noted, with the User Timing marks the cockpit set (its
/// move: edits flushed, case read, item in the page).
pub const CALLS: &str = r#"
const marks = performance.getEntriesByType('mark')
  .filter((m) => window.__t0 !== null && m.startTime >= window.__t0)
  .map((m) => `${m.name} at ${(m.startTime - window.__t0).toFixed(1)} ms`);
performance.clearMarks();
return window.__marks.concat(marks);
"#;

/// The gaps between frames while nothing changes: the least a step can take
/// after its result is in the page is about two of them.
pub const FRAMES: &str = r#"
const [done] = arguments;
const gaps = [];
let last = performance.now();
const frame = (t) => {
  gaps.push(t - last);
  last = t;
  if (gaps.length < 61) requestAnimationFrame(frame);
  else {
    const sorted = gaps.slice(1).sort((a, b) => a - b);
    done(`frames while idle: median ${sorted[30].toFixed(1)} ms apart, longest ${sorted[59].toFixed(1)} ms`);
  }
};
requestAnimationFrame(frame);
"#;
