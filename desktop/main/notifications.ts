/**
 * A captured video or podcast is held for the policy's hold time: a desktop notification offers to tag it or
 * write a reflection (issue 5, part 3); clicking it opens the settings/status window on that item.
 */
import { Notification } from 'electron';
import { t } from '../../shared/ui/i18n';

export function notifyHeld(item: { id: string; title: string }, openItem: (id: string) => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({
    title: t('notify.heldTitle', { title: item.title.slice(0, 120) }),
    body: t('notify.heldBody'),
    actions: [{ type: 'button', text: t('notify.tag') }],
    silent: true,
  });
  notification.on('click', () => openItem(item.id));
  notification.on('action', () => openItem(item.id));
  notification.show();
}
