import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';

/**
 * The correction form's anti-robot check (/portal/correction.js): fetches an ALTCHA challenge from the
 * server, finds its proof of work with WebCrypto (about a second), and puts the solution in the form's
 * hidden `altcha` field. Nothing about the visitor is collected. The form itself is plain HTML; without
 * this script the server refuses the request and the page says where else to ask.
 */
const form = document.getElementById('correction-form');
const field = document.getElementById('c-altcha');
const status = document.getElementById('c-robot');

function say(text: string): void {
  if (status) status.textContent = text;
}

async function solve(): Promise<void> {
  if (!(field instanceof HTMLInputElement)) return;
  field.value = '';
  say('人机验证：正在计算……');
  const response = await fetch('/api/v1/publications/anti-robot/challenge', { cache: 'no-store' });
  if (!response.ok) throw new Error(`challenge ${response.status}`);
  const challenge = (await response.json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('unsolved');
  field.value = btoa(JSON.stringify({ challenge, solution }));
  say('人机验证：已完成。');
  form?.setAttribute('data-robot-check', 'done');
}

if (form instanceof HTMLFormElement) {
  let solving = solve().catch(() => say('人机验证失败，请刷新页面重试。'));
  form.addEventListener('submit', (event) => {
    if (field instanceof HTMLInputElement && field.value) return;
    event.preventDefault();
    void solving.then(() => {
      if (field instanceof HTMLInputElement && field.value) form.submit();
      else solving = solve().catch(() => say('人机验证失败，请刷新页面重试。'));
    });
  });
}
