// Helpdesk console: checks that the API is reachable; the verification checklist arrives with issue 7.
const app = document.getElementById('app');

const render = async () => {
  if (!app) return;
  const response = await fetch('/health');
  const health = (await response.json()) as { status?: string };
  app.innerHTML = '';
  const card = document.createElement('section');
  card.className = 'card';
  const status = document.createElement('p');
  status.textContent = health.status === 'ok' ? 'API bereikbaar.' : 'API niet bereikbaar.';
  status.className = health.status === 'ok' ? 'ok' : 'error';
  card.append(status);
  app.append(card);
};

void render();
