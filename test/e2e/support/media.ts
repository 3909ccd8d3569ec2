import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Media the fixture pages play, generated with ffmpeg (never committed): a test pattern with a tone, a spoken-word
 * stand-in and a "song", six seconds each, so tests can play them to the end in real time.
 */
export function generateMedia(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const ff = (out: string, ...args: string[]) => {
    if (!existsSync(join(dir, out)))
      execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...args, join(dir, out)]);
  };
  ff(
    'clip.webm',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x240:rate=15',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=330',
    '-t',
    '6',
    '-c:v',
    'libvpx',
    '-b:v',
    '200k',
    '-c:a',
    'libopus',
    '-shortest',
  );
  ff(
    'episode.ogg',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440',
    '-t',
    '6',
    '-c:a',
    'libopus',
    '-metadata',
    'title=Episode 7: Learning in the flow of work',
  );
  ff(
    'song.ogg',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=523',
    '-t',
    '6',
    '-c:a',
    'libopus',
    '-metadata',
    'title=Loop in C',
  );
}
