// What every page gets from the shell: the client, the workspace basics, the chosen year, navigation, and a way
// to say "the workspace changed" (after an import or a computation) so that the basics are read again.
import { createContext, useContext } from 'react';
import type { ApiClient, WorkspaceInfo } from '../service/contract.js';
import type { Catalogue } from '../indicators/catalogue/schema.js';
import type { Route } from './hooks/use-route.js';

export interface Workstation {
  client: ApiClient;
  info: WorkspaceInfo;
  catalogue: Catalogue;
  /** Every year with data or results, newest first. */
  years: number[];
  year: number | undefined;
  setYear: (y: number) => void;
  go: (r: Route) => void;
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

/** The districts of the workspace that have results, for pickers (code → name), from an overview or score sheets. */
export function isComputed(w: Workstation, year: number | undefined): year is number {
  return year !== undefined && w.info.computedYears.includes(year);
}
