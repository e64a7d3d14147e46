// Unsaved drafts of the report sections (报告人工章节), kept in localStorage as the user types so that nothing typed
// is lost when the page changes district, scope, year or page, or the window reloads. One entry per workspace +
// year + entity + section; removed when the section is saved or its text equals the saved text again. While the
// open workspace has any draft, leaving the window asks first (beforeunload).
import { useEffect } from 'react';

const PREFIX = 'zonetrack.reportDraft/';

export interface DraftId {
  /** The workspace's path (WorkspaceInfo.path): drafts of another workspace are not offered here. */
  workspace: string;
  year: number;
  entity: string;
  section: string;
}

export interface Draft {
  text: string;
  /** When it was last edited (epoch ms). */
  at: number;
}

function storageKey(id: DraftId): string {
  return PREFIX + JSON.stringify([id.workspace, id.year, id.entity, id.section]);
}

const listeners = new Set<() => void>();
function changed() {
  for (const l of listeners) l();
}

export function readDraft(id: DraftId): Draft | null {
  try {
    const raw = localStorage.getItem(storageKey(id));
    if (raw === null) return null;
    const d = JSON.parse(raw) as Partial<Draft>;
    return typeof d.text === 'string' && typeof d.at === 'number' ? { text: d.text, at: d.at } : null;
  } catch {
    return null;
  }
}

/** Keeps `text` as the section's draft; false if the browser refused to store it (e.g. storage full). */
export function writeDraft(id: DraftId, text: string): boolean {
  let ok = true;
  try {
    localStorage.setItem(storageKey(id), JSON.stringify({ text, at: Date.now() } satisfies Draft));
  } catch {
    ok = false;
  }
  changed();
  return ok;
}

export function removeDraft(id: DraftId): void {
  try {
    localStorage.removeItem(storageKey(id));
  } catch {
    // nothing stored
  }
  changed();
}

/** Whether the workspace has any draft (of any year, entity or section). */
export function hasDrafts(workspace: string): boolean {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k?.startsWith(PREFIX)) continue;
      const parts = JSON.parse(k.slice(PREFIX.length)) as unknown;
      if (Array.isArray(parts) && parts[0] === workspace) return true;
    }
  } catch {
    // storage unreadable: no drafts it could hold
  }
  return false;
}

function confirmLeaving(event: BeforeUnloadEvent) {
  event.preventDefault();
  event.returnValue = ''; // older browsers and Electron look at returnValue
}

/** For the shell: while the workspace has unsaved drafts, the browser asks before the window is left or reloaded. */
export function useUnsavedDraftsGuard(workspace: string): void {
  useEffect(() => {
    let installed = false;
    const update = () => {
      const want = hasDrafts(workspace);
      if (want && !installed) window.addEventListener('beforeunload', confirmLeaving);
      if (!want && installed) window.removeEventListener('beforeunload', confirmLeaving);
      installed = want;
    };
    update();
    listeners.add(update);
    window.addEventListener('storage', update); // drafts written or removed in another window of the same origin
    return () => {
      listeners.delete(update);
      window.removeEventListener('storage', update);
      if (installed) window.removeEventListener('beforeunload', confirmLeaving);
    };
  }, [workspace]);
}
