// Enrollment page: reads the ticket from the URL fragment and removes it from the address bar at once.
const app = document.getElementById('app');

const ticketFromFragment = (): string | undefined => {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const ticket = params.get('ticket') ?? undefined;
  if (window.location.hash) history.replaceState(null, '', window.location.pathname);
  return ticket;
};

const ticket = ticketFromFragment();
if (app) {
  app.innerHTML = '';
  const card = document.createElement('section');
  card.className = 'card';
  const text = document.createElement('p');
  text.textContent = ticket
    ? 'Uw link is ontvangen.'
    : 'Open deze pagina via de link in de e-mail die u van ons kreeg.';
  card.append(text);
  app.append(card);
}
