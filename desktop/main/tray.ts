/** The tray icon and its menu, built from core/tray-menu.ts's model (the menu's words and order live there). */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { trayMenu, type TrayAction, type TrayMenuItem, type TrayState } from '../core/tray-menu';
import { t } from '../../shared/ui/i18n';

export function toMenuTemplate(
  items: TrayMenuItem[],
  act: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { label: item.label, submenu: toMenuTemplate(item.submenu ?? [], act) };
      case 'checkbox':
        return {
          type: 'checkbox',
          label: item.label,
          checked: item.checked ?? false,
          click: () => item.action && act(item.action),
        };
      case 'info':
        return { label: item.label, enabled: false };
      case 'action':
        return {
          label: item.label,
          enabled: item.enabled ?? true,
          ...(item.accelerator ? { accelerator: item.accelerator, registerAccelerator: false } : {}),
          click: () => item.action && act(item.action),
        };
    }
  });
}

export class TrayIcon {
  private readonly tray: Tray;

  constructor(
    iconPath: string,
    private readonly act: (action: TrayAction) => void,
  ) {
    this.tray = new Tray(nativeImage.createFromPath(iconPath));
    this.tray.setToolTip(t('tray.tooltip'));
  }

  update(state: TrayState): void {
    this.tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(trayMenu(state), this.act)));
  }

  destroy(): void {
    this.tray.destroy();
  }
}
