import { apiRoutes, type RouteBody } from '@weft/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { errorText, useToast } from '../../ui/toasts.tsx';

export type ResumeBody = NonNullable<RouteBody<typeof apiRoutes.resumeRun>>;
export type RerunBody = RouteBody<typeof apiRoutes.rerunRun>;

/** What a person can do to a run: cancel it, retry a step, resume a waiting step, re-run from a step. */
export function useRunActions(runId: string) {
  const client = useQueryClient();
  const toast = useToast();
  const [, navigate] = useLocation();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: keys.run(runId), exact: true });
    void client.invalidateQueries({ queryKey: keys.allRuns });
  };
  const onError = (error: unknown) => toast(errorText(error), 'error');

  const cancel = useMutation({
    mutationFn: () => call(apiRoutes.cancelRun, { params: { id: runId }, body: {} }),
    onSuccess: () => {
      toast('Run cancelled', 'success');
      refresh();
    },
    onError,
  });
  const retry = useMutation({
    mutationFn: (stepId: string) => call(apiRoutes.retryStep, { params: { id: runId, stepId } }),
    onSuccess: (_, stepId) => {
      toast(`Retrying ${stepId}`, 'success');
      refresh();
    },
    onError,
  });
  const resume = useMutation({
    mutationFn: (body: ResumeBody) => call(apiRoutes.resumeRun, { params: { id: runId }, body }),
    onSuccess: () => refresh(),
    onError,
  });
  const rerun = useMutation({
    mutationFn: (body: RerunBody) => call(apiRoutes.rerunRun, { params: { id: runId }, body }),
    onSuccess: ({ run }) => {
      void client.invalidateQueries({ queryKey: keys.allRuns });
      toast('New run started', 'success');
      navigate(`/runs/${encodeURIComponent(run.id)}`);
    },
    // Its errors (a bad input, say) show in the re-run dialog, next to what caused them.
  });
  return { cancel, retry, resume, rerun };
}

export type RunActions = ReturnType<typeof useRunActions>;
