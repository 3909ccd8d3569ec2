// The session bus (D-Bus, npm dbus-next) as the MPRIS watcher uses it: connect with the watcher's match rules
// added (and awaited) before the first read, list the MPRIS names, route signals, make method calls with a
// timeout, and say when the bus goes away. Nothing here knows about players or playback (mpris.ts does).
import type * as DBusNext from 'dbus-next';
import type { Message, MessageBus } from 'dbus-next';
import { MPRIS_PREFIX, unwrap } from './players';

export const MPRIS_PATH = '/org/mpris/MediaPlayer2';
export const PLAYER_IFACE = 'org.mpris.MediaPlayer2.Player';
export const ROOT_IFACE = 'org.mpris.MediaPlayer2';
export const PROPS_IFACE = 'org.freedesktop.DBus.Properties';
export const DBUS = 'org.freedesktop.DBus';

/**
 * Bus-wide match rules, routed by sender. Per-player proxies would subscribe only after a player appeared,
 * asynchronously, and lose the changes a player sends right after it starts (mpv sends its tags ~0.1 s after its
 * file name).
 */
const MATCH_RULES = [
  `type='signal',sender='${DBUS}',interface='${DBUS}',member='NameOwnerChanged',arg0namespace='org.mpris.MediaPlayer2'`,
  `type='signal',interface='${PROPS_IFACE}',member='PropertiesChanged',path='${MPRIS_PATH}',arg0='${PLAYER_IFACE}'`,
  `type='signal',interface='${PLAYER_IFACE}',member='Seeked',path='${MPRIS_PATH}'`,
];

type DBusModule = typeof DBusNext;

/** A signal as the watcher routes it. */
export interface BusSignal {
  sender: string;
  path: string | undefined;
  interface: string | undefined;
  member: string | undefined;
  body: unknown[];
}

export interface SessionBusOptions {
  /** Default: DBUS_SESSION_BUS_ADDRESS. */
  busAddress?: string;
  /** For connecting and for each method call: a player that hangs must not hold the watcher forever. */
  timeoutMs: number;
  onSignal: (signal: BusSignal) => void;
  /** The bus went away after connecting (an error, or the daemon closed the connection). */
  onLost: (error: Error) => void;
}

export class SessionBus {
  private dbus: DBusModule | undefined;
  private bus: MessageBus | undefined;

  constructor(private readonly options: SessionBusOptions) {}

  /** Connect, add the match rules, and return the MPRIS names on the bus now. Rejects when it cannot. */
  async open(): Promise<string[]> {
    const mod = (await import('dbus-next')) as DBusModule & { default?: DBusModule };
    const dbus = mod.default ?? mod;
    this.dbus = dbus;
    const address = this.options.busAddress ?? process.env.DBUS_SESSION_BUS_ADDRESS;
    if (address === undefined || address === '') {
      throw new Error('no session bus address (DBUS_SESSION_BUS_ADDRESS is not set)');
    }
    const bus = dbus.sessionBus({ busAddress: address });
    this.bus = bus;
    const failed = new Promise<never>((_resolve, reject) => {
      bus.once('error', (error: unknown) => reject(asError(error)));
    });
    // Later errors (the bus going away) must never crash the app: they only change the watcher's status.
    bus.on('error', (error: unknown) => this.options.onLost(asError(error)));
    bus.on('message', (message: Message) => {
      if (message.type !== dbus.MessageType.SIGNAL) return;
      this.options.onSignal({
        sender: message.sender,
        path: message.path,
        interface: message.interface,
        member: message.member,
        body: Array.isArray(message.body) ? (message.body as unknown[]) : [],
      });
    });
    // dbus-next does not forward the end of its stream (the bus daemon quitting) as an event of the bus; its
    // connection has one. Without it, an event-driven watcher would say "watching" forever.
    const connection = (
      bus as unknown as { _connection?: { on?: (event: string, listener: () => void) => void } }
    )._connection;
    connection?.on?.('end', () => this.options.onLost(new Error('the bus closed the connection')));
    const connect = async (): Promise<unknown[]> => {
      for (const rule of MATCH_RULES)
        await this.call(DBUS, '/org/freedesktop/DBus', DBUS, 'AddMatch', 's', [rule]);
      const [names] = await this.call(DBUS, '/org/freedesktop/DBus', DBUS, 'ListNames');
      return Array.isArray(names) ? (names as unknown[]) : [];
    };
    const names = await withTimeout(
      Promise.race([connect(), failed]),
      this.options.timeoutMs,
      'the session bus did not answer',
    );
    return names.filter((name): name is string => typeof name === 'string' && name.startsWith(MPRIS_PREFIX));
  }

  /** The unique connection name that owns `name`, if it is still there. */
  async ownerOf(name: string): Promise<string | undefined> {
    try {
      const [owner] = await this.call(DBUS, '/org/freedesktop/DBus', DBUS, 'GetNameOwner', 's', [name]);
      return typeof owner === 'string' && owner !== '' ? owner : undefined;
    } catch {
      return undefined; // it left between ListNames and now
    }
  }

  /** All properties of one of a player's interfaces (rejects when the player does not answer). */
  async getAll(owner: string, iface: string): Promise<unknown> {
    const [all] = await this.call(owner, MPRIS_PATH, PROPS_IFACE, 'GetAll', 's', [iface]);
    return all;
  }

  /** One property of the player interface, or undefined (the player left, or does not implement it). */
  async get(owner: string, name: string): Promise<unknown> {
    try {
      const [value] = await this.call(owner, MPRIS_PATH, PROPS_IFACE, 'Get', 'ss', [PLAYER_IFACE, name]);
      return unwrap(value);
    } catch {
      return undefined;
    }
  }

  disconnect(): void {
    try {
      this.bus?.disconnect();
    } catch {
      // already closed
    }
    this.bus = undefined;
  }

  /** One method call; the reply's body (an error reply rejects with the D-Bus error). */
  private async call(
    destination: string,
    path: string,
    iface: string,
    member: string,
    signature = '',
    body: unknown[] = [],
  ): Promise<unknown[]> {
    const { bus, dbus } = this;
    if (bus === undefined || dbus === undefined) throw new Error('not connected to the session bus');
    const reply = await withTimeout(
      bus.call(new dbus.Message({ destination, path, interface: iface, member, signature, body })),
      this.options.timeoutMs,
      `${member} on ${destination} did not answer`,
    );
    return Array.isArray(reply?.body) ? (reply.body as unknown[]) : [];
  }
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
