// When a workspace will not open (truncated, not a workspace, newer version, locked), the desktop shows the
// reason and the recovery choices analytics/workspace-open-checks.ts offers, instead of a crash loop.
import { dialog } from 'electron';
import { isWorkspaceOpenError } from '../analytics/workspace-open-checks.js';
import { recoverFromBackup } from '../analytics/backup/backups.js';
import { Workspace } from '../analytics/workspace.js';

/** The workspace, opened (possibly after a restore or read-only), or undefined when the user gave up. */
export async function openWithRecovery(path: string): Promise<Workspace | undefined> {
  try {
    const ws = await Workspace.open(path);
    // opened read-only (a read-only file or medium), a stale lock taken over: said once, plainly
    if (ws.notices.length) await dialog.showMessageBox({ type: 'info', title: '工作空间', message: ws.notices.join('\n') });
    return ws;
  } catch (e) {
    if (!isWorkspaceOpenError(e)) {
      dialog.showErrorBox('无法打开工作空间', (e as Error).message);
      return undefined;
    }
    // only the choices the cause offers (a locked or unreadable file offers no restore); the rest are said in the message
    const choices = e.choices.filter((c) => c.id === 'restore-latest' || c.id === 'open-read-only');
    const buttons = [...choices.map((c) => c.label), '退出'];
    const { response } = await dialog.showMessageBox({
      type: 'error', title: '无法打开工作空间', message: e.message, buttons, cancelId: buttons.length - 1, noLink: true,
    });
    const chosen = choices[response];
    try {
      if (chosen?.id === 'restore-latest') {
        const r = await recoverFromBackup(path);
        await dialog.showMessageBox({ type: 'info', message: `已从备份恢复：${r.restored.id}${r.movedAside ? `\n损坏的文件已移到备份文件夹：${r.movedAside.id}` : ''}` });
        return await Workspace.open(path);
      }
      if (chosen?.id === 'open-read-only') return await Workspace.open(path, { readOnly: true });
    } catch (again) {
      dialog.showErrorBox('恢复失败', (again as Error).message);
    }
    return undefined;
  }
}
