import { apiRoutes, routeUrl } from '@weft/api';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { keys } from '../api/queries.ts';
import { openEventStream } from '../api/sse.ts';

/**
 * Follows the status changes of every run and refreshes the run lists, the run views and the
 * workflows' last-run column when one changes (at most every 300 ms).
 */
export function useRunStatusFeed(): void {
  const client = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const runIds = new Set<string>();
    const flush = () => {
      timer = undefined;
      void client.invalidateQueries({ queryKey: keys.allRuns });
      void client.invalidateQueries({ queryKey: keys.allWorkflows });
      for (const id of runIds) void client.invalidateQueries({ queryKey: keys.run(id) });
      runIds.clear();
    };
    return openEventStream(routeUrl(apiRoutes.streamRunStatuses), {
      onMessage: (message) => {
        try {
          const change = JSON.parse(message.data) as { runId?: string };
          if (change.runId) runIds.add(change.runId);
        } catch {
          return;
        }
        timer ??= setTimeout(flush, 300);
      },
      onOpen: () => void client.invalidateQueries({ queryKey: keys.allRuns }),
    });
  }, [client]);
}
