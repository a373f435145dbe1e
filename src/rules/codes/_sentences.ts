// Verdict sentences shared by several rule modules (each module decides whether to use one). Not a
// rule (the registry does not list it).
import type { VerdictSentenceInput } from '../types.js';

/** "The sync service (miiserver.exe) went direct (35 times, …): machine.config defines no proxy, while …". */
export function bypassSentence({ actor, ev, ctx, times }: VerdictSentenceInput, opts: { configOnly?: boolean } = {}): string {
  const svc = ctx.proxy.service;
  const people = ctx.proxy.people;
  let layer: string;
  if (actor.id === 'wizard-signin') {
    const mc = svc.known ? (svc.address ? `${svc.file} names ${svc.address} but this request skipped it` : `${svc.file ?? 'machine.config'} names no proxy`) : 'machine.config was not in the evidence';
    layer = people
      ? `${mc}, and it did not use ${people.address} from ${people.who}`
      : ev.winInet.length
        ? `${mc}, and the admin's Internet Options give none either`
        : `${mc} (the admin's Internet Options were not among the evidence)`;
  } else if (!svc.known) layer = 'machine.config was not in the evidence, so it is unknown which proxy it was given';
  else if (svc.address) layer = `${svc.file} names ${svc.address}, but this request skipped it (bypass rule or override)`;
  else if (svc.disabled) layer = `${svc.file} switches its proxy off (<defaultProxy enabled="false">)`;
  else {
    const elsewhere = people ? `, while ${people.who} use ${people.address}` : ctx.proxy.fixAddress ? `, while ${ctx.proxy.fixAddress} is the proxy configured elsewhere` : '';
    layer = `${svc.file ?? 'machine.config'} defines no proxy${elsewhere}`;
  }
  // Decided from configuration alone, nothing failed yet: say what the settings make it do.
  return `${actor.short} ${opts.configOnly ? 'goes direct' : 'went direct'}${times}: ${layer}.`;
}

/** "… reached the proxy proxy.contoso.com:8080, which refused it (12 times): <why>." */
export function rejectedSentence({ actor, ctx, times }: VerdictSentenceInput, why: string): string {
  const proxy = ctx.proxy.fixAddress;
  return `${actor.short} reached the proxy${proxy ? ` ${proxy}` : ''}, which refused it${times}: ${why}.`;
}

/** "… reached Entra ID, so the network and the proxy work: <what>." */
export function notNetworkSentence({ actor, finding, times }: VerdictSentenceInput, opts: { reached?: string; what?: string } = {}): string {
  const what = opts.what ?? finding.title.replace(/ \(not (?:the )?(?:network|proxy)\)$/, '');
  return `${actor.short} ${opts.reached ?? 'reached Entra ID'}, so the network and the proxy work${times}: ${what}.`;
}
