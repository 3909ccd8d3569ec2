import { Variant } from 'dbus-next';
import { describe, expect, it } from 'vitest';
import {
  busSuffix,
  fileTitle,
  isBrowserPlayer,
  mediaKindFor,
  microsToSeconds,
  parseMetadata,
  playerName,
  trackKey,
} from './players';

const mpv = { busName: 'org.mpris.MediaPlayer2.mpv', identity: 'mpv', desktopEntry: 'mpv' };

describe('parseMetadata', () => {
  it('reads dbus-next Variants: strings, artist lists, µs lengths as BigInt', () => {
    const facts = parseMetadata({
      'mpris:trackid': new Variant('o', '/0'),
      'xesam:url': new Variant('s', 'file:///home/ada/ep.mp3'),
      'xesam:title': new Variant('s', '  Episode 12:\n Learning '),
      'xesam:artist': new Variant('as', ['Ada', '', 'Grace']),
      'xesam:album': new Variant('s', 'Trail Talk'),
      'mpris:length': new Variant('x', 6_034_286n),
    });
    expect(facts).toEqual({
      key: 'url:file:///home/ada/ep.mp3#/0',
      trackId: '/0',
      url: 'file:///home/ada/ep.mp3',
      title: 'Episode 12: Learning',
      artist: 'Ada, Grace',
      album: 'Trail Talk',
      lengthSeconds: 6.034286,
    });
  });

  it('junk gives absent fields, never an error', () => {
    expect(parseMetadata(undefined)).toEqual({ key: 'tags:["","",""]' });
    expect(parseMetadata(['x'])).toMatchObject({ key: 'tags:["","",""]' });
    const facts = parseMetadata({
      'xesam:title': new Variant('i', 42),
      'mpris:length': new Variant('x', -5n),
      'xesam:artist': 7,
    });
    expect(facts.title).toBeUndefined();
    expect(facts.lengthSeconds).toBeUndefined();
    expect(facts.artist).toBeUndefined();
  });

  it('microsToSeconds: BigInt or number µs; negative and NaN are unknown', () => {
    expect(microsToSeconds(2_500_000n)).toBe(2.5);
    expect(microsToSeconds(new Variant('x', 1_000_000n))).toBe(1);
    expect(microsToSeconds(-1)).toBeUndefined();
    expect(microsToSeconds(Number.NaN)).toBeUndefined();
    expect(microsToSeconds('1')).toBeUndefined();
  });
});

describe('trackKey', () => {
  it('ignores the title when a URL or track id exists (mpv sends the file name first, then the tag)', () => {
    const url = 'file:///a/ep.mp3';
    expect(trackKey({ url, trackId: '/0', title: 'ep.mp3' })).toBe(
      trackKey({ url, trackId: '/0', title: 'Episode' }),
    );
    expect(trackKey({ trackId: '/t/1', title: 'a' })).toBe(trackKey({ trackId: '/t/1', title: 'b' }));
  });

  it('the NoTrack path is no id: the tags decide', () => {
    const noTrack = '/org/mpris/MediaPlayer2/TrackList/NoTrack';
    expect(trackKey({ trackId: noTrack, title: 'a' })).not.toBe(trackKey({ trackId: noTrack, title: 'b' }));
  });
});

describe('players', () => {
  it('browsers are recognised by bus name, DesktopEntry or Identity', () => {
    expect(isBrowserPlayer({ busName: 'org.mpris.MediaPlayer2.chromium.instance12345' })).toBe(true);
    expect(isBrowserPlayer({ busName: 'org.mpris.MediaPlayer2.firefox.instance_1_23' })).toBe(true);
    expect(isBrowserPlayer({ busName: 'org.mpris.MediaPlayer2.plasma-browser-integration' })).toBe(true);
    expect(isBrowserPlayer({ busName: 'org.mpris.MediaPlayer2.x', desktopEntry: 'google-chrome' })).toBe(
      true,
    );
    expect(isBrowserPlayer({ busName: 'org.mpris.MediaPlayer2.x', desktopEntry: 'microsoft-edge' })).toBe(
      true,
    );
    expect(isBrowserPlayer({ busName: 'org.mpris.MediaPlayer2.x', identity: 'Brave' })).toBe(true);
    expect(isBrowserPlayer({ busName: 'org.mpris.MediaPlayer2.x', identity: 'Vivaldi' })).toBe(true);
    expect(isBrowserPlayer({ busName: 'org.mpris.MediaPlayer2.opera' })).toBe(true);
    expect(isBrowserPlayer({ busName: 'org.mpris.MediaPlayer2.x', identity: 'Mozilla Firefox' })).toBe(true);
  });

  it('media players are not browsers', () => {
    expect(isBrowserPlayer(mpv)).toBe(false);
    expect(isBrowserPlayer({ busName: 'org.mpris.MediaPlayer2.vlc', identity: 'VLC media player' })).toBe(
      false,
    );
    expect(isBrowserPlayer({ busName: 'org.mpris.MediaPlayer2.spotify', identity: 'Spotify' })).toBe(false);
    expect(isBrowserPlayer({ busName: 'org.mpris.MediaPlayer2.gpodder', identity: 'gPodder' })).toBe(false);
  });

  it('names: Identity, else the bus-name suffix without the instance', () => {
    expect(playerName(mpv)).toBe('mpv');
    expect(playerName({ busName: 'org.mpris.MediaPlayer2.vlc.instance4242' })).toBe('vlc');
    expect(busSuffix('org.mpris.MediaPlayer2.mpv.instance777')).toBe('mpv');
  });
});

describe('mediaKindFor', () => {
  it('file extension first', () => {
    expect(mediaKindFor({ url: 'file:///v/talk.mkv' }, mpv)).toBe('video');
    expect(mediaKindFor({ url: 'file:///v/My%20Talk.MP4' }, mpv)).toBe('video');
    expect(mediaKindFor({ url: 'https://cdn.example/ep.mp3?x=1' }, mpv)).toBe('audio');
    expect(mediaKindFor({ url: 'file:///p/ep.opus' }, { busName: 'org.mpris.MediaPlayer2.totem' })).toBe(
      'audio',
    );
  });

  it('video sites, then video-only players, else audio', () => {
    expect(mediaKindFor({ url: 'https://www.youtube.com/watch?v=abc' }, mpv)).toBe('video');
    expect(mediaKindFor({ url: 'https://vimeo.com/123' }, mpv)).toBe('video');
    expect(mediaKindFor({}, { busName: 'org.mpris.MediaPlayer2.totem', identity: 'Videos' })).toBe('video');
    expect(
      mediaKindFor(
        {},
        { busName: 'org.mpris.MediaPlayer2.io.github.celluloid_player.Celluloid', identity: 'Celluloid' },
      ),
    ).toBe('video');
    expect(
      mediaKindFor(
        { url: 'https://open.spotify.com/episode/1' },
        { busName: 'org.mpris.MediaPlayer2.spotify' },
      ),
    ).toBe('audio');
    expect(mediaKindFor({}, mpv)).toBe('audio');
  });

  it('fileTitle: the file name without extension, for file: URLs only', () => {
    expect(fileTitle('file:///home/ada/My%20Episode.mp3')).toBe('My Episode');
    expect(fileTitle('https://x.example/a.mp3')).toBeUndefined();
    expect(fileTitle(undefined)).toBeUndefined();
  });
});
