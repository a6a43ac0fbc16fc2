// What the views keep between renders (the customer's page with its checklist and answers, search
// results, the approvals list) belongs to the person signed in. Each view registers how to drop its
// state; the app drops all of it when the person at the console changes (sign-out, an expired
// session, someone else signing in), so the next person sees nothing of the previous one's work.
const resets: (() => void)[] = [];

export const dropOnSignOut = (reset: () => void) => {
  resets.push(reset);
};

export const dropAllViewState = () => {
  for (const reset of resets) reset();
};
