import { ApiError, isUnauthorized } from '../../api/errors.ts';
import { ProblemList } from '../../ui/states.tsx';
import { TokenForm } from '../../ui/TokenForm.tsx';
import { errorText } from '../../ui/toasts.tsx';
import { problemsOf } from '../workflows/problems.ts';
import '../workflows/forms.css';

/** Why a form was refused: each field problem with its path, a conflict explained, or a token to enter. */
export function FormError({ error, conflict }: { error: unknown; conflict?: string | undefined }) {
  const problems = problemsOf(error);
  return (
    <div className="form-error" role="alert">
      {conflict ? (
        <p>{conflict}</p>
      ) : isUnauthorized(error) ? (
        <>
          <p>This server needs an API token.</p>
          <TokenForm />
        </>
      ) : (
        <>
          <p>
            <strong>{error instanceof ApiError && error.status === 400 ? 'Not saved:' : 'Failed:'}</strong>
            {problems.length === 0 && ` ${errorText(error)}`}
          </p>
          <ProblemList problems={problems} />
        </>
      )}
    </div>
  );
}
