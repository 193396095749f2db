import { z } from 'zod';
import { apiSchemas, epochMsSchema, idParam } from './common.ts';

/** A file a run produced. */
export const artifactSchema = z
  .object({
    id: z.string(),
    runId: z.string(),
    stepId: z.string(),
    name: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    createdAt: epochMsSchema,
  })
  .register(apiSchemas, { id: 'Artifact' });

export const artifactListSchema = z.object({ artifacts: z.array(artifactSchema) });
export const artifactParams = z.object({ id: idParam, artifactId: idParam });

/** The bytes of an artifact. */
export const artifactDataSchema = z.string().describe('The file, with its content type.');
