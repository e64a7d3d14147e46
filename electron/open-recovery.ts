// When a workspace will not open (truncated, not a workspace, newer version, locked), the desktop shows the
// reason and the recovery choices analytics/workspace-open-checks.ts offers, instead of a crash loop. The
// service process opens the file; this asks the user and tells it which choice to try.
import { dialog } from 'electron';
import type { ServiceProcess } from '../service/child-client.js';

/** True once the service has the workspace open (possibly after a restore or read-only); false when the user gave up. */
export async function openWithRecovery(service: ServiceProcess, path: string, allow: string[]): Promise<boolean> {
  const first = await service.start({ path, allow });
  if (first.ok) {
    // opened read-only (a read-only file or medium) or a stale lock taken over: said once, plainly
    if (first.notices.length) await dialog.showMessageBox({ type: 'info', title: '工作空间', message: first.notices.join('\n') });
    return true;
  }
  const choices = (first.error.choices ?? []).filter((c) => c.id === 'restore-latest' || c.id === 'open-read-only');
  if (!first.error.choices) {
    dialog.showErrorBox('无法打开工作空间', first.error.message);
    return false;
  }
  const buttons = [...choices.map((c) => c.label), '退出'];
  const { response } = await dialog.showMessageBox({
    type: 'error', title: '无法打开工作空间', message: first.error.message, buttons, cancelId: buttons.length - 1, noLink: true,
  });
  const chosen = choices[response];
  if (chosen?.id !== 'restore-latest' && chosen?.id !== 'open-read-only') return false;
  const again = await service.start({ path, allow, recover: chosen.id });
  if (!again.ok) {
    dialog.showErrorBox('恢复失败', again.error.message);
    return false;
  }
  if (again.restored) {
    await dialog.showMessageBox({ type: 'info', message: `已从备份恢复：${again.restored.id}${again.restored.movedAside ? `\n损坏的文件已移到备份文件夹：${again.restored.movedAside}` : ''}` });
  }
  return true;
}
