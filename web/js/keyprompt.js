// keyprompt.js — the screen that asks for the API key when this device has none (or the
// server refused the one it had). Both pages use it with their own markup ids and storage.

import { $ } from './dom.js';

// ids: {screen, form, input, message, cancel}; `hide` lists elements hidden while the prompt shows.
// onSaved() runs after a key is saved. Returns open(message) to show the prompt again.
export function setupKeyPrompt(client, ids, hide, onSaved) {
  const screen = $(`#${ids.screen}`);
  const form = $(`#${ids.form}`);
  const input = $(`#${ids.input}`);
  const message = $(`#${ids.message}`);
  const cancel = $(`#${ids.cancel}`);

  function show(visible) {
    screen.hidden = !visible;
    for (const el of hide) el.hidden = visible;
    document.body.classList.toggle('needs-key', visible);
  }

  function open(text = '') {
    message.textContent = text;
    input.value = '';
    cancel.hidden = !client.getKey();     // keeping the old key is a choice only if there is one
    show(true);
    input.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) {
      message.textContent = 'Type or paste the key first.';
      input.focus();
      return;
    }
    client.setKey(key);
    input.value = '';
    show(false);
    onSaved();
  });

  cancel.addEventListener('click', () => show(false));

  if (client.getKey()) show(false);
  else open();
  return open;
}
