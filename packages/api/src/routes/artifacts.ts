import { defineRoute } from '../route.ts';
import { artifactDataSchema, artifactListSchema, artifactParams } from '../schemas/artifacts.ts';
import { runIdParams } from '../schemas/runs.ts';

const tags = ['runs'] as const;

export const listRunArtifacts = defineRoute({
  id: 'listRunArtifacts',
  method: 'GET',
  path: '/api/runs/:id/artifacts',
  summary: 'List the files a run produced',
  tags,
  params: runIdParams,
  response: artifactListSchema,
  errors: [404],
});

export const downloadRunArtifact = defineRoute({
  id: 'downloadRunArtifact',
  method: 'GET',
  path: '/api/runs/:id/artifacts/:artifactId',
  summary: 'Download a file a run produced',
  description: 'Answers the bytes with the artifact’s content type, as an attachment named after it.',
  tags,
  params: artifactParams,
  response: artifactDataSchema,
  produces: 'application/octet-stream',
  errors: [404],
});
