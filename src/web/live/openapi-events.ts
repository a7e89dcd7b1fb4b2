// The /api/events part of the OpenAPI document (openapi-document.ts): the participant's routes and the live state.

const problem = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problem } },
});
const isoTime = { type: ['string', 'null'], format: 'date-time' };
const codeParameter = {
  name: 'code',
  in: 'path',
  required: true,
  description: "The event's join code, in any case (`K7MP2Q`, `k7mp2q`).",
  schema: { type: 'string', maxLength: 200 },
};
const questionParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: "The question's public id, e.g. `q7Kx2aB9cD`.",
  schema: { type: 'string', maxLength: 200 },
};
const voter =
  'A browser is known by its voter token, an httpOnly cookie `veche_voter` (`__Host-veche_voter` on HTTPS) sent back with the first ' +
  'vote or question: send it again to vote as the same voter. A new token is rate limited per connection, higher with a proof of work.';
const json = (schema: unknown) => ({ 'application/json': { schema } });

/** eventPaths describes the /api/events routes. */
export const eventPaths = {
  '/api/events/{code}/state': {
    get: {
      operationId: 'getEventState',
      summary:
        'What the big screen and live viewers show now: counters, the question being answered, the top of each list.',
      description:
        'The same object that `GET /e/{code}/live` sends as its `state` events, for clients that cannot hold a stream.',
      parameters: [codeParameter],
      responses: {
        200: { description: 'The state.', content: json({ type: 'object' }) },
        404: problemResponse('No event has this code.'),
      },
    },
  },
  '/api/events/{code}': {
    get: {
      operationId: 'getEvent',
      summary:
        'An event: what it asks about, when, its rules for questions, its counters and the question being answered.',
      parameters: [codeParameter],
      responses: {
        200: { description: 'The event.', content: json({ $ref: '#/components/schemas/Event' }) },
        404: problemResponse('No event has this code.'),
      },
    },
  },
  '/api/events/{code}/questions': {
    get: {
      operationId: 'listQuestions',
      summary: "One public list of an event's questions.",
      description:
        "Texts hidden as abuse or personal data are null; their SHA-256 stays. `voted` is this browser's (from its voter cookie).",
      parameters: [
        codeParameter,
        {
          name: 'list',
          in: 'query',
          schema: { enum: ['popular', 'recent', 'answered', 'hidden'], default: 'popular' },
        },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 1000000, default: 0 } },
      ],
      responses: {
        200: {
          description: 'The list.',
          content: json({
            type: 'object',
            required: ['list', 'offset', 'questions'],
            properties: {
              list: { type: 'string' },
              offset: { type: 'integer' },
              questions: { type: 'array', items: { $ref: '#/components/schemas/Question' } },
            },
          }),
        },
        404: problemResponse('No event has this code.'),
        422: problemResponse('A query parameter is not valid (each named in `errors`).'),
      },
    },
    post: {
      operationId: 'askQuestion',
      summary: 'Ask a question.',
      description:
        'Unless `anyway` is true, questions already asked that say the same are answered first (200, nothing stored), so the ' +
        'person can vote for one instead; sent again with `anyway`, the question is stored. A proof of work (`altcha`, from ' +
        `\`GET /api/pow/challenge\`) is optional; without one, fewer questions per connection are allowed. ${voter}`,
      parameters: [codeParameter],
      requestBody: { required: true, content: json({ $ref: '#/components/schemas/QuestionRequest' }) },
      responses: {
        200: {
          description: 'Similar questions were found; nothing was stored.',
          content: json({
            type: 'object',
            required: ['status', 'similar'],
            properties: {
              status: { const: 'similar' },
              similar: { type: 'array', items: { $ref: '#/components/schemas/Question' } },
            },
          }),
        },
        201: {
          description: 'Stored: published at once, or waiting for a moderator.',
          content: json({
            type: 'object',
            required: ['status', 'question', 'url'],
            properties: {
              status: { enum: ['published', 'pending'] },
              question: { type: 'string' },
              url: { type: 'string', format: 'uri' },
            },
          }),
        },
        400: problemResponse('The body is not valid JSON.'),
        404: problemResponse('No event has this code.'),
        409: problemResponse('The event does not take questions now (`event-not-open`).'),
        415: problemResponse('The body is not `application/json`.'),
        422: problemResponse(
          'A field is not valid (`text`, `name`, `anyway`, `altcha`, or one not expected), each named in `errors`.',
        ),
        429: problemResponse('Too many questions from this connection; `Retry-After` says when to try again.'),
        503: problemResponse('The public record is behind; `Retry-After` says when to try again.'),
      },
    },
  },
  '/api/events/{code}/questions/{id}/vote': {
    post: {
      operationId: 'voteForQuestion',
      summary: 'Vote for a published question, once per voter.',
      description: `The body is \`{}\`, or \`{"altcha": …}\` with a proof of work for a browser without a voter token yet. ${voter}`,
      parameters: [codeParameter, questionParameter],
      requestBody: {
        required: true,
        content: json({ type: 'object', properties: { altcha: { type: 'string' } }, additionalProperties: false }),
      },
      responses: {
        200: { description: 'Counted.', content: json({ $ref: '#/components/schemas/VoteResult' }) },
        404: problemResponse('No event has this code, or it has no such public question.'),
        409: problemResponse(
          'Voted already (`already-voted`), the question takes no votes (`wrong-state`: hidden or answered), or the event is closed (`event-not-open`).',
        ),
        415: problemResponse('The body is not `application/json`.'),
        422: problemResponse('A field not expected, or a proof of work refused (`altcha`).'),
        429: problemResponse('Too many new voters from this connection.'),
      },
    },
    delete: {
      operationId: 'withdrawVote',
      summary: "Take this voter's vote for a question back.",
      parameters: [codeParameter, questionParameter],
      responses: {
        200: { description: 'Taken back.', content: json({ $ref: '#/components/schemas/VoteResult' }) },
        404: problemResponse('No event has this code, or it has no such public question.'),
        409: problemResponse(
          'This voter has no vote on the question (`wrong-state`), or the event is closed (`event-not-open`).',
        ),
      },
    },
  },
};

/** eventSchemas are the schemas the /api/events routes use. */
export const eventSchemas = {
  Question: {
    type: 'object',
    required: [
      'id',
      'text',
      'sha256',
      'author',
      'votes',
      'status',
      'hiddenReason',
      'group',
      'askedAt',
      'answeredAt',
      'voted',
    ],
    properties: {
      id: { type: 'string' },
      text: { type: ['string', 'null'], description: 'Null when hidden as abuse or personal data.' },
      sha256: { type: 'string', description: 'SHA-256 (hex) of the text, as the public record holds it.' },
      author: { type: ['string', 'null'], description: 'Null: anonymous (or withheld).' },
      votes: { type: 'integer' },
      status: { enum: ['published', 'answered', 'hidden'] },
      hiddenReason: { enum: ['spam', 'abuse', 'personal-data', 'duplicate', 'off-topic', null] },
      group: { type: 'integer', description: 'Equal for questions grouped as similar.' },
      askedAt: { type: 'string', format: 'date-time', description: 'To the minute.' },
      answeredAt: isoTime,
      voted: { type: 'boolean', description: 'Whether this browser (its voter cookie) voted for it.' },
    },
  },
  Event: {
    type: 'object',
    required: [
      'code',
      'title',
      'description',
      'addressee',
      'language',
      'timeZone',
      'startsAt',
      'endsAt',
      'closedAt',
      'status',
      'takingQuestions',
      'started',
      'rules',
      'counts',
      'pinned',
      'url',
    ],
    properties: {
      code: { type: 'string' },
      title: { type: 'string' },
      description: { type: 'string' },
      addressee: { type: 'string' },
      language: { enum: ['en', 'ru', 'uk'] },
      timeZone: { type: 'string', description: "IANA zone the event's times are given in." },
      startsAt: { type: 'string', format: 'date-time' },
      endsAt: { type: 'string', format: 'date-time' },
      closedAt: isoTime,
      status: { enum: ['open', 'closed'] },
      takingQuestions: {
        type: 'boolean',
        description: 'Questions and votes are taken from the opening (even before `startsAt`) until `endsAt`.',
      },
      started: { type: 'boolean' },
      rules: {
        type: 'object',
        required: ['moderation', 'anonymousAllowed', 'maxLength', 'proofOfWork'],
        properties: {
          moderation: { enum: ['before', 'after'] },
          anonymousAllowed: { type: 'boolean' },
          maxLength: { type: 'integer' },
          proofOfWork: { type: 'boolean' },
        },
      },
      counts: {
        type: 'object',
        description: 'asked, published, answered, pending, merged, votes, and hidden by reason.',
      },
      pinned: {
        oneOf: [{ $ref: '#/components/schemas/Question' }, { type: 'null' }],
        description: 'The question being answered now.',
      },
      url: { type: 'string', format: 'uri' },
    },
  },
  QuestionRequest: {
    type: 'object',
    required: ['text'],
    additionalProperties: false,
    properties: {
      text: { type: 'string', description: "At most the event's `rules.maxLength` characters." },
      name: { type: 'string', maxLength: 80, description: 'Required when the event takes no anonymous questions.' },
      anyway: { type: 'boolean', description: 'Store the question even if similar ones were asked.' },
      altcha: { type: 'string' },
    },
  },
  VoteResult: {
    type: 'object',
    required: ['question', 'votes', 'voted'],
    properties: {
      question: {
        type: 'string',
        description: "The question now holding the vote (a merged question's votes are on the one it joined).",
      },
      votes: { type: 'integer' },
      voted: { type: 'boolean' },
    },
  },
};
