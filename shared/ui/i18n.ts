// Every string the learner reads goes through `t`, so a second language is one more table. Messages use
// `{name}` placeholders; a message with plural forms is an object keyed by Intl.PluralRules categories and
// picks its form from the `count` parameter.

type Plural = { one: string; other: string };
type Message = string | Plural;

export const en = {
  'picker.label': 'Skills',
  'picker.placeholder': 'Type to find a skill',
  'picker.chosen': 'Chosen skills',
  'picker.none': 'No skills yet.',
  'picker.remove': 'Remove {name}',
  'picker.suggested': 'Suggested for this page',
  'picker.addSuggested': 'Add suggested skill {name}',
  'picker.addCustom': 'Add “{text}” as a new skill',
  'picker.noMatch': 'No matching skill.',
  'picker.results': { one: '1 skill found.', other: '{count} skills found.' },
  'picker.added': '{name} added.',
  'picker.removed': '{name} removed.',
  'picker.already': '{name} is already chosen.',
  'picker.full': { one: 'At most 1 skill.', other: 'At most {count} skills.' },
  'picker.framework': '({framework})',

  'reflection.label': 'Reflection',
  'reflection.hint': 'What will you do with what you learned?',
  'reflection.count': '{count} / {max}',
  'reflection.countLong': '{count} of {max} characters',
  'reflection.full': 'Limit reached.',

  'kind.article': 'Article',
  'kind.video': 'Video',
  'kind.audio': 'Audio',
  'kind.podcast': 'Podcast',
  'kind.book': 'Book',
  'kind.course': 'Course',
  'kind.mentoring': 'Mentoring',
  'kind.other': 'Item',

  'item.sendsIn': 'sends in {time}',
  'item.sendsSoon': 'sending soon',
  'item.sendsUnderMinute': 'sends in less than a minute',
  'item.review': 'waiting for your approval',
  'item.readOnly': 'This item can no longer be changed.',
  'item.save': 'Save',
  'item.saved': 'Saved',
  'item.discard': 'Discard',
  'item.approve': 'Approve',
  'item.saveApprove': 'Save and approve',
  'item.confirmDiscard': 'Discard “{title}”? It will not be sent.',
  'item.confirmYes': 'Yes, discard',
  'item.confirmNo': 'Keep it',
  'item.actions': 'Actions for {title}',
  'item.open': 'Open the page',
  'item.untitled': 'Untitled',

  'time.minutes': { one: '{count} min', other: '{count} min' },
  'time.hoursMinutes': '{hours} h {minutes} min',
  'time.hours': '{hours} h',
  'time.justNow': 'just now',
  'time.ago': '{time} ago',
  'time.on': 'on {date}',

  'dest.heading': 'Destinations',
  'dest.none': 'No LRS is set up yet.',
  'dest.origin.organisation': 'organisation',
  'dest.origin.learner': 'yours',
  'dest.ok': 'OK',
  'dest.okLast': 'OK · last sent {time}',
  'dest.okNever': 'OK · nothing sent yet',
  'dest.retrying': 'retrying: {reason}',
  'dest.retryingNoReason': 'retrying',
  'dest.paused': 'paused: the LRS refused the credentials',
  'dest.pending': { one: '1 waiting', other: '{count} waiting' },

  'popup.title': 'Trailnote',
  'popup.loading': 'Loading…',
  'popup.thisPage': 'This page',
  'popup.waiting': 'Waiting to be sent',
  'popup.noneWaiting': 'Nothing is waiting to be sent.',
  'popup.dismiss': 'Dismiss',
  'popup.retry': 'Try again',
  'popup.pausedUntil': 'Capture is paused until {time}.',

  'capture.article': 'Reading',
  'capture.video': 'Watching',
  'capture.audio': 'Listening',
  'capture.progress': '{elapsed} of {needed} needed',
  'capture.counts': 'Enough to count.',
  'capture.played': '{percent} played',
  'capture.barLabel': '{activity}: {title}',
  'capture.nothing': 'Nothing is being captured on this page yet.',
  'capture.off': 'Not capturing this page: {reason}.',
  'capture.reason.not-http': 'it is not a web page',
  'capture.reason.incognito': 'private windows are never captured',
  'capture.reason.disabled': 'capture is switched off',
  'capture.reason.paused': 'capture is paused',
  'capture.reason.kind-off': 'this kind of page is not captured',
  'capture.reason.blocked': 'your organisation excludes this site',
  'capture.reason.sensitive': 'sign-in, mail and similar pages are never captured',
  'capture.reason.not-allowed': 'this site is not on your organisation’s list',

  'error.failed': 'That did not work. Please try again.',
  'error.unreachable': 'Trailnote’s background did not answer: {message}',
  'error.noAnswer': 'Trailnote’s background did not answer.',
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number>;

const pluralRules = new Intl.PluralRules('en');
const numberFormat = new Intl.NumberFormat('en');

/** The English text of `key` with `{name}` placeholders filled; numbers are formatted ("2,000"). */
export function t(key: MessageKey, params: MessageParams = {}): string {
  const message: Message = en[key];
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = Number(params.count ?? 0);
    text = pluralRules.select(count) === 'one' ? message.one : message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numberFormat.format(value) : value;
  });
}

/** A message key built at run time (e.g. from an item's kind), when the table has it. */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
