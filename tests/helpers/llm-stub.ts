import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local OpenAI-compatible server for tests: `POST /v1/chat/completions` answers from a script of
// replies, one per request (the last one repeats), so a test decides exactly what the real `openai`
// client receives: valid JSON, text, a wrong shape, a 429 before success, a 500 forever, a hang.

export type StubReply =
  | { kind: 'content'; content: string; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { kind: 'status'; status: number; retryAfterSeconds?: number; body?: string }
  | { kind: 'hang' };

export interface LlmStub {
  baseUrl: string;
  /** Bodies of the chat requests received, parsed. */
  requests: { model: string; messages: { role: string; content: string }[]; response_format?: unknown }[];
  authorizations: (string | undefined)[];
  script(replies: StubReply[]): void;
  /** Guardrail-judge requests (json_schema "guardrail_judgement"), kept apart from the evolver's. */
  judgeRequests: { messages: { role: string; content: string }[]; response_format?: unknown }[];
  /** Replies to judge requests, one per request (the last repeats); by default every phrase is judged quality-only. */
  scriptJudge(replies: StubReply[] | null): void;
  close(): Promise<void>;
}

export const validEvolution = (prompt: string, extra: Record<string, unknown> = {}): StubReply => ({
  kind: 'content',
  content: JSON.stringify({
    improved_prompt: prompt,
    improved_negative_prompt: 'drawn, sketch, cartoon, blurry, flat lighting, plastic',
    changes: ['added ambient occlusion'],
    reasoning: 'Ambient occlusion grounds objects and adds depth.',
    expected_improvement: 'More depth',
    ...extra,
  }),
  usage: { prompt_tokens: 420, completion_tokens: 80 },
});

/** The judge's default answer: every phrase asked about only changes rendering quality. */
function qualityOnly(user: string): StubReply {
  const asked = (JSON.parse(user) as { changed_phrases?: string[] }).changed_phrases ?? [];
  return { kind: 'content', content: JSON.stringify({ phrases: asked.map((phrase) => ({ phrase, changes_content: false, reason: 'rendering only' })) }) };
}

/** A judge answer with the given verdicts. */
export const judgeAnswer = (verdicts: { phrase: string; changes_content: boolean; reason?: string }[]): StubReply => ({
  kind: 'content',
  content: JSON.stringify({ phrases: verdicts.map((v) => ({ reason: 'stub', ...v })) }),
});

export async function startLlmStub(): Promise<LlmStub> {
  let replies: StubReply[] = [{ kind: 'status', status: 500 }];
  let served = 0;
  let judgeReplies: StubReply[] | null = null;
  let judgeServed = 0;
  const hanging = new Set<ServerResponse>();
  const stub: Omit<LlmStub, 'baseUrl'> & { baseUrl: string } = {
    baseUrl: '',
    requests: [],
    authorizations: [],
    script(next) {
      replies = next;
      served = 0;
    },
    judgeRequests: [],
    scriptJudge(next) {
      judgeReplies = next;
      judgeServed = 0;
    },
    async close() {
      for (const res of hanging) res.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
  const read = (req: IncomingMessage) =>
    new Promise<string>((done) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => done(body));
    });
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await read(req);
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const parsed = JSON.parse(body) as LlmStub['requests'][number] & { response_format?: { json_schema?: { name?: string } } };
      const judging = parsed.response_format?.json_schema?.name === 'guardrail_judgement';
      if (judging) stub.judgeRequests.push(parsed);
      else stub.requests.push(parsed);
      stub.authorizations.push(req.headers.authorization);
      const reply = judging
        ? judgeReplies
          ? judgeReplies[Math.min(judgeServed++, judgeReplies.length - 1)]!
          : qualityOnly(parsed.messages.at(-1)?.content ?? '{}')
        : replies[Math.min(served++, replies.length - 1)]!;
      if (reply.kind === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (reply.kind === 'status') {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(reply.retryAfterSeconds);
        res.writeHead(reply.status, headers).end(reply.body ?? JSON.stringify({ error: { message: `stub status ${reply.status}`, type: 'stub' } }));
        return;
      }
      const usage = reply.usage ?? { prompt_tokens: 10, completion_tokens: 5 };
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `chatcmpl-${served}`,
          object: 'chat.completion',
          created: 0,
          model: 'stub-model',
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: reply.content } }],
          usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
        }),
      );
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  stub.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return stub;
}
