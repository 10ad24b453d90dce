import { createContext, useContext, type ReactNode } from 'react';
import type { PaneServices } from './pane-services';

const PaneContext = createContext<PaneServices | null>(null);

export function PaneProvider(props: { services: PaneServices; children: ReactNode }) {
  return <PaneContext.Provider value={props.services}>{props.children}</PaneContext.Provider>;
}

export function usePane(): PaneServices {
  const services = useContext(PaneContext);
  if (!services) throw new Error('usePane() needs a <PaneProvider> above it.');
  return services;
}
