import { describe, expect, it } from 'vitest';
import { createMediaState, createReadingState, reduceMedia, reduceReading } from '../../shared/capture';
import { resolveSettings } from '../../shared/policy';
import { thawStatement } from '../../shared/xapi';
import { rebuildWithTags } from '../../shared/learner/items';
import { finaliseSession } from './finalise';
import { parsePageMessage } from './learner';
import type { MediaSession, ReadingSession } from './sessions';
import { contentSender, isExtensionPage, parseContentMessage } from './validate';

const OWN = 'kcbmmnmnelilmdjcbjifjcjahgepbchi';
const t0 = Date.parse('2026-11-23T10:00:00Z');
const settings = resolveSettings({
  enforced: { capture: { articleMinSeconds: 30, holdMinutes: 5, mediaMinSeconds: 10, mediaMinPercent: 50 } },
}).settings;
const actor = { objectType: 'Agent' as const, mbox: 'mailto:ada@acme.example' };

function readingSession(engagedFor: number, canonicalHref = '/post'): ReadingSession {
  let state = reduceReading(createReadingState(), {
    type: 'start',
    at: t0,
    url: 'https://blog.example/post?utm_source=x#top',
    title: 'A post',
    canonicalHref,
    lang: 'en-GB',
    wordCount: 900,
    visible: true,
    focused: true,
  });
  for (let s = 10; s <= engagedFor; s += 10)
    state = reduceReading(state, { type: 'activity', at: t0 + s * 1000 });
  state = reduceReading(state, { type: 'scroll', at: t0 + engagedFor * 1000, depth: 0.5 });
  state = reduceReading(state, { type: 'end', at: t0 + engagedFor * 1000 });
  return {
    kind: 'reading',
    tabId: 1,
    frameId: 0,
    tabUrl: 'https://blog.example/post',
    lastEventAt: t0,
    statementId: crypto.randomUUID(),
    state,
  };
}

describe('content messages', () => {
  it('accepts well-formed events and rejects anything else', () => {
    expect(parseContentMessage({ type: 'reading', event: { type: 'activity', at: 1 } })).toEqual({
      type: 'reading',
      event: { type: 'activity', at: 1 },
    });
    for (const bad of [
      null,
      'x',
      [],
      { type: 'reading' },
      { type: 'reading', event: { type: 'activity', at: 'now' } },
      { type: 'reading', event: { type: 'start', at: 1, url: 'x'.repeat(5000) } },
      {
        type: 'media',
        element: 'e',
        key: 'k',
        event: { type: 'play', at: 1, position: 0 },
        page: { url: 'u' },
      },
      {
        type: 'media',
        element: 'e',
        key: 'k',
        event: { type: 'loaded', at: 1, mediaId: 'm', src: 's', kind: 'image' },
        page: { url: 'u', title: 't' },
      },
      { type: 'credentials/get' },
    ])
      expect(parseContentMessage(bad)).toBeUndefined();
  });

  it('only takes content scripts of this extension, in a tab', () => {
    expect(
      contentSender(
        { id: OWN, tab: { id: 4, url: 'https://a.example/', incognito: false }, frameId: 2 },
        OWN,
      ),
    ).toEqual({ tabId: 4, frameId: 2, tabUrl: 'https://a.example/', incognito: false });
    expect(contentSender({ id: 'other', tab: { id: 4 } }, OWN)).toBeUndefined();
    expect(contentSender({ id: OWN }, OWN)).toBeUndefined();
    expect(
      isExtensionPage(
        { id: OWN, url: `chrome-extension://${OWN}/popup.html` },
        OWN,
        `chrome-extension://${OWN}/`,
      ),
    ).toBe(true);
    expect(
      isExtensionPage(
        { id: OWN, url: 'https://evil.example/', tab: { id: 1, url: 'https://evil.example/' } },
        OWN,
        `chrome-extension://${OWN}/`,
      ),
    ).toBe(false);
  });

  it('validates page requests: item ids are UUIDs, skills IRIs, reflections bounded', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(
      parsePageMessage({
        type: 'item/update',
        id,
        skills: [{ id: 'https://s.example/1', name: ' X ' }],
        reflection: 'r',
      }),
    ).toEqual({
      type: 'item/update',
      id,
      skills: [{ id: 'https://s.example/1', name: 'X' }],
      reflection: 'r',
    });
    expect(
      parsePageMessage({
        type: 'item/update',
        id,
        skills: [{ id: 'not an iri', name: 'x' }],
        reflection: '',
      }),
    ).toBeUndefined();
    expect(
      parsePageMessage({ type: 'item/update', id, skills: [], reflection: 'x'.repeat(2001) }),
    ).toBeUndefined();
    expect(parsePageMessage({ type: 'item/update', id: 'a', skills: [], reflection: '' })).toBeUndefined();
    expect(
      parsePageMessage({ type: 'item/update', id, skills: [], reflection: '', more: 1 }),
    ).toBeUndefined();
    expect(parsePageMessage({ type: 'item/discard', id: '' })).toBeUndefined();
    expect(parsePageMessage({ type: 'item/discard', id })).toEqual({ type: 'item/discard', id });
    expect(parsePageMessage({ type: 'sync/now' })).toEqual({ type: 'sync/now' });
  });
});

describe('finalising sessions', () => {
  it('turns a read article into a held statement with the canonical URL', () => {
    const item = finaliseSession(readingSession(40), { settings, actor, now: t0 + 60_000, version: '0.1.0' });
    expect(item?.holdUntil).toBe(t0 + 60_000 + 5 * 60_000);
    const st = thawStatement(item!.json);
    expect(st.verb.id).toBe('http://activitystrea.ms/schema/1.0/read');
    expect((st.object as { id: string }).id).toBe('https://blog.example/post');
    expect(st.result?.completion).toBe(true);
    expect(st.context?.platform).toBe('blog.example');
    expect(st.actor).toEqual(actor);
  });

  it('names the page itself when its canonical link is on another site, and drops it when the canonical is blocked', () => {
    const ctx = { settings, actor, now: t0 + 60_000, version: '0.1.0' };
    const elsewhere = finaliseSession(readingSession(40, 'https://other.example/post'), ctx);
    expect((thawStatement(elsewhere!.json).object as { id: string }).id).toBe('https://blog.example/post');
    const blocking = {
      ...ctx,
      settings: { ...settings, capture: { ...settings.capture, blockedDomains: ['private.blog.example'] } },
    };
    expect(
      finaliseSession(readingSession(40, 'https://private.blog.example/post'), blocking),
    ).toBeUndefined();
    expect(finaliseSession(readingSession(40), blocking)).toBeDefined();
  });

  it('drops an article read for less than the threshold', () => {
    expect(
      finaliseSession(readingSession(20), { settings, actor, now: t0 + 60_000, version: '0.1.0' }),
    ).toBeUndefined();
  });

  const media = (kind: 'video' | 'audio', page: MediaSession['page'], seconds: number): MediaSession => {
    let state = reduceMedia(createMediaState(), {
      type: 'loaded',
      at: t0,
      mediaId: 'm',
      src: 'https://x.example/a',
      duration: 20,
      kind,
    });
    state = reduceMedia(state, { type: 'play', at: t0, position: 0 });
    state = reduceMedia(state, { type: 'pause', at: t0 + seconds * 1000, position: seconds });
    return {
      kind: 'media',
      tabId: 1,
      frameId: 0,
      tabUrl: page.url,
      lastEventAt: t0,
      statementId: crypto.randomUUID(),
      element: 'e1',
      key: 'k',
      state,
      page,
    };
  };

  it('captures a podcast episode with its show, and never music', () => {
    const podcast = finaliseSession(
      media(
        'audio',
        {
          url: 'https://pod.example/episodes/7',
          title: 'Ep 7',
          jsonLdTypes: ['PodcastEpisode'],
          mediaSession: { title: 'Episode 7', artist: 'Host', album: 'The Show' },
        },
        15,
      ),
      { settings, actor, now: t0 + 20_000, version: '0.1.0' },
    );
    const st = thawStatement(podcast!.json);
    expect(st.verb.id).toBe('http://activitystrea.ms/schema/1.0/listen');
    expect(st.context?.contextActivities?.parent?.[0]?.definition?.name).toEqual({ en: 'The Show' });
    const music = finaliseSession(
      media(
        'audio',
        {
          url: 'https://tunes.example/song',
          title: 'Song',
          jsonLdTypes: ['MusicRecording'],
          mediaSession: { title: 'Song', artist: 'Band', album: 'LP' },
        },
        15,
      ),
      { settings, actor, now: t0 + 20_000, version: '0.1.0' },
    );
    expect(music).toBeUndefined();
  });

  it('needs both the seconds and the percentage for media', () => {
    const page = { url: 'https://v.example/watch', title: 'A talk' };
    expect(
      finaliseSession(media('video', page, 9), { settings, actor, now: t0, version: '0.1.0' }),
    ).toBeUndefined();
    expect(
      finaliseSession(media('video', page, 12), { settings, actor, now: t0, version: '0.1.0' }),
    ).toBeDefined();
  });
});

describe('re-tagging a held item', () => {
  it('rebuilds the same statement id with skills in category and the reflection', () => {
    const item = finaliseSession(readingSession(40), {
      settings,
      actor,
      now: t0 + 60_000,
      version: '0.1.0',
    })!;
    const stored = { ...item, seq: 1, state: 'held' as const, createdAt: t0 };
    const { json, meta } = rebuildWithTags(stored, {
      skills: [{ id: 'https://skills.acme.example/s/negotiation', name: 'Negotiation' }],
      reflection: ' Useful. ',
    });
    const st = thawStatement(json);
    expect(st.id).toBe(item.id);
    expect(st.timestamp).toBe(thawStatement(item.json).timestamp);
    expect(st.context?.contextActivities?.category?.map((c) => c.id)).toContain(
      'https://skills.acme.example/s/negotiation',
    );
    expect(st.context?.extensions?.['http://id.tincanapi.com/extension/reflection']).toBe('Useful.');
    expect(meta.skills).toHaveLength(1);
  });
});
