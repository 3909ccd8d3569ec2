/**
 * Start at login (issue 5, part 1). macOS and Windows: `app.setLoginItemSettings`. Linux has no such API in
 * Electron: the XDG autostart entry (~/.config/autostart/trailnote.desktop) does the same for every desktop
 * that follows the spec (GNOME, KDE, Xfce...).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'electron';

export function autostartEntry(exec: string): string {
  // Desktop Entry spec: quote the path, escape what the Exec key treats specially.
  const quoted = `"${exec.replace(/(["`$\\])/g, '\\$1')}"`;
  return `[Desktop Entry]\nType=Application\nName=Trailnote\nExec=${quoted} --hidden\nX-GNOME-Autostart-enabled=true\nNoDisplay=true\n`;
}

export async function setStartAtLogin(
  app: App,
  enabled: boolean,
  platform: string = process.platform,
): Promise<void> {
  if (platform !== 'linux') {
    app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
    return;
  }
  const dir = join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'autostart');
  const file = join(dir, 'trailnote.desktop');
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(dir, { recursive: true });
  // An AppImage runs from a temporary mount: start the image itself.
  await writeFile(file, autostartEntry(process.env.APPIMAGE ?? process.execPath));
}
