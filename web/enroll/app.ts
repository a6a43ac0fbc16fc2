// The customer's enrollment page, opened from the email: the ticket is read from the URL fragment
// and removed from the address bar at once, its link checked (a used, voided or expired link says so
// before anything else), then QR code (or key) → 6-digit code → backup codes, every step naming the
// service and the account. "This wasn't me" reports the reset instead. The ticket lives in this page's
// memory and this tab's storage, so a reload (a phone's browser dropping the tab while the customer is
// in the authenticator app) comes back to the same QR code. Each step is a file in steps/; this one
// draws the step a view belongs to.
import { createPage, keepTicket, keptTicket, phoneLayout, readFragment, type Page } from './page';
import { codesView, doneView } from './steps/backup-codes';
import { addedView } from './steps/add-another';
import { reportedView, reportView } from './steps/report';
import { noticeReportedView, noticeReportView } from './steps/notice-report';
import { scanView } from './steps/scan';
import { waitingView } from './steps/waiting';
import { check, errorView, introView, loadingView, noTicketView, ticketErrorView } from './steps/start';

const render = (page: Page): Node => {
  const { view } = page;
  switch (view.name) {
    case 'no-ticket':
      return noTicketView(page);
    case 'checking':
    case 'starting':
      return loadingView(page, view.name);
    case 'intro':
      return introView(page, view);
    case 'scan':
      return scanView(page, view);
    case 'codes':
      return codesView(page, view);
    case 'done':
      return doneView(page, view);
    case 'added':
      return addedView(page, view);
    case 'report':
      return reportView(page, view);
    case 'reported':
      return reportedView(page);
    case 'waiting':
      return waitingView(page, view);
    case 'notice-report':
      return noticeReportView(page, view);
    case 'notice-reported':
      return noticeReportedView(page, view);
    case 'ticket-error':
      return ticketErrorView(page, view);
    case 'error':
      return errorView(page, view);
  }
};

const fragment = readFragment();
// A link opened now wins over one kept from before in this tab (a second link pasted, say).
const kept = keptTicket();
const resume = kept !== undefined && (fragment.ticket === undefined || fragment.ticket === kept.ticket);
if (fragment.ticket && !resume) keepTicket(fragment.ticket, false);
// The steps open a link through the page (an ADD link from the done step), not by importing the start.
const openLink = (page: Page, ticket: string, report: boolean) => {
  page.ticket = ticket;
  keepTicket(ticket, false);
  void check(page, report);
};
const page = createPage(fragment.ticket ?? kept?.ticket, render, openLink);
if (fragment.notice) {
  // The notice's language: the page has no link status to learn the customer's from.
  if (fragment.lang) page.i18n.preferLang(fragment.lang);
  page.view = { name: 'notice-report', notice: fragment.notice, busy: false };
}

window.addEventListener('hashchange', () => {
  // A second link pasted into the same tab: start over with that one.
  const next = readFragment();
  if (next.ticket) page.openLink(next.ticket, next.report);
});

// A phone turned sideways or a window made narrow: the order of "open in the app" and the QR code follows.
phoneLayout.addEventListener('change', () => {
  if (page.view.name === 'scan') page.show(page.view);
});

page.show(page.view);
// Back in a tab that had shown the QR code: straight to it again (the server hands out the same one).
if (page.ticket && !fragment.notice) void check(page, fragment.report, resume && kept.started);
