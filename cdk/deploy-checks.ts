// Settings that synthesize but could never run: each stops the synth with one line naming the context key,
// instead of a stack whose functions fail at every cold start or whose deploy fails halfway.
import { Token } from 'aws-cdk-lib';
import * as z from '../lib/schema';

export interface CheckedSettings {
  enrollLinkMode?: 'direct' | 'login';
  loginUrl?: string;
  webCertificateArn?: string;
}

const acmArn = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[\w-]+$/;
// The schema lib/config.ts reads LOGIN_URL with at cold start.
const loginUrlSchema = z.url();

/** The first setting the stack cannot run with, as the line the synth stops with; undefined when none. */
export const misconfigurationOf = (settings: CheckedSettings): string | undefined => {
  const { enrollLinkMode, loginUrl, webCertificateArn } = settings;
  if (enrollLinkMode === 'login' && !loginUrl)
    return '-c enrollLinkMode=login needs -c loginUrl=https://… (the login page email links send customers through); without it every function fails at cold start';
  if (loginUrl && !Token.isUnresolved(loginUrl) && !loginUrlSchema.safeParse(loginUrl).success)
    return `-c loginUrl=https://… must be a URL (not "${loginUrl}"); the functions refuse it at cold start`;
  if (webCertificateArn && !Token.isUnresolved(webCertificateArn)) {
    const region = acmArn.exec(webCertificateArn)?.[1];
    if (region === undefined)
      return `-c webCertificateArn=arn:aws:acm:us-east-1:<account>:certificate/… (not "${webCertificateArn}")`;
    if (region !== 'us-east-1')
      return `-c webCertificateArn must be an ACM certificate in us-east-1, the only region CloudFront takes one from (not ${region}); request or import it there`;
  }
  return undefined;
};
