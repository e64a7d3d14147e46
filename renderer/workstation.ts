// What every page gets from the shell: the client, the workspace basics, the chosen year, navigation, and a way
// to say "the workspace changed" (after an import or a computation) so that the basics are read again.
import { createContext, useContext } from 'react';
import type { ApiClient, WorkspaceInfo } from '../service/contract.js';
import type { Catalogue } from '../indicators/catalogue/schema.js';
import type { DatasetLabel } from '../service/queries/datasets-list.js';
import type { Route } from './hooks/use-route.js';
import type { CycleSetting } from '../analytics/settings/workspace-settings.js';
import { datasetWord } from './i18n/server-words.js';

export interface Workstation {
  client: ApiClient;
  info: WorkspaceInfo;
  catalogue: Catalogue;
  /** Chinese names of datasets and their columns (empty if the server does not say). */
  datasets: DatasetLabel[];
  /** Every year with data or results, newest first. */
  years: number[];
  year: number | undefined;
  setYear: (y: number) => void;
  /** The evaluation cycle the user works in (stored in the workspace): 年度跟踪 or 五年评估. */
  cycle: CycleSetting;
  /** Stores the cycle and reads the basics again, so every page follows it. */
  setCycle: (cycle: CycleSetting) => Promise<void>;
  /** Opens a page (a new history entry), or with `replace` changes the current page's state in the URL. */
  go: (r: Route, o?: { replace?: boolean }) => void;
  /** Reads workspace/info again; pages whose data changed reload with the new `revision`. */
  refresh: () => void;
  revision: number;
}

export const WorkstationContext = createContext<Workstation | null>(null);

export function useWorkstation(): Workstation {
  const w = useContext(WorkstationContext);
  if (!w) throw new Error('useWorkstation outside the shell');
  return w;
}

/** A dataset's Chinese name, or its id. */
export function datasetLabel(w: Workstation, name: string): string {
  return datasetWord(name, w.datasets.find((d) => d.name === name)?.label ?? name);
}

/** A column's Chinese name within a dataset, or its id. */
export function columnLabel(w: Workstation, dataset: string, column: string): string {
  return w.datasets.find((d) => d.name === dataset)?.columns.find((c) => c.name === column)?.label ?? column;
}

/** Whether the year has computed results. */
export function isComputed(w: Workstation, year: number | undefined): year is number {
  return year !== undefined && w.info.computedYears.includes(year);
}
