// The line that says what the agent established in a session (lib/verification/checks-summary.ts):
// in the approvals list and in the admin's disable step.
import type { ChecksSummary } from '../../../lib/verification/checks-summary';
import type { Ctx } from '../context';
import { checkShortLabels, noPossessionReasonLabels } from '../messages';

/** "Matched: name, email, …; not matched: …": what the agent established, in a line. */
export const checksSummaryText = (ctx: Ctx, summary: ChecksSummary) => {
  const { t, lang } = ctx.i18n;
  const labels = checkShortLabels[lang] as Record<string, string>;
  const names = (types: string[]) => types.map((type) => labels[type] ?? type).join(', ');
  return [
    summary.matched.length ? t('checksMatched', { checks: names(summary.matched) }) : null,
    summary.notMatched.length ? t('checksNotMatched', { checks: names(summary.notMatched) }) : null,
    summary.withoutPossessionProof
      ? t('checksWithoutProof', {
          reason:
            (noPossessionReasonLabels[lang] as Record<string, string>)[summary.withoutPossessionProof] ??
            summary.withoutPossessionProof,
        })
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
};
