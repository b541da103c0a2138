/** The UI's two session calls to its agent (issue 6): what is sent, and that a failing agent never hangs the screen. */
import { describe, expect, it } from 'vitest';
import { endAgentSession, startAgentSession } from '../../../kiosk-ui/src/agent/session-client.ts';

type Call = { url: string; init?: RequestInit };

function fakeFetch(answer: () => Promise<Response>, calls: Call[]) {
  return (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return answer();
  };
}

describe('session client', () => {
  it('when the agent opens a session, then its id is returned', async () => {
    const calls: Call[] = [];
    const id = await startAgentSession(fakeFetch(async () => Response.json({ sessionId: 's-1' }), calls));
    expect(id).toBe('s-1');
    expect(calls[0]?.url).toBe('/agent/session/start');
    expect(calls[0]?.init?.method).toBe('POST');
  });

  it('when the agent answers an error or no id, then starting fails with the reason', async () => {
    await expect(
      startAgentSession(fakeFetch(async () => new Response('', { status: 503 }), [])),
    ).rejects.toThrow(/HTTP 503/);
    await expect(startAgentSession(fakeFetch(async () => Response.json({}), []))).rejects.toThrow(
      /without an id/,
    );
  });

  it('when a session ends, then the agent is told which one and why', async () => {
    const calls: Call[] = [];
    await endAgentSession(
      's-1',
      'idle',
      fakeFetch(async () => Response.json({ ended: true }), calls),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/agent/session/end');
    expect(new Headers(calls[0]?.init?.headers).get('x-session-id')).toBe('s-1');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ reason: 'idle' });
  });

  it('when the agent is down, then ending still resolves; with no session, the agent is not asked', async () => {
    const calls: Call[] = [];
    await expect(
      endAgentSession(
        's-1',
        'cancelled',
        fakeFetch(() => Promise.reject(new TypeError('fetch failed')), calls),
      ),
    ).resolves.toBeUndefined();
    await endAgentSession(
      null,
      'cancelled',
      fakeFetch(async () => Response.json({}), calls),
    );
    expect(calls).toHaveLength(1);
  });
});
