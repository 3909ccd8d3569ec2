/**
 * The tray menu as data (issue 5, part 1): a pure function of the app's state, so what the menu says is tested
 * in Node; desktop/main/tray.ts only turns it into an Electron Menu and routes each action.
 */
import type { DestinationRow } from '../../shared/learner/destinations';
import { isPaused, isUntilResumed } from '../../shared/learner/pause';
import { t } from '../../shared/ui/i18n';

export type TrayAction =
  | 'log'
  | 'pause-hour'
  | 'pause-tomorrow'
  | 'pause-resumed'
  | 'resume'
  | 'send-now'
  | 'resend-refused'
  | 'my-learning'
  | 'settings'
  | 'toggle-start-at-login'
  | 'quit';

export interface TrayMenuItem {
  kind: 'action' | 'info' | 'checkbox' | 'submenu' | 'separator';
  label?: string;
  action?: TrayAction;
  checked?: boolean;
  enabled?: boolean;
  accelerator?: string;
  submenu?: TrayMenuItem[];
}

export interface TrayState {
  now: number;
  /** Items not yet delivered everywhere (held, in review, or pending for some destination). */
  waiting: number;
  /** Capture paused until then (ms; shared/learner/pause.ts, its latest instant for "until resumed"). */
  pausedUntil: number | undefined;
  startAtLogin: boolean;
  /** The global shortcut that opens the quick log, when it could be registered. */
  logShortcut?: string;
  /** Items an LRS refused (quarantined), with the first one's message from the LRS (issue 11 point 4). */
  refused?: { count: number; message?: string };
  /** The outbox refuses new items for a full disk (shared/outbox/quota.ts), as the extension's badge says. */
  storageFull?: boolean;
  /** Destinations paused: the credentials refused, or refusing statements (the LRS's message in `lastError`). */
  paused?: readonly Pick<DestinationRow, 'name' | 'pausedFor' | 'lastError'>[];
}

/** A menu line is no place for a whole error page: the LRS's message, cut short. */
const MESSAGE_CHARS = 80;
const shortened = (text: string) =>
  text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS - 1).trimEnd()}…` : text;

/** "N refused by an LRS", what it said, and "Send refused items again": only while something is refused. */
function refusedEntries(refused: TrayState['refused']): TrayMenuItem[] {
  if (!refused || refused.count <= 0) return [];
  const message = refused.message?.trim();
  return [
    { kind: 'info', label: t('tray.refused', { count: refused.count }), enabled: false },
    ...(message ? [{ kind: 'info' as const, label: shortened(message), enabled: false }] : []),
    { kind: 'action', label: t('tray.resendRefused'), action: 'resend-refused' },
  ];
}

/**
 * "<name> paused: refusing statements: <message>" (or why else) per paused destination, and that it resumes by
 * itself once its configuration changes.
 */
function pausedEntries(paused: TrayState['paused']): TrayMenuItem[] {
  if (!paused || paused.length === 0) return [];
  return [
    ...paused.map((d): TrayMenuItem => ({
      kind: 'info',
      label: shortened(
        t('tray.destPaused', {
          name: d.name,
          reason:
            d.lastError ??
            t(
              d.pausedFor === 'refusing'
                ? 'tray.reasonRefusing'
                : d.pausedFor === 'credentials'
                  ? 'tray.reasonCredentials'
                  : 'tray.reasonUnknown',
            ),
        }),
      ),
      enabled: false,
    })),
    { kind: 'info', label: t('tray.resumesItself'), enabled: false },
  ];
}

const SEPARATOR: TrayMenuItem = { kind: 'separator' };

const timeFormat = new Intl.DateTimeFormat('en', { weekday: 'short', hour: '2-digit', minute: '2-digit' });

export function trayMenu(state: TrayState): TrayMenuItem[] {
  const paused = isPaused(state.pausedUntil, state.now);
  const pauseItem: TrayMenuItem = paused
    ? { kind: 'action', label: t('tray.resume'), action: 'resume' }
    : {
        kind: 'submenu',
        label: t('tray.pause'),
        submenu: [
          { kind: 'action', label: t('settings.pause.hour'), action: 'pause-hour' },
          { kind: 'action', label: t('settings.pause.tomorrow'), action: 'pause-tomorrow' },
          { kind: 'action', label: t('settings.pause.resumed'), action: 'pause-resumed' },
        ],
      };
  const pausedInfo: TrayMenuItem[] = paused
    ? [
        {
          kind: 'info',
          label: isUntilResumed(state.pausedUntil)
            ? t('tray.pausedIndefinitely')
            : t('tray.pausedUntil', { time: timeFormat.format(state.pausedUntil ?? state.now) }),
          enabled: false,
        },
      ]
    : [];
  return [
    {
      kind: 'action',
      label: t('tray.log'),
      action: 'log',
      ...(state.logShortcut ? { accelerator: state.logShortcut } : {}),
    },
    SEPARATOR,
    ...(state.storageFull
      ? [{ kind: 'info' as const, label: t('tray.storageFull'), enabled: false }, SEPARATOR]
      : []),
    {
      kind: 'info',
      label: state.waiting > 0 ? t('tray.waiting', { count: state.waiting }) : t('tray.nothingWaiting'),
      enabled: false,
    },
    { kind: 'action', label: t('tray.sendNow'), action: 'send-now', enabled: state.waiting > 0 },
    ...refusedEntries(state.refused),
    ...pausedEntries(state.paused),
    SEPARATOR,
    ...pausedInfo,
    pauseItem,
    SEPARATOR,
    { kind: 'action', label: t('tray.myLearning'), action: 'my-learning' },
    { kind: 'action', label: t('tray.settings'), action: 'settings' },
    {
      kind: 'checkbox',
      label: t('tray.startAtLogin'),
      action: 'toggle-start-at-login',
      checked: state.startAtLogin,
    },
    SEPARATOR,
    { kind: 'action', label: t('tray.quit'), action: 'quit' },
  ];
}
